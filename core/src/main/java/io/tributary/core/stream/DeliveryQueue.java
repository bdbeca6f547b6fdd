package io.tributary.core.stream;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * One consumer's bounded queue with its overflow policy and counters.
 *
 * <p>Concurrency choice: a short {@link ReentrantLock} guards every operation. The producer (the socket read
 * thread) holds it only for an O(1) step (append, or drop/replace one entry) and never waits for the consumer; the
 * lock is per consumer, so consumers never contend with each other. A lock-free SPSC ring would shave some
 * nanoseconds but cannot express drop-oldest and in-place conflation without giving up exact counters, and the
 * lock is uncontended in the common case. {@code ReentrantLock} rather than {@code synchronized} so a virtual
 * consumer thread parks without pinning its carrier on JDK 21.
 */
final class DeliveryQueue<T> {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final int capacity;
    private final Overflow overflow;
    private final Function<Object, Object> conflationKey;
    private final ArrayDeque<T> items;
    private final LinkedHashMap<Object, T> latestByKey;
    private final String name;

    private long delivered;
    private long dropped;
    private int highWaterMark;
    private boolean completed;   // no more offers; the consumer drains what is queued, then ends
    private boolean discarded;   // closed now: queued messages are gone
    private RuntimeException failure;

    DeliveryQueue(StreamOptions options) {
        this.capacity = options.capacity();
        this.overflow = options.overflow();
        this.conflationKey = options.conflationKey();
        this.name = options.name();
        boolean conflate = overflow == Overflow.CONFLATE;
        this.items = conflate ? null : new ArrayDeque<>(Math.min(capacity, 1 << 16));
        this.latestByKey = conflate ? new LinkedHashMap<>() : null;
    }

    /**
     * Offers a message; never waits for the consumer.
     *
     * @return false if the consumer is (now) closed and should be removed from its hub
     */
    boolean offer(T item) {
        lock.lock();
        try {
            if (completed || discarded) {
                return false;
            }
            int size = size();
            if (overflow == Overflow.CONFLATE) {
                offerConflated(item, size);
            } else if (size < capacity) {
                items.addLast(item);
            } else {
                switch (overflow) {
                    case DROP_OLDEST -> {
                        items.pollFirst();
                        items.addLast(item);
                        dropped++;
                    }
                    case DROP_NEWEST -> dropped++;
                    default -> {
                        dropped++;
                        fail(new StreamOverflowException(
                                "consumer '" + name + "' disconnected: queue full at " + capacity + " messages"));
                        return false;
                    }
                }
            }
            int newSize = size();
            if (newSize > highWaterMark) {
                highWaterMark = newSize;
            }
            if (size == 0) {
                changed.signal();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void offerConflated(T item, int size) {
        Object key = conflationKey.apply(item);
        if (key == null) {
            key = new Object(); // a message without a key is never conflated
        }
        if (latestByKey.replace(key, item) != null) {
            dropped++; // replaced in place: keeps its position in the queue
            return;
        }
        if (size >= capacity) {
            Iterator<Map.Entry<Object, T>> oldest = latestByKey.entrySet().iterator();
            oldest.next();
            oldest.remove();
            dropped++;
        }
        latestByKey.put(key, item);
    }

    /**
     * Takes the next message, waiting for one.
     *
     * @return the message, or null when the queue ended (check {@link #failure()})
     */
    T take() throws InterruptedException {
        lock.lockInterruptibly();
        try {
            while (true) {
                if (discarded || failure != null) {
                    return null;
                }
                T item = poll();
                if (item != null) {
                    delivered++;
                    return item;
                }
                if (completed) {
                    return null;
                }
                changed.await();
            }
        } finally {
            lock.unlock();
        }
    }

    private T poll() {
        if (items != null) {
            return items.pollFirst();
        }
        Iterator<T> oldest = latestByKey.values().iterator();
        if (!oldest.hasNext()) {
            return null;
        }
        T item = oldest.next();
        oldest.remove();
        return item;
    }

    private int size() {
        return items != null ? items.size() : latestByKey.size();
    }

    /** No more messages: the consumer drains what is queued, then ends. */
    void complete() {
        lock.lock();
        try {
            completed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Ends now, discarding what is queued. */
    void discard() {
        lock.lock();
        try {
            discarded = true;
            clear();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void fail(RuntimeException cause) {
        failure = cause;
        clear();
        changed.signalAll();
    }

    private void clear() {
        if (items != null) {
            items.clear();
        } else {
            latestByKey.clear();
        }
    }

    /** @return true once the queue accepts no more messages */
    boolean isEnded() {
        lock.lock();
        try {
            return completed || discarded || failure != null;
        } finally {
            lock.unlock();
        }
    }

    /** @return true once nothing more can be taken: closed, failed, or completed and drained */
    boolean isFinished() {
        lock.lock();
        try {
            return discarded || failure != null || (completed && size() == 0);
        } finally {
            lock.unlock();
        }
    }

    /** @return the overflow failure that ended the queue, or null */
    RuntimeException failure() {
        lock.lock();
        try {
            return failure;
        } finally {
            lock.unlock();
        }
    }

    ConsumerStats stats(long failedHandlers) {
        lock.lock();
        try {
            return new ConsumerStats(delivered, dropped, highWaterMark, size(), failedHandlers);
        } finally {
            lock.unlock();
        }
    }

    String name() {
        return name;
    }
}
