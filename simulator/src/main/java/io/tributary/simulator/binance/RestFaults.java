package io.tributary.simulator.binance;

import java.time.Duration;

/**
 * Faults of the twin's REST depth endpoint: answers 429 (rate limited) or 418 (IP banned) with a
 * {@code Retry-After}, and stale snapshots (older than anything a client buffered). Each fault covers the next
 * {@code count} depth requests. Thread-safe.
 */
public final class RestFaults {

    private int rejections;
    private int rejectStatus;
    private long retryAfterSeconds;
    private int staleSnapshots;

    /** The next {@code count} depth requests get {@code status} (429 or 418) with {@code Retry-After}. */
    public synchronized RestFaults reject(int count, int status, Duration retryAfter) {
        if (status != 429 && status != 418) {
            throw new IllegalArgumentException("Binance limits with 429 or 418, not " + status);
        }
        rejections = count;
        rejectStatus = status;
        retryAfterSeconds = retryAfter.toSeconds();
        return this;
    }

    /** The next {@code count} depth snapshots are stale (see {@link MarketGenerator#staleDepthSnapshot}). */
    public synchronized RestFaults staleSnapshots(int count) {
        staleSnapshots = count;
        return this;
    }

    public synchronized void clear() {
        rejections = 0;
        staleSnapshots = 0;
    }

    /** @return the status to reject this request with and its Retry-After seconds, or null to answer it */
    synchronized long[] takeRejection() {
        if (rejections == 0) {
            return null;
        }
        rejections--;
        return new long[] {rejectStatus, retryAfterSeconds};
    }

    synchronized boolean takeStale() {
        if (staleSnapshots == 0) {
            return false;
        }
        staleSnapshots--;
        return true;
    }
}
