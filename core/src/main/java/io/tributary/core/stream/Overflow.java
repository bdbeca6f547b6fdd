package io.tributary.core.stream;

/** What a consumer's bounded queue does when a message arrives and the queue is full. */
public enum Overflow {
    /** Discard the oldest queued message to make room: the consumer always sees the newest data. */
    DROP_OLDEST,
    /** Discard the arriving message: the consumer sees a prefix without holes inside the queued part. */
    DROP_NEWEST,
    /**
     * Keep only the latest message per key (e.g. per symbol): a new message replaces a queued one with the same key
     * in place, so a slow consumer sees fewer, fresher messages. When the queue holds {@code capacity} distinct keys,
     * the oldest entry is discarded.
     */
    CONFLATE,
    /** Disconnect the consumer with a {@link StreamOverflowException}: for consumers that must never miss data. */
    DISCONNECT
}
