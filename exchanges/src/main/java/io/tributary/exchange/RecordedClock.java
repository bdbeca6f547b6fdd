package io.tributary.exchange;

import io.tributary.core.time.NanoClock;

/**
 * The clock of a connector fed from a recording: it reads the receive time of the recorded entry being pushed, so
 * whatever the connector stamps with "now" (a REST snapshot's receive time, a connection event) carries recording
 * time, never the wall clock. The monotonic reading is the same value.
 */
public final class RecordedClock implements NanoClock {

    private volatile long nowEpochNs;

    /** Moves the clock to a recorded receive time. */
    public void set(long epochNs) {
        this.nowEpochNs = epochNs;
    }

    @Override
    public long nanoTime() {
        return nowEpochNs;
    }

    @Override
    public long epochNanos() {
        return nowEpochNs;
    }
}
