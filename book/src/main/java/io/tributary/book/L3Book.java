package io.tributary.book;

import io.tributary.model.Side;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.locks.StampedLock;

/**
 * An order-by-order (L3) book: orders indexed by id, queued first-in first-out per price level, with an aggregated
 * price-level view that always equals the sum of the orders.
 *
 * <p>An operation on an unknown order id (or a duplicate add, or an execution larger than the order) means the
 * book has lost track of the exchange: it is counted and the book is flagged {@link #isOutOfSync() out of sync};
 * the operation changes nothing. It is never silently ignored.
 *
 * <p>Threads: as {@link L2Book}: one writer; any thread may call {@link #view(int)}. Each operation is atomic for
 * readers; wrap a multi-operation message (a snapshot) in {@link #beginBatch()}/{@link #endBatch()} to make it
 * atomic as a whole. Orders and levels are pooled, so steady-state updates do not allocate.
 */
public final class L3Book {

    private static final int OPTIMISTIC_ATTEMPTS = 3;

    private final String symbol;
    private final int priceScale;
    private final int sizeScale;
    private final Long2ObjectHashMap<Order> orders = new Long2ObjectHashMap<>();
    private final Levels bids = new Levels(true);
    private final Levels asks = new Levels(false);
    private final StampedLock lock = new StampedLock();
    private long batchStamp;
    private Order freeOrders;
    private Level freeLevels;
    private long unknownOrders;
    private boolean outOfSync;

    public L3Book(String symbol, int priceScale, int sizeScale) {
        this.symbol = Objects.requireNonNull(symbol, "symbol");
        this.priceScale = priceScale;
        this.sizeScale = sizeScale;
    }

    // ---------------------------------------------------------------- writer

    /** Makes the following operations, up to {@link #endBatch()}, atomic for readers. */
    public void beginBatch() {
        if (batchStamp != 0) {
            throw new IllegalStateException("batch already open");
        }
        batchStamp = lock.writeLock();
    }

    /** Publishes the operations since {@link #beginBatch()}. */
    public void endBatch() {
        if (batchStamp == 0) {
            throw new IllegalStateException("no batch open");
        }
        long stamp = batchStamp;
        batchStamp = 0;
        lock.unlockWrite(stamp);
    }

