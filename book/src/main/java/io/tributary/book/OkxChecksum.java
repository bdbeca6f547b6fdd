package io.tributary.book;

import io.tributary.model.AsciiBuffer;
import io.tributary.model.Side;

import java.util.zip.CRC32;

/**
 * OKX v5 book checksum (exchange-protocols.md §9.5, §12.2): up to 25 levels per side, interleaved
 * {@code bid1price:bid1size:ask1price:ask1size:...}, a side that runs out lets the other continue; numbers as the
 * exchange wrote them; CRC32 compared as a signed 32-bit integer.
 */
public final class OkxChecksum implements BookChecksum {

    private static final int LEVELS = 25;

    private final AsciiBuffer text = new AsciiBuffer(2048);
    private final CRC32 crc = new CRC32();

    @Override
    public long compute(L2Book book) {
        text.clear();
        int bids = Math.min(LEVELS, book.depth(Side.BID));
        int asks = Math.min(LEVELS, book.depth(Side.ASK));
        for (int level = 0; level < LEVELS; level++) {
            if (level < bids) {
                appendLevel(book, Side.BID, level);
            }
            if (level < asks) {
                appendLevel(book, Side.ASK, level);
            }
        }
        crc.reset();
        crc.update(text.array(), 0, text.length());
        return (int) crc.getValue();
    }

    /** @return the string that was hashed by the last {@link #compute} (for diagnostics) */
    public String lastInput() {
        return text.toString();
    }

    private void appendLevel(L2Book book, Side side, int level) {
        if (text.length() > 0) {
            text.append(':');
        }
        text.appendPlain(book.price(side, level), book.priceScale(), book.priceDecimals(side, level));
        text.append(':');
        text.appendPlain(book.size(side, level), book.sizeScale(), book.sizeDecimals(side, level));
    }
}
