package io.tributary.book;

/**
 * An exchange's checksum over an {@link L2Book}, computed the way the exchange computes it, so that
 * {@code compute(book) == sent} holds exactly when the book matches (unsigned values for Kraken, signed 32-bit
 * for OKX and Bitfinex). Implementations reuse their buffers: one instance per writer thread.
 */
@FunctionalInterface
public interface BookChecksum {

    /** @return the checksum of the book as the exchange would send it (writer thread) */
    long compute(L2Book book);
}
