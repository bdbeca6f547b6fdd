package io.tributary.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.core.stream.Overflow;
import io.tributary.core.stream.Registration;
import io.tributary.core.stream.StreamOptions;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The live-path benchmark, the same for every exchange: a twin floods frames into the real connector on loopback,
 * in this JVM, and a consumer of the connector's normalized events records, per event, the time from the twin's
 * socket write of its frame to the consumer's delivery (after the book applied it). At the end the connector's book
 * is compared with the twin's own. Optionally the events also go into the embedded store ({@link StoreTap}).
 *
 * <p>Sequence: the book goes live ({@link BenchFeed#bringLive}), a warm-up flood gets the code compiled, then the
 * measured floods. Unpaced, the updates go in chunks of {@code chunk} (half the connector's book queue), each as fast
 * as the socket takes it, the next once the last came through: the connector never waits for its book thread (a full
 * queue drops frames and resyncs), so an open-ended flood would measure the drops. Paced, one flood at the rate.
 */
final class LivePathBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one run measured; {@link #json()} is the line printed. */
    record Result(Map<String, Object> figures, boolean healthy) {
        String json() {
            try {
                return JSON.writeValueAsString(figures);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final long updates;
    private final double rate;
    private final long warmupUpdates;
    private final int chunk;
    private final boolean store;

    /**
     * @param rate          updates per second, or 0 for as fast as the socket takes them (in chunks)
     * @param warmupUpdates updates flooded (unmeasured, unpaced) before the measured run
     * @param chunk         updates per flood when unpaced
     * @param store         whether the events also go into the embedded store
     */
    LivePathBench(long updates, double rate, long warmupUpdates, int chunk, boolean store) {
        this.updates = updates;
        this.rate = rate;
        this.warmupUpdates = warmupUpdates;
        this.chunk = chunk;
        this.store = store;
    }

    Result run(BenchFeed feed) throws Exception {
        LatencyRecorder recorder = new LatencyRecorder(feed::floodKey);
        Registration consumer = feed.connector().events().addHandler(
                event -> feed.floodKey(event) != BenchFeed.NOT_MEASURED, recorder::accept,
                StreamOptions.of(1 << 18, Overflow.DROP_NEWEST).withName("bench-consumer"));
        try (StoreTap storeTap = store ? StoreTap.start() : null) {
            feed.connector().start();
            feed.bringLive(Duration.ofSeconds(20));
            if (warmupUpdates > 0) {
                flood(feed, recorder, warmupUpdates, 0, Duration.ofMinutes(2), null);
            }
            RunMeter meter = new RunMeter();
            meter.start();
            if (storeTap != null) {
                storeTap.attach(feed.connector());
            }
            long droppedBefore = consumer.stats().dropped();
            Duration timeout = Duration.ofMillis((rate > 0 ? (long) (updates / rate * 1000) : 0) + 120_000);
            boolean complete = flood(feed, recorder, updates, rate, timeout, meter);
            Map<String, Object> storeFigures = storeTap == null ? null
                    : storeTap.figures(recorder.firstWriteNs(), recorder.lastDeliveryNs(), Duration.ofMinutes(5));
            RunMeter.Figures run = meter.figures();
            String difference = complete ? feed.compareBooks() : "the run did not complete";

            Map<String, Object> figures = new LinkedHashMap<>();
            figures.put("benchmark", feed.name());
            figures.put("updates", updates);
            figures.putAll(feed.details());
            figures.put("rate", Math.round(rate));
            figures.put("complete", complete);
            figures.put("delivered", recorder.delivered());
            figures.put("updatesPerSecond", Math.round(recorder.perSecond()));
            figures.put("cpuSeconds", round(run.cpuSeconds(), 2));
            figures.put("cpuMicrosPerUpdate", round(run.cpuSeconds() * 1e6 / Math.max(1, recorder.delivered()), 2));
            figures.put("heapPeakBytes", run.heapPeakBytes());
            figures.put("gcCount", run.gcCount());
            figures.put("gcMillis", run.gcMillis());
            figures.put("latencyUs", latency(recorder.latencyNs()));
            figures.put("busiestThreadsCpuSeconds", run.busiestThreadsCpuSeconds());
            figures.put("bookMatches", difference.isEmpty());
            if (!difference.isEmpty()) {
                figures.put("bookDifference", difference);
            }
            Map<String, Long> faults = new LinkedHashMap<>(feed.faults());
            faults.put("dropped", consumer.stats().dropped() - droppedBefore);
            figures.putAll(faults);
            boolean storeHealthy = true;
            if (storeFigures != null) {
                figures.put("store", storeFigures);
                storeHealthy = Boolean.TRUE.equals(storeFigures.get("complete"));
            }
            boolean healthy = complete && difference.isEmpty() && storeHealthy
                    && faults.values().stream().allMatch(count -> count == 0);
            return new Result(figures, healthy);
        } finally {
            consumer.close();
        }
    }

    /**
     * Floods {@code count} updates (in chunks when unpaced) and waits until the consumer has each of them.
     *
     * @param meter measures the floods in flight, if given
     * @return false if the updates did not all come through in time
     */
    private boolean flood(BenchFeed feed, LatencyRecorder recorder, long count, double floodRate, Duration timeout,
                          RunMeter meter) throws Exception {
        recorder.reset();
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        long size = floodRate > 0 ? count : Math.min(count, chunk);
        for (long sent = 0; sent < count; sent += size) {
            BenchFeed.Flood flood = feed.prepare((int) Math.min(size, count - sent));
            recorder.expect(flood);
            if (meter != null) {
                meter.resume();
            }
            flood.start().accept(floodRate);
            boolean through = recorder.await(Duration.ofNanos(Math.max(0, deadlineNs - System.nanoTime())));
            if (meter != null) {
                meter.pause();
            }
            if (!through) {
                return false;
            }
            flood.finished().get(10, TimeUnit.SECONDS); // the twin's book has moved on: the next flood follows it
        }
        return true;
    }

    private static Map<String, Double> latency(Histogram latencyNs) {
        Map<String, Double> micros = new LinkedHashMap<>();
        for (double percentile : new double[] {50, 99, 99.9}) {
            micros.put("p" + (percentile == 99.9 ? "99.9" : Long.toString((long) percentile)),
                    latencyNs.getTotalCount() == 0 ? 0 : round(latencyNs.getValueAtPercentile(percentile) / 1e3, 1));
        }
        micros.put("max", round(latencyNs.getMaxValue() / 1e3, 1));
        return micros;
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
