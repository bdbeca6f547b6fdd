package io.tributary.cli;

import io.tributary.model.event.MarketEvent;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;

/**
 * The benchmark's consumer: for each event of the flood it expects, the latency from the twin's write of the frame
 * to this delivery. Runs on the consumer's thread; the main thread sets the expected flood and reads the results
 * while the consumer waits for the next flood (the latch and the volatile flood order the two).
 */
final class LatencyRecorder {
    private static final long MAX_NS = TimeUnit.SECONDS.toNanos(60);

    private final Histogram latencyNs = new Histogram(MAX_NS, 3);
    private final ToLongFunction<MarketEvent> floodKey;
    private volatile BenchFeed.Flood flood;
    private volatile CountDownLatch done = new CountDownLatch(1);
    private volatile long delivered;
    private volatile long floodFirstWriteNs;
    private volatile long firstWriteNs;
    private volatile long lastDeliveryNs;
    private volatile long activeNs;

    LatencyRecorder(ToLongFunction<MarketEvent> floodKey) {
        this.floodKey = floodKey;
    }

    void accept(MarketEvent event) {
        long nowNs = System.nanoTime();
        BenchFeed.Flood current = flood;
        if (current == null) {
            return;
        }
        long key = floodKey.applyAsLong(event);
        long writeNs = key == BenchFeed.NOT_MEASURED ? 0 : current.writeNanos().applyAsLong(key);
        if (writeNs == 0) {
            return; // not part of the flood being measured
        }
        if (floodFirstWriteNs == 0) {
            floodFirstWriteNs = writeNs;
            if (firstWriteNs == 0) {
                firstWriteNs = writeNs;
            }
        }
        latencyNs.recordValue(Math.min(MAX_NS, Math.max(0, nowNs - writeNs)));
        delivered++; // one consumer thread
        if (key == current.lastKey()) {
            activeNs += nowNs - floodFirstWriteNs;
            lastDeliveryNs = nowNs;
            flood = null;
            done.countDown();
        }
    }

    /** Forgets what was measured so far. */
    void reset() {
        latencyNs.reset();
        delivered = 0;
        activeNs = 0;
        firstWriteNs = 0;
    }

    /** Measures {@code next} from now on, adding to what was measured since {@link #reset()}. */
    void expect(BenchFeed.Flood next) {
        done = new CountDownLatch(1);
        floodFirstWriteNs = 0;
        flood = next;
    }

    boolean await(Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    long delivered() {
        return delivered;
    }

    Histogram latencyNs() {
        return latencyNs;
    }

    /** @return the first measured frame's write time */
    long firstWriteNs() {
        return firstWriteNs;
    }

    /** @return when the last measured event was delivered */
    long lastDeliveryNs() {
        return lastDeliveryNs;
    }

    /** Per second of floods in flight (each flood's first write to its last delivery; preparing them is not counted). */
    double perSecond() {
        return activeNs <= 0 ? 0 : delivered * 1e9 / activeNs;
    }
}
