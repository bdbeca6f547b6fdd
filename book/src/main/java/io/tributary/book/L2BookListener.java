package io.tributary.book;

/**
 * Told what changed after each message applied to an {@link L2Book} (or each single-level change made outside a
 * message). Called on the writer thread, after the change is visible to readers; it may read the book with the
 * writer-thread accessors and must return quickly.
 */
@FunctionalInterface
public interface L2BookListener {

    /** The best bid price changed (including appearing or disappearing). */
    int BEST_BID_PRICE = 1;
    /** The best ask price changed (including appearing or disappearing). */
    int BEST_ASK_PRICE = 1 << 1;
    /** The size at the best bid changed while its price stayed. */
    int BEST_BID_SIZE = 1 << 2;
    /** The size at the best ask changed while its price stayed. */
    int BEST_ASK_SIZE = 1 << 3;
    /** Some level changed (always set when anything changed). */
    int LEVELS = 1 << 4;
    /** The change was a full snapshot. */
    int SNAPSHOT = 1 << 5;
    /** After the change, best bid >= best ask. */
    int CROSSED = 1 << 6;

    /**
     * @param book    the book that changed
     * @param changes a bit set of the constants of this interface
     */
    void onBookChanged(L2Book book, int changes);
}
