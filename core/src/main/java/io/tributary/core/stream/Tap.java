package io.tributary.core.stream;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A consumer the hub calls on the publishing thread itself, with no queue of the hub's in between: nothing can
 * overflow, so nothing is dropped. Only for consumers that take a message in O(1) and never wait, because they hold
 * their own bounded buffer and overflow path (a sink that spills to disk).
 */
final class Tap<T> implements Registration {

    final Predicate<? super T> filter;
    final Consumer<? super T> consumer;
    final String name;
    private final Hub<T> hub;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile boolean closed;

    Tap(Hub<T> hub, Predicate<? super T> filter, Consumer<? super T> consumer, String name) {
        this.hub = hub;
        this.filter = filter;
        this.consumer = consumer;
        this.name = name;
    }

    /** Hands over one message; a failure is counted here and rethrown for the hub to log. */
    void deliver(T message) {
        delivered.incrementAndGet();
        try {
            consumer.accept(message);
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            throw e;
        }
    }

    void ended() {
        closed = true;
    }

    @Override
    public ConsumerStats stats() {
        return new ConsumerStats(delivered.get(), 0, 0, 0, failed.get());
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        hub.removeTap(this);
    }
}
