package io.tributary.core.stream;

import java.util.concurrent.Flow;

/**
 * A consumer's view of the messages that match its filter, consumed either as a {@link Flow.Publisher} (one
 * subscriber; {@code request(n)} demand is honoured; delivery runs on the stream's own thread) or as a blocking
 * {@link Iterable} (the iterating thread is the consumer's thread). Only one of the two per stream.
 *
 * <p>The stream ends when it or its hub is closed: the iterator's {@code hasNext()} returns false (after the queued
 * messages when the hub closed; at once when the stream itself was closed) and a subscriber gets
 * {@code onComplete}. After an overflow under {@link Overflow#DISCONNECT} the iterator throws
 * {@link StreamOverflowException} and a subscriber gets {@code onError}.
 */
public interface ConsumerStream<T> extends Flow.Publisher<T>, Iterable<T>, Registration {
}
