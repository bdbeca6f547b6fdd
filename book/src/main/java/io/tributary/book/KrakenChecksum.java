package io.tributary.book;

import io.tributary.model.AsciiBuffer;
import io.tributary.model.Side;

import java.util.zip.CRC32;

/**
 * Kraken v1/v2 book checksum (exchange-protocols.md §7.6, §12.1): the top 10 asks (lowest first), then the top 10
 * bids (highest first); each level's price then size with the point and leading zeros removed, using the digits
 * the exchange wrote ({@code 0.00000500} → {@code 500}); CRC32, unsigned.
 */
public final class KrakenChecksum implements BookChecksum {

    private static final int LEVELS = 10;

    private final AsciiBuffer text = new AsciiBuffer(512);
    private final CRC32 crc = new CRC32();

    @Override
    public long compute(L2Book book) {
        text.clear();
        appendSide(book, Side.ASK);
        appendSide(book, Side.BID);
        crc.reset();
        crc.update(text.array(), 0, text.length());
        return crc.getValue();
    }

    /** @return the string that was hashed by the last {@link #compute} (for diagnostics) */
    public String lastInput() {
        return text.toString();
    }

    private void appendSide(L2Book book, Side side) {
        for (int level = 0, n = Math.min(LEVELS, book.depth(side)); level < n; level++) {
            text.appendDigits(book.price(side, level), book.priceScale(), book.priceDecimals(side, level));
            text.appendDigits(book.size(side, level), book.sizeScale(), book.sizeDecimals(side, level));
        }
    }
}
