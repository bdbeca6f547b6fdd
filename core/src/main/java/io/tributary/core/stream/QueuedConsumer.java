package io.tributary.core.stream;

import java.util.function.Predicate;

/** A consumer attached to a hub: its filter and its bounded queue. */
abstract class QueuedConsumer<T> implements Registration {

    final Predicate<? super T> filter;
    final DeliveryQueue<T> queue;
    private final Hub<T> hub;

    QueuedConsumer(Hub<T> hub, Predicate<? super T> filter, StreamOptions options) {
        this.hub = hub;
        this.filter = filter;
        this.queue = new DeliveryQueue<>(options);
    }

    /** Called on the publishing thread; never waits for the consumer. */
    final void offer(T message) {
        if (!queue.offer(message)) {
            hub.remove(this);
            onEnded(true);
        }
    }

    /** The hub closed: deliver what is queued, then end. */
    final void complete() {
        queue.complete();
        onEnded(false);
    }

    @Override
    public final void close() {
        queue.discard();
        hub.remove(this);
        onEnded(true);
    }

    @Override
    public final boolean isClosed() {
        return queue.isEnded();
    }

    @Override
    public ConsumerStats stats() {
        return queue.stats(0);
    }

    /**
     * The queue accepts nothing more; wake whatever waits outside it.
     *
     * @param now true if the consumer must stop at once (closed, or disconnected on overflow), false if it may
     *            first drain its queue (the hub closed)
     */
    void onEnded(boolean now) {
    }
}
