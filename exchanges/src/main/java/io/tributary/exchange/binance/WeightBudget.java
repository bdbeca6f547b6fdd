package io.tributary.exchange.binance;

import java.util.ArrayDeque;

/**
 * Binance's REST request weight over a sliding minute: a request may go when the weight spent in the last minute
 * plus its own stays within the limit. Single-threaded (the fetcher's thread).
 */
final class WeightBudget {

    private static final long WINDOW_NS = 60_000_000_000L;

    private record Spent(long atNs, int weight) {
    }

    private final int limit;
    private final ArrayDeque<Spent> spent = new ArrayDeque<>();
    private int inWindow;

    WeightBudget(int limitPerMinute) {
        if (limitPerMinute < 1) {
            throw new IllegalArgumentException("weight limit must be positive: " + limitPerMinute);
        }
        this.limit = limitPerMinute;
    }

    /** @return nanoseconds to wait before {@code weight} fits, 0 if it fits now */
    long delayNanos(int weight, long nowNs) {
        expire(nowNs);
        int free = limit - inWindow;
        if (weight <= free) {
            return 0;
        }
        // wait until enough of the oldest spending has left the window
        int needed = weight - free;
        for (Spent entry : spent) {
            needed -= entry.weight();
            if (needed <= 0) {
                return entry.atNs() + WINDOW_NS - nowNs;
            }
        }
        return WINDOW_NS; // heavier than the whole limit: it can never fit; keep one a minute going
    }

    void spend(int weight, long nowNs) {
        spent.addLast(new Spent(nowNs, weight));
        inWindow += weight;
    }

    private void expire(long nowNs) {
        while (!spent.isEmpty() && nowNs - spent.peekFirst().atNs() >= WINDOW_NS) {
            inWindow -= spent.pollFirst().weight();
        }
    }
}
