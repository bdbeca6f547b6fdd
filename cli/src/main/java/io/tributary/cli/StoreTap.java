package io.tributary.cli;

import io.tributary.core.stream.Registration;
import io.tributary.exchange.MarketDataConnector;
import io.tributary.model.event.BookUpdate;
import io.tributary.model.event.MarketEvent;
import io.tributary.sink.CaptureStore;
import io.tributary.sink.SinkStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * The live path's normalized events into the embedded store, the way {@code tributary serve} stores a capture: a
 * {@link CaptureStore} (embedded QuestDB, a {@code ReliableSink} over a {@code QuestDbWriter} spilling to disk, book
 * snapshots) taps the connector's hub on its publishing thread. Everything lives in a temporary directory, deleted on
 * close.
 */
final class StoreTap implements AutoCloseable {

    private final Path dir;
    private final CaptureStore store;
    private final RunMeter meter = new RunMeter();
    private final AtomicLong rows = new AtomicLong();
    private Registration rowCounter;

    private StoreTap(Path dir, CaptureStore store) {
        this.dir = dir;
        this.store = store;
    }

    /** Starts the store (the embedded QuestDB and its sink). */
    static StoreTap start() throws IOException {
        Path dir = Files.createTempDirectory("tributary-bench-store");
        return new StoreTap(dir, CaptureStore.builder(dir).open());
    }

    /**
     * Stores every event of the connector from now on (the measured run only: a warm-up through the store would
     * leave the sink replaying its spill files, and new events queue behind those).
     */
    void attach(MarketDataConnector connector) {
        // the bench closes the connector itself; the store only has to stop taking its events
        store.capture(connector.exchange(), connector.events(), connector::book, () -> connector.symbolStats().keySet(),
                () -> { });
        rowCounter = connector.events().addTap(event -> true, event -> rows.addAndGet(rows(event)), "bench-rows");
        meter.resume();
    }

    /**
     * Waits until the store has every event since {@link #attach} and describes it: rows/s from the first measured
     * write to the store's last acknowledgement, how far the store finished after the feed, whether anything went
     * through the spill files, and the threads that worked hardest meanwhile.
     */
    Map<String, Object> figures(long firstWriteNs, long lastDeliveryNs, Duration timeout) throws InterruptedException {
        boolean complete = true;
        try {
            BenchFeed.await("the store taking the measured run", timeout, this::drained);
        } catch (IllegalStateException notDrained) {
            complete = false;
        }
        long doneNs = System.nanoTime();
        meter.pause();
        SinkStats now = store.storeStats();
        double seconds = (doneNs - firstWriteNs) / 1e9;
        double lagSeconds = (doneNs - lastDeliveryNs) / 1e9;
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("complete", complete && now.lost() == 0);
        figures.put("events", now.written());
        figures.put("rows", rows.get());
        figures.put("seconds", Math.round(seconds * 100) / 100.0);
        figures.put("rowsPerSecond", Math.round(rows.get() / seconds));
        figures.put("eventsPerSecond", Math.round(now.written() / seconds));
        figures.put("lagAfterFeedSeconds", Math.round(lagSeconds * 100) / 100.0);
        figures.put("keptUp", now.spilled() == 0 && lagSeconds < 1);
        figures.put("spilled", now.spilled());
        figures.put("replayed", now.replayed());
        figures.put("retries", now.retries());
        figures.put("lost", now.lost());
        figures.put("rejected", store.rejected());
        figures.put("busiestThreadsCpuSeconds", meter.figures().busiestThreadsCpuSeconds());
        return figures;
    }

    /** Rows an event becomes in the store: one per level change of a book update, else one. */
    private static long rows(MarketEvent event) {
        return event instanceof BookUpdate update ? update.bids().size() + update.asks().size() : 1;
    }

    private boolean drained() {
        SinkStats stats = store.storeStats(); // taps hand events over on the publishing thread: no queue before it
        return stats.buffered() == 0 && stats.written() + stats.lost() == stats.received();
    }

    @Override
    public void close() {
        if (rowCounter != null) {
            rowCounter.close();
        }
        store.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