    /**
     * Adds a new order at the back of its price level's queue.
     *
     * @return false (counted, out of sync) if the id is already in the book
     */
    public boolean add(long orderId, Side side, long price, long size) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive: " + size);
        }
        if (orders.containsKey(orderId)) {
            return lostTrack();
        }
        long stamp = lockWrite();
        try {
            insert(orderId, side, price, size);
        } finally {
            unlockWrite(stamp);
        }
        return true;
    }

    /**
     * Adds the order, or replaces a known one (Bitfinex raw books). A replaced order keeps its queue position if
     * side and price are unchanged, otherwise it moves to the back of its new level.
     */
    public void put(long orderId, Side side, long price, long size) {
        if (size <= 0) {
            throw new IllegalArgumentException("size must be positive: " + size);
        }
        long stamp = lockWrite();
        try {
            Order order = orders.get(orderId);
            if (order != null && order.side == side && order.level.price == price) {
                order.level.totalSize += size - order.size;
                order.size = size;
            } else {
                if (order != null) {
                    remove(order);
                }
                insert(orderId, side, price, size);
            }
        } finally {
            unlockWrite(stamp);
        }
    }

    /**
     * Sets a known order's size, keeping its queue position; a size of 0 removes it.
     *
     * @return false (counted, out of sync) if the id is unknown
     */
    public boolean change(long orderId, long newSize) {
        Order order = orders.get(orderId);
        if (order == null || newSize < 0) {
            return lostTrack();
        }
        long stamp = lockWrite();
        try {
            if (newSize == 0) {
                remove(order);
            } else {
                order.level.totalSize += newSize - order.size;
                order.size = newSize;
            }
        } finally {
            unlockWrite(stamp);
        }
        return true;
    }

    /**
     * Reduces a known order by an executed quantity; an order executed in full leaves the book.
     *
     * @return false (counted, out of sync) if the id is unknown or the quantity exceeds what the order has
     */
    public boolean execute(long orderId, long executedSize) {
        Order order = orders.get(orderId);
        if (order == null || executedSize <= 0 || executedSize > order.size) {
            return lostTrack();
        }
        return change(orderId, order.size - executedSize);
    }

    /**
     * Removes a known order.
     *
     * @return false (counted, out of sync) if the id is unknown
     */
    public boolean delete(long orderId) {
        Order order = orders.get(orderId);
        if (order == null) {
            return lostTrack();
        }
        long stamp = lockWrite();
        try {
            remove(order);
        } finally {
            unlockWrite(stamp);
        }
        return true;
    }

    /** Empties the book and clears the out-of-sync flag (before a new snapshot). Counters are kept. */
    public void clear() {
        long stamp = lockWrite();
        try {
            for (Levels side : new Levels[] {bids, asks}) {
                for (int i = 0; i < side.count; i++) {
                    Level level = side.levels[i];
                    for (Order order = level.head; order != null; ) {
                        Order next = order.next;
                        release(order);
                        order = next;
                    }
                    release(level);
                    side.levels[i] = null;
                }
                side.count = 0;
            }
            orders.clear();
            outOfSync = false;
        } finally {
            unlockWrite(stamp);
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

    /** @return true once an operation referred to an unknown order, until {@link #clear()} */
    public boolean isOutOfSync() {
        return outOfSync;
    }

    /** @return operations refused because the book had lost track (unknown id, duplicate add, over-execution) */
    public long unknownOrders() {
        return unknownOrders;
    }

    /** @return number of orders in the book */
    public int orderCount() {
        return orders.size();
    }

    /** @return true if the order is in the book */
    public boolean contains(long orderId) {
        return orders.containsKey(orderId);
    }

    /** @return the order's remaining size, 0 if unknown */
    public long orderSize(long orderId) {
        Order order = orders.get(orderId);
        return order == null ? 0 : order.size;
    }

    /** @return the order's price, or {@link L2Book#NO_PRICE} if unknown */
    public long orderPrice(long orderId) {
        Order order = orders.get(orderId);
        return order == null ? L2Book.NO_PRICE : order.level.price;
    }

    /** @return the order's side, or null if unknown */
    public Side orderSide(long orderId) {
        Order order = orders.get(orderId);
        return order == null ? null : order.side;
    }

    /** @return number of price levels on that side */
    public int depth(Side side) {
        return levels(side).count;
    }

    /** @return price of the {@code level}-th best level, 0 = best */
    public long price(Side side, int level) {
        return levels(side).at(level).price;
    }

    /** @return total size of the orders at the {@code level}-th best level */
    public long size(Side side, int level) {
        return levels(side).at(level).totalSize;
    }

    /** @return number of orders at the {@code level}-th best level */
    public int orderCount(Side side, int level) {
        return levels(side).at(level).orderCount;
    }

    /**
     * Copies the ids and sizes of the orders at a level in queue order (first = oldest).
     *
     * @return the number of orders copied (at most the arrays' length)
     */
    public int orders(Side side, int level, long[] idsOut, long[] sizesOut) {
        int n = 0;
        for (Order order = levels(side).at(level).head; order != null && n < idsOut.length; order = order.next) {
            idsOut[n] = order.id;
            sizesOut[n] = order.size;
            n++;
        }
        return n;
    }

    /** @return best bid price or {@link L2Book#NO_PRICE} */
    public long bestBid() {
        return bids.count == 0 ? L2Book.NO_PRICE : bids.levels[bids.count - 1].price;
    }

    /** @return best ask price or {@link L2Book#NO_PRICE} */
    public long bestAsk() {
        return asks.count == 0 ? L2Book.NO_PRICE : asks.levels[asks.count - 1].price;
    }

    /** @return true if both sides have orders and the best bid is not below the best ask */
    public boolean isCrossed() {
        return bids.count > 0 && asks.count > 0 && bestBid() >= bestAsk();
    }

    // ---------------------------------------------------------------- any thread

    /** Copies the aggregated best {@code levels} levels per side. Safe from any thread; allocates the copy. */
    public BookView view(int levels) {
        for (int attempt = 0; attempt < OPTIMISTIC_ATTEMPTS; attempt++) {
            long stamp = lock.tryOptimisticRead();
            if (stamp == 0) {
                Thread.onSpinWait();
                continue;
            }
            BookView view = copy(levels);
            if (view != null && lock.validate(stamp)) {
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

    /** @return the copy, or null if a torn read was noticed (the caller retries) */
    private BookView copy(int levels) {
        long[][] bidCopy = bids.copy(levels);
        long[][] askCopy = asks.copy(levels);
        if (bidCopy == null || askCopy == null) {
            return null;
        }
        return new BookView(symbol, L2Update.NONE, L2Update.NONE, priceScale, sizeScale, bidCopy[0], bidCopy[1],
                askCopy[0], askCopy[1]);
    }

    // ---------------------------------------------------------------- internals

    private boolean lostTrack() {
        unknownOrders++;
        outOfSync = true;
        return false;
    }

    private long lockWrite() {
        return batchStamp != 0 ? 0 : lock.writeLock();
    }

    private void unlockWrite(long stamp) {
        if (stamp != 0) {
            lock.unlockWrite(stamp);
        }
    }

    private Levels levels(Side side) {
        return side == Side.BID ? bids : asks;
    }

    private void insert(long orderId, Side side, long price, long size) {
        Level level = levels(side).getOrCreate(price);
        Order order = freeOrders;
        if (order != null) {
            freeOrders = order.next;
        } else {
            order = new Order();
        }
        order.id = orderId;
        order.side = side;
        order.size = size;
        order.level = level;
        order.next = null;
        order.prev = level.tail;
        if (level.tail == null) {
            level.head = order;
        } else {
            level.tail.next = order;
        }
        level.tail = order;
        level.totalSize += size;
        level.orderCount++;
        orders.put(orderId, order);
    }

    private void remove(Order order) {
        Level level = order.level;
        if (order.prev == null) {
            level.head = order.next;
        } else {
            order.prev.next = order.next;
        }
        if (order.next == null) {
            level.tail = order.prev;
        } else {
            order.next.prev = order.prev;
        }
        level.totalSize -= order.size;
        level.orderCount--;
        if (level.orderCount == 0) {
            levels(order.side).remove(level);
            release(level);
        }
        orders.remove(order.id);
        release(order);
    }

    private void release(Order order) {
        order.level = null;
        order.prev = null;
        order.next = freeOrders;
        freeOrders = order;
    }

    private void release(Level level) {
        level.head = null;
        level.tail = null;
        level.totalSize = 0;
        level.orderCount = 0;
        level.nextFree = freeLevels;
        freeLevels = level;
    }

    private Level newLevel(long price) {
        Level level = freeLevels;
        if (level != null) {
            freeLevels = level.nextFree;
            level.nextFree = null;
        } else {
            level = new Level();
        }
        level.price = price;
        return level;
    }

    private static final class Order {
        long id;
        Side side;
        long size;
        Level level;
        Order prev;
        Order next;
    }

    private static final class Level {
        long price;
        long totalSize;
        int orderCount;
        Order head;
        Order tail;
        Level nextFree;
    }

    /** Price levels of one side, sorted with the best at the end (as {@link PriceLevels}). */
    private final class Levels {
        private final boolean bids;
        Level[] levels = new Level[64];
        int count;

        Levels(boolean bids) {
            this.bids = bids;
        }

        Level at(int level) {
            if (level < 0 || level >= count) {
                throw new IndexOutOfBoundsException("level " + level + " of " + count);
            }
            return levels[count - 1 - level];
        }

        Level getOrCreate(long price) {
            int index = find(price);
            if (index >= 0) {
                return levels[index];
            }
            int insertAt = -index - 1;
            if (count == levels.length) {
                levels = Arrays.copyOf(levels, count * 2);
            }
            System.arraycopy(levels, insertAt, levels, insertAt + 1, count - insertAt);
            Level level = newLevel(price);
            levels[insertAt] = level;
            count++;
            return level;
        }

        void remove(Level level) {
            int index = find(level.price);
            System.arraycopy(levels, index + 1, levels, index, count - index - 1);
            levels[--count] = null;
        }

        /** @return copies of the best levels, or null if a concurrent change made the read inconsistent */
        long[][] copy(int wanted) {
            Level[] array = levels;
            int n = Math.min(count, array.length);
            n = Math.max(0, Math.min(wanted, n));
            int last = Math.min(count, array.length) - 1;
            long[] prices = new long[n];
            long[] sizes = new long[n];
            for (int i = 0; i < n; i++) {
                Level level = array[last - i];
                if (level == null) {
                    return null;
                }
                prices[i] = level.price;
                sizes[i] = level.totalSize;
            }
            return new long[][] {prices, sizes};
        }

        private int find(long price) {
            int low = 0;
            int high = count - 1;
            while (low <= high) {
                int mid = (low + high) >>> 1;
                long midPrice = levels[mid].price;
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
    }
}
