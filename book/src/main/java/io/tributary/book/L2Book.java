package io.tributary.book;

import io.tributary.model.Side;

import java.util.Objects;
import java.util.concurrent.locks.StampedLock;

/**
 * A price-level (L2) book of exact, scaled prices and sizes.
 *
 * <p><b>Threads.</b> One writer thread mutates the book ({@link #apply}, {@link #set}, {@link #clear}) and may read
 * it directly with the writer-thread accessors ({@link #depth}, {@link #price}, {@link #bestBid}, ...). Any other
 * thread reads through {@link #view(int)}, which copies the top levels into an immutable {@link BookView}.
 * Reader strategy: the writer holds a {@link StampedLock} write lock for the whole of each message (one
 * uncontended CAS, no allocation); a reader copies optimistically and validates the stamp, retries a few times,
 * then falls back to a read lock. A reader therefore never sees a half-applied message; its only cost to the
 * writer is the copy it allocates on its own thread.
 *
 * <p><b>Semantics.</b> A size of zero deletes the level (deleting an absent level is a no-op). With a maximum depth
 * (Kraken's subscribed depth) each side is truncated to it after each message. Crossing (best bid &gt;= best ask)
 * is detected and reported, not corrected.
 */
public final class L2Book {

    /** Returned as the best price of an empty side. */
    public static final long NO_PRICE = Long.MIN_VALUE;

    private static final int OPTIMISTIC_ATTEMPTS = 3;

    private final String symbol;
    private final int priceScale;
    private final int sizeScale;
    private final int maxDepth;
    private final PriceLevels bids;
    private final PriceLevels asks;
    private final StampedLock lock = new StampedLock();
    private long updateId = L2Update.NONE;
    private long eventTimeNanos = L2Update.NONE;
    private L2BookListener listener;

    /**
     * @param maxDepth levels kept per side after each message; 0 keeps everything
     */
    public L2Book(String symbol, int priceScale, int sizeScale, int maxDepth) {
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        if (priceScale < 0 || priceScale > 18 || sizeScale < 0 || sizeScale > 18) {
            throw new IllegalArgumentException("scales must be 0..18: " + priceScale + ", " + sizeScale);
        }
        if (maxDepth < 0) {
            throw new IllegalArgumentException("maxDepth must be >= 0: " + maxDepth);
        }
        this.priceScale = priceScale;
        this.sizeScale = sizeScale;
        this.maxDepth = maxDepth;
        int capacity = maxDepth > 0 ? maxDepth + 16 : 256;
        bids = new PriceLevels(true, capacity);
        asks = new PriceLevels(false, capacity);
    }

    /** A book without depth limit. */
    public L2Book(String symbol, int priceScale, int sizeScale) {
        this(symbol, priceScale, sizeScale, 0);
    }

    /** Sets the single listener (writer thread), or {@code null} for none. */
    public void listener(L2BookListener listener) {
        this.listener = listener;
    }

    // ---------------------------------------------------------------- writer

    /**
     * Applies one message atomically: a snapshot first clears the book; levels are applied in order; each side is
     * then truncated to the maximum depth; the update id and event time become the message's when it has them.
     * A rejected update is not applied.
     *
     * @return the changes, as {@link L2BookListener} bits (0 if nothing changed or the update was rejected)
     */
    public int apply(L2Update update) {
        if (update.rejected()) {
            return 0;
        }
        long bestBid = bids.best();
        long bestAsk = asks.best();
        long bestBidSize = bids.bestSize();
        long bestAskSize = asks.bestSize();
        boolean changed = update.isSnapshot();
        long stamp = lock.writeLock();
        try {
            if (update.isSnapshot()) {
                bids.count = 0;
                asks.count = 0;
            }
            for (int i = 0, n = update.size(); i < n; i++) {
                changed |= levels(update.side(i)).set(update.price(i), update.size(i),
                        update.priceDecimals(i), update.sizeDecimals(i));
            }
            if (maxDepth > 0) {
                bids.truncate(maxDepth);
                asks.truncate(maxDepth);
            }
            if (update.lastUpdateId() != L2Update.NONE) {
                updateId = update.lastUpdateId();
            }
            if (update.eventTimeNanos() != L2Update.NONE) {
                eventTimeNanos = update.eventTimeNanos();
            }
        } finally {
            lock.unlockWrite(stamp);
        }
        if (!changed) {
            return 0;
        }
        int changes = changes(bestBid, bestAsk, bestBidSize, bestAskSize)
                | (update.isSnapshot() ? L2BookListener.SNAPSHOT : 0);
        notifyListener(changes);
        return changes;
    }

    /**
     * Inserts, replaces or (size 0) deletes one level, with no decimals recorded beyond the scale's minimum.
     *
     * @return the changes, as {@link L2BookListener} bits
     */
    public int set(Side side, long price, long size) {
        return set(side, price, 0, size, 0);
    }

    /** Inserts, replaces or (size 0) deletes one level, keeping the decimals the exchange wrote. */
    public int set(Side side, long price, int priceDecimals, long size, int sizeDecimals) {
        long bestBid = bids.best();
        long bestAsk = asks.best();
        long bestBidSize = bids.bestSize();
        long bestAskSize = asks.bestSize();
        boolean changed;
        long stamp = lock.writeLock();
        try {
            changed = levels(side).set(price, size, priceDecimals, sizeDecimals);
            if (maxDepth > 0) {
                levels(side).truncate(maxDepth);
            }
        } finally {
            lock.unlockWrite(stamp);
        }
        if (!changed) {
            return 0;
        }
        int changes = changes(bestBid, bestAsk, bestBidSize, bestAskSize);
        notifyListener(changes);
        return changes;
    }

