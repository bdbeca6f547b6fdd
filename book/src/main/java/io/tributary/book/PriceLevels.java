package io.tributary.book;

import java.util.Arrays;

/**
 * One side of an L2 book: parallel primitive arrays sorted so that the best level is at the end (most updates
 * touch the top, so inserts and deletes there move few elements). Binary search + {@code arraycopy}; measured as
 * the fastest option in dependencies.md §3. Not thread-safe: {@link L2Book} guards it.
 */
final class PriceLevels {

    private final boolean bids;
    long[] prices;
    long[] sizes;
    /** Decimals as written: price decimals in the high byte, size decimals in the low byte. */
    short[] decimals;
    int count;

    PriceLevels(boolean bids, int initialCapacity) {
        this.bids = bids;
        int capacity = Math.max(8, initialCapacity);
        prices = new long[capacity];
        sizes = new long[capacity];
        decimals = new short[capacity];
    }

    /**
     * Inserts, replaces, or (size 0) deletes a level.
     *
     * @return true if the book changed (deleting an absent level does not)
     */
    boolean set(long price, long size, int pDecimals, int sDecimals) {
        int index = find(price);
        if (size == 0) {
            if (index < 0) {
                return false;
            }
            System.arraycopy(prices, index + 1, prices, index, count - index - 1);
            System.arraycopy(sizes, index + 1, sizes, index, count - index - 1);
            System.arraycopy(decimals, index + 1, decimals, index, count - index - 1);
            count--;
            return true;
        }
        if (index >= 0) {
            sizes[index] = size;
            decimals[index] = packDecimals(pDecimals, sDecimals);
            return true;
        }
        int insertAt = -index - 1;
        if (count == prices.length) {
            grow();
        }
        System.arraycopy(prices, insertAt, prices, insertAt + 1, count - insertAt);
        System.arraycopy(sizes, insertAt, sizes, insertAt + 1, count - insertAt);
        System.arraycopy(decimals, insertAt, decimals, insertAt + 1, count - insertAt);
        prices[insertAt] = price;
        sizes[insertAt] = size;
        decimals[insertAt] = packDecimals(pDecimals, sDecimals);
        count++;
        return true;
    }

    int priceDecimals(int index) {
        return decimals[index] >> 8;
    }

    int sizeDecimals(int index) {
        return decimals[index] & 0xFF;
    }

    private static short packDecimals(int priceDecimals, int sizeDecimals) {
        return (short) (priceDecimals << 8 | sizeDecimals);
    }

    /** @return the size at {@code price}, 0 if there is no such level */
    long sizeAt(long price) {
        int index = find(price);
        return index < 0 ? 0 : sizes[index];
    }

    /** Keeps only the best {@code depth} levels. @return number of levels removed */
    int truncate(int depth) {
        int excess = count - depth;
        if (excess <= 0) {
            return 0;
        }
        System.arraycopy(prices, excess, prices, 0, depth);
        System.arraycopy(sizes, excess, sizes, 0, depth);
        System.arraycopy(decimals, excess, decimals, 0, depth);
        count = depth;
        return excess;
    }

    /** @return array index of the {@code level}-th best level (0 = best) */
    int index(int level) {
        if (level < 0 || level >= count) {
            throw new IndexOutOfBoundsException("level " + level + " of " + count);
        }
        return count - 1 - level;
    }

    /** @return best price, or {@link L2Book#NO_PRICE} when empty */
    long best() {
        return count == 0 ? L2Book.NO_PRICE : prices[count - 1];
    }

    long bestSize() {
        return count == 0 ? 0 : sizes[count - 1];
    }

    /**
     * Binary search; bids ascend, asks descend, so the best is always last. The loop has no data-dependent branch
     * (the JIT turns the select into a conditional move), which matters because which way a price goes is random.
     *
     * @return the index of {@code price}, or {@code -(insertion point) - 1}
     */
    private int find(long price) {
        int n = count;
        if (n == 0) {
            return -1;
        }
        long best = prices[n - 1]; // most updates are at or beyond the top: answer those without searching
        if (best == price) {
            return n - 1;
        }
        if (bids ? price > best : price < best) {
            return -n - 1;
        }
        int low = 0;
        if (bids) {
            while (n > 1) {
                int half = n >>> 1;
                low = prices[low + half] <= price ? low + half : low;
                n -= half;
            }
            long found = prices[low];
            return found == price ? low : -(found < price ? low + 1 : low) - 1;
        }
        while (n > 1) {
            int half = n >>> 1;
            low = prices[low + half] >= price ? low + half : low;
            n -= half;
        }
        long found = prices[low];
        return found == price ? low : -(found > price ? low + 1 : low) - 1;
    }

    private void grow() {
        int capacity = prices.length * 2;
        prices = Arrays.copyOf(prices, capacity);
        sizes = Arrays.copyOf(sizes, capacity);
        decimals = Arrays.copyOf(decimals, capacity);
    }
}
