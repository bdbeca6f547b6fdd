/**
 * Fan-out of one source to many consumers: {@link io.tributary.core.stream.Hub}, per-consumer bounded queues with
 * explicit {@link io.tributary.core.stream.Overflow} policies, consumer threads, counters.
 */
package io.tributary.core.stream;
