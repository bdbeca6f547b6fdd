package io.tributary.core.time;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A clock that moves only when told to; for tests and simulations. Thread-safe. */
public final class ManualNanoClock implements NanoClock {

    private final AtomicLong nowNs;
    private final long epochOffsetNs;

    /**
     * @param startNs       the initial monotonic reading
     * @param epochOffsetNs added to the monotonic reading to give {@link #epochNanos()}
     */
    public ManualNanoClock(long startNs, long epochOffsetNs) {
        this.nowNs = new AtomicLong(startNs);
        this.epochOffsetNs = epochOffsetNs;
    }

    /** A clock starting at 0 whose epoch reading starts at 2026-01-01T00:00Z. */
    public ManualNanoClock() {
        this(0, 1_767_225_600_000_000_000L);
    }

    @Override
    public long nanoTime() {
        return nowNs.get();
    }

    @Override
    public long epochNanos() {
        return nowNs.get() + epochOffsetNs;
    }

    /** Moves time forward. */
    public void advance(Duration duration) {
        advanceNanos(duration.toNanos());
    }

    /** Moves time forward by {@code deltaNs} nanoseconds (must not be negative). */
    public void advanceNanos(long deltaNs) {
        if (deltaNs < 0) {
            throw new IllegalArgumentException("time does not go back: " + deltaNs);
        }
        nowNs.addAndGet(deltaNs);
    }
}
