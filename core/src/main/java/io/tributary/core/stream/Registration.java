package io.tributary.core.stream;

/** A consumer attached to a {@link Hub}: its counters, and a way to detach it. */
public interface Registration extends AutoCloseable {

    /** @return the consumer's counters now */
    ConsumerStats stats();

    /** @return true once the consumer is detached (closed, the hub closed, or disconnected on overflow) */
    boolean isClosed();

    /** Detaches the consumer now: queued messages are discarded and its thread ends. Idempotent. */
    @Override
    void close();
}
