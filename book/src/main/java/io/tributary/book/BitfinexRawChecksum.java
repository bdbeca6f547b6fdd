package io.tributary.book;

import io.tributary.model.AsciiBuffer;
import io.tributary.model.Side;

import java.util.zip.CRC32;

/**
 * Bitfinex v2 raw book (R0) checksum (exchange-protocols.md §11.6, §11.7, §12.3) over an {@link L3Book}: the best 25
 * orders per side (levels best first, orders within a level by id ascending), bid then ask for each position, as
 * {@code orderId:amount} joined with {@code :}; ask amounts negative, JavaScript number rendering; CRC32, signed.
 */
public final class BitfinexRawChecksum {

    private static final int ORDERS = 25;

    private final AsciiBuffer text = new AsciiBuffer(2048);
    private final CRC32 crc = new CRC32();
    private final long[] bidIds = new long[ORDERS];
    private final long[] bidSizes = new long[ORDERS];
    private final long[] askIds = new long[ORDERS];
    private final long[] askSizes = new long[ORDERS];
    private long[] levelIds = new long[64];
    private long[] levelSizes = new long[64];

    /** @return the checksum of the book as Bitfinex would send it (writer thread) */
    public long compute(L3Book book) {
        int bids = collect(book, Side.BID, bidIds, bidSizes);
        int asks = collect(book, Side.ASK, askIds, askSizes);
        text.clear();
        for (int i = 0; i < ORDERS; i++) {
            if (i < bids) {
                append(bidIds[i], bidSizes[i], book.sizeScale());
            }
            if (i < asks) {
                append(askIds[i], -askSizes[i], book.sizeScale());
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

    private void append(long id, long amount, int sizeScale) {
        if (text.length() > 0) {
            text.append(':');
        }
        text.append(id).append(':').appendJs(amount, sizeScale);
    }

    /** Fills the best orders of a side in checksum order. @return how many */
    private int collect(L3Book book, Side side, long[] ids, long[] sizes) {
        int n = 0;
        for (int level = 0, depth = book.depth(side); level < depth && n < ORDERS; level++) {
            int count = book.orderCount(side, level);
            if (count > levelIds.length) {
                levelIds = new long[Math.max(count, levelIds.length * 2)];
                levelSizes = new long[levelIds.length];
            }
            book.orders(side, level, levelIds, levelSizes);
            sortById(count);
            for (int i = 0; i < count && n < ORDERS; i++, n++) {
                ids[n] = levelIds[i];
                sizes[n] = levelSizes[i];
            }
        }
        return n;
    }

    /** Insertion sort of the level's (id, size) pairs by id: levels hold few orders. */
    private void sortById(int count) {
        for (int i = 1; i < count; i++) {
            long id = levelIds[i];
            long size = levelSizes[i];
            int j = i - 1;
            while (j >= 0 && levelIds[j] > id) {
                levelIds[j + 1] = levelIds[j];
                levelSizes[j + 1] = levelSizes[j];
                j--;
            }
            levelIds[j + 1] = id;
            levelSizes[j + 1] = size;
        }
    }
}
