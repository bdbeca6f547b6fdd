package io.tributary.simulator.bitstamp;

import io.tributary.simulator.MessageSource;
import io.tributary.simulator.TwinSession;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A benchmark flood of one market's {@code live_orders} events, rendered when the flood is made (before the clock
 * starts), one {@code microtimestamp} each, continuing the twin's clock. The twin's order book is at the flood's end
 * state from the moment it is made. Each frame's write time ({@link System#nanoTime()}, on the twin's I/O thread
 * right before the write) is kept by its {@code microtimestamp}, so a client in the same JVM can measure
 * write-to-consumer latency.
 */
public final class BitstampFlood implements MessageSource {

    private final TwinSession session;
    private final String[] frames;
    private final long firstMicros;
    private final AtomicLongArray writeNanos;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private int taken; // I/O thread only

    BitstampFlood(String[] frames, long firstMicros, TwinSession session) {
        this.frames = frames;
        this.firstMicros = firstMicros;
        this.session = session;
        this.writeNanos = new AtomicLongArray(frames.length);
    }

    /** Starts sending, at {@code eventsPerSecond} or, when {@code <= 0}, as fast as the socket takes them. Once. */
    public BitstampFlood start(double eventsPerSecond) {
        session.play(this, eventsPerSecond);
        return this;
    }

    public int events() {
        return frames.length;
    }

    /** @return the last event's {@code microtimestamp} */
    public long lastMicros() {
        return firstMicros + frames.length - 1;
    }

    /** When the event of {@code micros} was written, or 0 if it is not one of this flood's or not written yet. */
    public long writeNanos(long micros) {
        long index = micros - firstMicros;
        return index < 0 || index >= frames.length ? 0 : writeNanos.get((int) index);
    }

    /** Completes once every frame was taken for writing. */
    public CompletableFuture<Void> finished() {
        return finished;
    }

    @Override
    public String next() {
        if (taken == frames.length) {
            finished.complete(null);
            return null;
        }
        int index = taken++;
        writeNanos.set(index, System.nanoTime());
        return frames[index];
    }
}
