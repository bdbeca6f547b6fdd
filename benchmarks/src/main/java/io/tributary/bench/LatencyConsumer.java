package io.tributary.bench;

import io.tributary.core.connection.RawMessage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.HdrHistogram.Histogram;

/**
 * A consumer that records, for each frame at or after {@code warmup}, the latency from the twin's write to its own
 * delivery, and counts what it saw. Runs on its consumer thread only; read the results after {@link #await}.
 */
final class LatencyConsumer implements Consumer<RawMessage> {
    private final long warmup;
    private final long lastSequence;
    private final long pauseMs;
    private final Histogram latencyNanos = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private final Histogram wireNanos = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile long received;
    private volatile long firstNanos;
    private volatile long lastNanos;

    /** @param pauseMs how long to sleep per message: a deliberately slow consumer when positive */
    LatencyConsumer(long warmup, long messages, long pauseMs) {
        this.warmup = warmup;
        this.lastSequence = messages - 1;
        this.pauseMs = pauseMs;
    }

    @Override
    public void accept(RawMessage message) {
        long nowNs = System.nanoTime();
        byte[] frame = message.bytes();
        long sequence = StampedFrames.sequence(frame);
        if (sequence >= warmup) {
            long sentNs = StampedFrames.sentNanos(frame);
            latencyNanos.recordValue(Math.max(0, nowNs - sentNs));
            wireNanos.recordValue(Math.max(0, message.receivedNanos() - sentNs));
            if (firstNanos == 0) {
                firstNanos = nowNs;
            }
        }
        lastNanos = nowNs;
        received++; // one consumer thread
        if (sequence == lastSequence) {
            done.countDown();
        }
        if (pauseMs > 0) {
            try {
                Thread.sleep(pauseMs); // the point of this consumer: being slow
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    boolean await(long timeoutMs) throws InterruptedException {
        return done.await(timeoutMs, TimeUnit.MILLISECONDS);
    }

    long received() {
        return received;
    }

    Histogram latencyNanos() {
        return latencyNanos;
    }

    /** Measured messages per second between the first measured delivery and the last one. */
    double messagesPerSecond() {
        long measured = latencyNanos.getTotalCount();
        long spanNs = lastNanos - firstNanos;
        return spanNs <= 0 ? 0 : measured * 1e9 / spanNs;
    }

    /** Twin write to consumer delivery: {@code {"p50":..,"p99":..,"p99.9":..,"max":..}} in microseconds. */
    String latencyJson() {
        return percentilesJson(latencyNanos);
    }

    /** Twin write to the feed's socket read (the part before the hub), same shape. */
    String wireLatencyJson() {
        return percentilesJson(wireNanos);
    }

    private static String percentilesJson(Histogram nanos) {
        return String.format(java.util.Locale.ROOT, "{\"p50\":%.1f,\"p99\":%.1f,\"p99.9\":%.1f,\"max\":%.1f}",
                nanos.getValueAtPercentile(50) / 1e3, nanos.getValueAtPercentile(99) / 1e3,
                nanos.getValueAtPercentile(99.9) / 1e3, nanos.getMaxValue() / 1e3);
    }

    double p99Micros() {
        return latencyNanos.getValueAtPercentile(99) / 1e3;
    }
}
