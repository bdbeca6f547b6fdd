package io.tributary.cli;

import io.tributary.core.stream.Hub;
import io.tributary.core.stream.Overflow;
import io.tributary.core.stream.Registration;
import io.tributary.core.stream.StreamOptions;
import io.tributary.model.event.MarketEvent;
import io.tributary.sink.ReliableSink;
import io.tributary.sink.SinkStats;
import io.tributary.sink.questdb.EmbeddedQuestDb;
import io.tributary.sink.questdb.QuestDbWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The live path's normalized events into the embedded store, as a capture stores them: a consumer of the connector's
 * hub hands every event to a {@link ReliableSink} (never waits: memory buffer, then spill files) whose writer thread
 * sends batches to an embedded QuestDB through {@link QuestDbWriter} (ILP over HTTP). Everything lives in a temporary
 * directory, deleted on close.
 */
final class StoreTap implements AutoCloseable {

    static final int BATCH_SIZE = 10_000;
    static final int BUFFER_CAPACITY = 200_000;

    private final Path dir;
    private final EmbeddedQuestDb db;
    private final QuestDbWriter writer;
    private final ReliableSink sink;
    private final Registration consumer;
    private final RunMeter meter = new RunMeter();
    private SinkStats atStart;
    private long rowsAtStart;
    private long droppedAtStart;

    private StoreTap(Path dir, EmbeddedQuestDb db, QuestDbWriter writer, ReliableSink sink, Registration consumer) {
        this.dir = dir;
        this.db = db;
        this.writer = writer;
        this.sink = sink;
        this.consumer = consumer;
    }

    /** Starts the store and attaches its consumer to {@code events}; call before the connector starts. */
    static StoreTap start(Hub<MarketEvent> events) throws IOException {
        Path dir = Files.createTempDirectory("tributary-bench-store");
        EmbeddedQuestDb db = EmbeddedQuestDb.startOnFreePorts(dir.resolve("questdb"));
        QuestDbWriter writer = new QuestDbWriter(db.ilpConfig());
        ReliableSink sink = ReliableSink.builder(writer).batchSize(BATCH_SIZE).bufferCapacity(BUFFER_CAPACITY)
                .spillDirectory(dir.resolve("spill")).build();
        Registration consumer = events.addHandler(event -> true, sink,
                StreamOptions.of(1 << 18, Overflow.DROP_NEWEST).withName("bench-store"));
        return new StoreTap(dir, db, writer, sink, consumer);
    }

    /** Waits until the store has everything so far (the warm-up), then counts from here. */
    void markStart(Duration timeout) throws InterruptedException {
        BenchFeed.await("the store taking the warm-up", timeout, this::drained);
        atStart = sink.stats();
        rowsAtStart = writer.rows();
        droppedAtStart = consumer.stats().dropped();
        meter.resume();
    }

    /**
     * Waits until the store has every event of the measured run and describes it: rows/s from the first measured
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
        SinkStats now = sink.stats();
        long events = now.written() - atStart.written();
        long rows = writer.rows() - rowsAtStart;
        long dropped = consumer.stats().dropped() - droppedAtStart;
        double seconds = (doneNs - firstWriteNs) / 1e9;
        double lagSeconds = (doneNs - lastDeliveryNs) / 1e9;
        long spilled = now.spilled() - atStart.spilled();
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("complete", complete && dropped == 0 && now.lost() == 0);
        figures.put("events", events);
        figures.put("rows", rows);
        figures.put("seconds", Math.round(seconds * 100) / 100.0);
        figures.put("rowsPerSecond", Math.round(rows / seconds));
        figures.put("eventsPerSecond", Math.round(events / seconds));
        figures.put("lagAfterFeedSeconds", Math.round(lagSeconds * 100) / 100.0);
        figures.put("keptUp", spilled == 0 && lagSeconds < 1);
        figures.put("spilled", spilled);
        figures.put("replayed", now.replayed() - atStart.replayed());
        figures.put("retries", now.retries() - atStart.retries());
        figures.put("droppedByHub", dropped);
        figures.put("lost", now.lost());
        figures.put("batchSize", BATCH_SIZE);
        figures.put("bufferCapacity", BUFFER_CAPACITY);
        figures.put("busiestThreadsCpuSeconds", meter.figures().busiestThreadsCpuSeconds());
        return figures;
    }

    private boolean drained() {
        SinkStats stats = sink.stats();
        return consumer.stats().lag() == 0 && stats.buffered() == 0
                && stats.written() + stats.lost() == stats.received();
    }

    @Override
    public void close() {
        consumer.close();
        sink.close();
        db.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
