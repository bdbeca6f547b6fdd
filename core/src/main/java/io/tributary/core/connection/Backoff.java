package io.tributary.core.connection;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * Exponential reconnect backoff with jitter: attempt {@code n} (from 0) waits a uniformly random time in
 * {@code [d/2, d]} where {@code d = min(max, initial * 2^n)}. The jitter spreads the reconnects of many sockets
 * (and many clients) that dropped together; the lower half-bound keeps the growth real. The caller resets the
 * attempt count once a socket has stayed up for {@link #stableAfter()}.
 *
 * @param initial     the first delay's upper bound
 * @param max         the cap
 * @param stableAfter how long a socket must stay up for the next failure to count as the first again
 */
public record Backoff(Duration initial, Duration max, Duration stableAfter) {

    /** 100 ms doubling to 30 s; reset after 60 s up. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(30),
            Duration.ofSeconds(60));

    public Backoff {
        if (initial.isNegative() || max.compareTo(initial) < 0 || stableAfter.isNegative()) {
            throw new IllegalArgumentException("backoff needs 0 <= initial <= max and stableAfter >= 0");
        }
    }

    /**
     * @param attempt failures since the last stable socket, from 0
     * @param random  uniform in [0, 1)
     * @return the delay before the next attempt, in nanoseconds
     */
    public long delayNanos(int attempt, DoubleSupplier random) {
        long maxNs = max.toNanos();
        long boundNs = initial.toNanos();
        for (int i = 0; i < attempt && boundNs < maxNs; i++) {
            boundNs = boundNs > maxNs / 2 ? maxNs : boundNs * 2;
        }
        boundNs = Math.min(boundNs, maxNs);
        long halfNs = boundNs / 2;
        return halfNs + (long) (random.getAsDouble() * (boundNs - halfNs));
    }
}
