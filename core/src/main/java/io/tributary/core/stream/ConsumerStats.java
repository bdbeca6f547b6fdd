package io.tributary.core.stream;

/**
 * Counters of one consumer, read at one instant.
 *
 * @param delivered     messages handed to the consumer (taken from its queue)
 * @param dropped       messages discarded by the overflow policy (replaced ones included for {@link Overflow#CONFLATE})
 * @param highWaterMark the largest queue depth seen
 * @param lag           messages queued and not yet handed to the consumer
 * @param failed        handler invocations that threw or whose stage completed exceptionally
 */
public record ConsumerStats(long delivered, long dropped, int highWaterMark, long lag, long failed) {
}
