package io.tributary.simulator.binance;

import java.util.ArrayDeque;

/**
 * Binance's REST request weight per IP over a sliding minute, as the twin enforces it: a request that would take
 * the minute over the limit is answered 429 with the seconds until it would fit. Thread-safe.
 */
final class RequestWeight {
    private static final long MINUTE_NS = 60_000_000_000L;

    private record Spent(long atNs, int weight) {}

    private final int limitPerMinute;
    private final ArrayDeque<Spent> spent = new ArrayDeque<>();
    private int used;

    RequestWeight(int limitPerMinute) {
        this.limitPerMinute = limitPerMinute;
    }

    /** @return 0 if {@code weight} was spent now, else the seconds to wait (at least 1) */
    synchronized long spend(int weight, long nowNs) {
        while (!spent.isEmpty() && nowNs - spent.peekFirst().atNs() >= MINUTE_NS) {
            used -= spent.pollFirst().weight();
        }
        if (used + weight <= limitPerMinute) {
            spent.addLast(new Spent(nowNs, weight));
            used += weight;
            return 0;
        }
        long waitNs = spent.isEmpty() ? MINUTE_NS : spent.peekFirst().atNs() + MINUTE_NS - nowNs;
        return Math.max(1, (waitNs + 999_999_999L) / 1_000_000_000L);
    }

    /** @return the weight spent in the last minute ({@code X-MBX-USED-WEIGHT-1M}) */
    synchronized int used() {
        return used;
    }

    int limit() {
        return limitPerMinute;
    }
}
