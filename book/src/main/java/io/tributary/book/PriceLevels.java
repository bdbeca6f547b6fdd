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
    byte[] priceDecimals;
    byte[] sizeDecimals;
    int count;

    PriceLevels(boolean bids, int initialCapacity) {
        this.bids = bids;
        int capacity = Math.max(8, initialCapacity);
        prices = new long[capacity];
        sizes = new long[capacity];
        priceDecimals = new byte[capacity];
        sizeDecimals = new byte[capacity];
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
            System.arraycopy(priceDecimals, index + 1, priceDecimals, index, count - index - 1);
            System.arraycopy(sizeDecimals, index + 1, sizeDecimals, index, count - index - 1);
            count--;
            return true;
        }
        if (index >= 0) {
            sizes[index] = size;
            priceDecimals[index] = (byte) pDecimals;
            sizeDecimals[index] = (byte) sDecimals;
            return true;
        }
        int insertAt = -index - 1;
        if (count == prices.length) {
            grow();
        }
        System.arraycopy(prices, insertAt, prices, insertAt + 1, count - insertAt);
        System.arraycopy(sizes, insertAt, sizes, insertAt + 1, count - insertAt);
        System.arraycopy(priceDecimals, insertAt, priceDecimals, insertAt + 1, count - insertAt);
        System.arraycopy(sizeDecimals, insertAt, sizeDecimals, insertAt + 1, count - insertAt);
        prices[insertAt] = price;
        sizes[insertAt] = size;
        priceDecimals[insertAt] = (byte) pDecimals;
        sizeDecimals[insertAt] = (byte) sDecimals;
        count++;
        return true;
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
        System.arraycopy(priceDecimals, excess, priceDecimals, 0, depth);
        System.arraycopy(sizeDecimals, excess, sizeDecimals, 0, depth);
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

    /** Binary search; bids ascend, asks descend, so the best is always last. */
    private int find(long price) {
        int low = 0;
        int high = count - 1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            long midPrice = prices[mid];
            if (midPrice == price) {
                return mid;
            }
            if ((midPrice < price) == bids) {
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return -(low + 1);
    }

    private void grow() {
        int capacity = prices.length * 2;
        prices = Arrays.copyOf(prices, capacity);
        sizes = Arrays.copyOf(sizes, capacity);
        priceDecimals = Arrays.copyOf(priceDecimals, capacity);
        sizeDecimals = Arrays.copyOf(sizeDecimals, capacity);
    }
}
