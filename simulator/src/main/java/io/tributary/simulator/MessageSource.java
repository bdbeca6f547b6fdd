package io.tributary.simulator;

import java.util.Iterator;
import java.util.List;
import java.util.function.LongFunction;

/**
 * Frames for a {@link Playback}. {@link #next()} is called on the session's I/O thread right before the frame is
 * written, so a source may stamp the time of the write into it.
 */
@FunctionalInterface
public interface MessageSource {
    /** The next text frame to send, or null when exhausted. */
    String next();

    static MessageSource of(List<String> messages) {
        Iterator<String> it = List.copyOf(messages).iterator();
        return () -> it.hasNext() ? it.next() : null;
    }

    /** {@code count} frames built on demand from their sequence number, 0 to count - 1. */
    static MessageSource generated(LongFunction<String> bySequence, long count) {
        return new MessageSource() {
            private long sequence;

            @Override
            public String next() {
                return sequence < count ? bySequence.apply(sequence++) : null;
            }
        };
    }
}