    /** Empties the book and forgets its update id (e.g. when its symbol goes out of sync). */
    public void clear() {
        long stamp = lock.writeLock();
        try {
            bids.count = 0;
            asks.count = 0;
            updateId = L2Update.NONE;
            eventTimeNanos = L2Update.NONE;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    // ---------------------------------------------------------------- writer-thread reads

    public String symbol() {
        return symbol;
    }

    public int priceScale() {
        return priceScale;
    }

    public int sizeScale() {
        return sizeScale;
    }

    /** @return the subscribed depth the book is truncated to, 0 for none */
    public int maxDepth() {
        return maxDepth;
    }

    /** @return the last applied message's update id, {@link L2Update#NONE} if none */
    public long updateId() {
        return updateId;
    }

    /** @return exchange time of the last applied message that had one, epoch ns, {@link L2Update#NONE} if none */
    public long eventTimeNanos() {
        return eventTimeNanos;
    }

    /** @return number of levels on that side (writer thread) */
    public int depth(Side side) {
        return levels(side).count;
    }

    /** @return scaled price of the {@code level}-th best level, 0 = best (writer thread) */
    public long price(Side side, int level) {
        PriceLevels levels = levels(side);
        return levels.prices[levels.index(level)];
    }

    /** @return scaled size of the {@code level}-th best level (writer thread) */
    public long size(Side side, int level) {
        PriceLevels levels = levels(side);
        return levels.sizes[levels.index(level)];
    }

    /** @return the number of decimals the exchange wrote for that level's price (writer thread) */
    public int priceDecimals(Side side, int level) {
        PriceLevels levels = levels(side);
        return levels.priceDecimals(levels.index(level));
    }

    /** @return the number of decimals the exchange wrote for that level's size (writer thread) */
    public int sizeDecimals(Side side, int level) {
        PriceLevels levels = levels(side);
        return levels.sizeDecimals(levels.index(level));
    }

    /** @return the size at exactly that price, 0 if absent (writer thread) */
    public long sizeAt(Side side, long price) {
        return levels(side).sizeAt(price);
    }

    /** @return best bid price or {@link #NO_PRICE} (writer thread) */
    public long bestBid() {
        return bids.best();
    }

    /** @return best ask price or {@link #NO_PRICE} (writer thread) */
    public long bestAsk() {
        return asks.best();
    }

    /** @return true if both sides have levels and the best bid is not below the best ask (writer thread) */
    public boolean isCrossed() {
        return bids.count > 0 && asks.count > 0 && bids.best() >= asks.best();
    }

    // ---------------------------------------------------------------- any thread

    /**
     * Copies the best {@code levels} levels of each side (fewer if the book has fewer) as they stood between two
     * messages. Safe from any thread; allocates the copy.
     */
    public BookView view(int levels) {
        for (int attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
            long stamp = lock.tryOptimisticRead();
            if (stamp == 0) {
                Thread.onSpinWait();
                continue;
            }
            BookView view = copy(levels);
            if (lock.validate(stamp)) {
                return view;
            }
        }
        long stamp = lock.readLock();
        try {
            return copy(levels);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Copies from fields that may be changing: every index is bounded so a torn read cannot throw. */
    private BookView copy(int levels) {
        long id = updateId;
        long timeNanos = eventTimeNanos;
        long[][] bidCopy = copySide(bids, levels);
        long[][] askCopy = copySide(asks, levels);
        return new BookView(symbol, id, timeNanos, priceScale, sizeScale, bidCopy[0], bidCopy[1], askCopy[0],
                askCopy[1]);
    }

    private static long[][] copySide(PriceLevels side, int levels) {
        long[] prices = side.prices;
        long[] sizes = side.sizes;
        int count = Math.min(side.count, Math.min(prices.length, sizes.length));
        int n = Math.max(0, Math.min(levels, count));
        long[] priceCopy = new long[n];
        long[] sizeCopy = new long[n];
        for (int i = 0; i < n; i++) {
            priceCopy[i] = prices[count - 1 - i];
            sizeCopy[i] = sizes[count - 1 - i];
        }
        return new long[][] {priceCopy, sizeCopy};
    }

    // ---------------------------------------------------------------- internals

    private PriceLevels levels(Side side) {
        return side == Side.BID ? bids : asks;
    }

    private int changes(long oldBestBid, long oldBestAsk, long oldBestBidSize, long oldBestAskSize) {
        int changes = L2BookListener.LEVELS;
        if (bids.best() != oldBestBid) {
            changes |= L2BookListener.BEST_BID_PRICE;
        } else if (bids.bestSize() != oldBestBidSize) {
            changes |= L2BookListener.BEST_BID_SIZE;
        }
        if (asks.best() != oldBestAsk) {
            changes |= L2BookListener.BEST_ASK_PRICE;
        } else if (asks.bestSize() != oldBestAskSize) {
            changes |= L2BookListener.BEST_ASK_SIZE;
        }
        if (isCrossed()) {
            changes |= L2BookListener.CROSSED;
        }
        return changes;
    }

    private void notifyListener(int changes) {
        L2BookListener current = listener;
        if (current != null) {
            current.onBookChanged(this, changes);
        }
    }

    @Override
    public String toString() {
        return view(5).toString();
    }
}
