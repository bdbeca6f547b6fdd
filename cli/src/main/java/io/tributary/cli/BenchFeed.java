package io.tributary.cli;

import io.tributary.exchange.MarketDataConnector;
import io.tributary.model.event.MarketEvent;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;
import java.util.function.LongUnaryOperator;

/**
 * One exchange's part of a {@link LivePathBench}: its twin on loopback, the real connector reading it, floods the
 * twin plays into the connector, and the final comparison of the connector's book with the twin's own.
 */
interface BenchFeed extends AutoCloseable {

    /** {@link #floodKey} of an event that is not one a flood frame produced. */
    long NOT_MEASURED = Long.MIN_VALUE;

    /** @return the benchmark's name in the JSON line, e.g. {@code binance-live} */
    String name();

    MarketDataConnector connector();

    /** @return the key the event's frame was stamped under (update id, seqNum, microtimestamp...) */
    long floodKey(MarketEvent event);

    /** Once the connector has subscribed, makes the twin send what brings its book live, and waits for that. */
    void bringLive(Duration timeout) throws InterruptedException;

    /** Makes the next {@code updates} frames, continuing the twin's market; untimed (rendering, compressing). */
    Flood prepare(int updates);

    /** @return empty when the connector's book equals the twin's own, else the first difference */
    String compareBooks();

    /** @return counters that are 0 in a healthy run (overflows, gaps, mismatches...), by name */
    Map<String, Long> faults();

    /** @return figures of this exchange's own to print (levels per update, bytes per frame...) */
    Map<String, Object> details();

    @Override
    void close();

    /**
     * A prepared flood.
     *
     * @param writeNanos when the frame stamped with a key was written ({@link System#nanoTime()}), 0 if not yet or
     *                   not one of this flood's
     * @param lastKey    the key of the flood's last frame
     * @param start      starts it at the given frames per second, or as fast as the socket takes them when 0
     * @param finished   completes once the twin has taken every frame (and its market is at the end state)
     */
    record Flood(LongUnaryOperator writeNanos, long lastKey, DoubleConsumer start, CompletableFuture<Void> finished) {
    }

    /** Polls {@code condition} until it holds; the twins and connectors have nothing to wait on for these. */
    static void await(String what, Duration timeout, BooleanSupplier condition)
            throws InterruptedException {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadlineNs > 0) {
                throw new IllegalStateException(what + " did not happen within " + timeout.toSeconds() + " s");
            }
            Thread.sleep(5);
        }
    }
}
