package io.tributary.core.time;

import java.time.Instant;

/**
 * The source of time for the stream core: a monotonic nanosecond counter for ages, deadlines and latencies, and a
 * wall clock in epoch nanoseconds for stamping received messages. Injected so tests can control time.
 */
public interface NanoClock {

    /** @return a monotonic reading in nanoseconds, comparable only with other readings of this clock */
    long nanoTime();

    /** @return the wall-clock time in nanoseconds since 1970-01-01T00:00Z (precision as the platform gives) */
    long epochNanos();

    /** @return the system clock: {@link System#nanoTime()} and {@link Instant#now()} */
    static NanoClock system() {
        return SystemNanoClock.INSTANCE;
    }
}
