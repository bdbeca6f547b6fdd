package io.tributary.core.connection;

import java.util.Arrays;

/**
 * Grants at most {@code permits} events in any window of {@code period}: each grant is placed at the earliest time
 * that keeps the last {@code permits} grants within the limit. Callers do not wait here; they get the delay and
 * schedule the event, so grants come out in request order and nothing is dropped. Thread-safe.
 */
final class SlidingWindowLimiter {

    private final long periodNs;
    private final long[] grantedAtNs; // ring of the last `permits` grant times
    private int oldest;

    SlidingWindowLimiter(Rate rate) {
        if (rate.isUnlimited()) {
            throw new IllegalArgumentException("no limiter needed for an unlimited rate");
        }
        this.periodNs = rate.period().toNanos();
        this.grantedAtNs = new long[rate.permits()];
        Arrays.fill(grantedAtNs, Long.MIN_VALUE);
    }

    /**
     * Reserves the next permit.
     *
     * @param nowNs the current time
     * @return nanoseconds from now until the permit may be used (0 = now)
     */
    synchronized long reserve(long nowNs) {
        long previousNs = grantedAtNs[oldest];
        long atNs = previousNs == Long.MIN_VALUE ? nowNs : Math.max(nowNs, previousNs + periodNs);
        // Keep grants in order even if an earlier reservation was pushed later than this one would be.
        int newest = (oldest + grantedAtNs.length - 1) % grantedAtNs.length;
        if (grantedAtNs[newest] != Long.MIN_VALUE) {
            atNs = Math.max(atNs, grantedAtNs[newest]);
        }
        grantedAtNs[oldest] = atNs;
        oldest = (oldest + 1) % grantedAtNs.length;
        return atNs - nowNs;
    }
}
