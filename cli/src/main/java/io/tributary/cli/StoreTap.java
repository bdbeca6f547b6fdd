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
import java.util.List;
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
    private final RunMeter meter = new RunMeter();
    private Registration consumer;

    private StoreTap(Path dir, EmbeddedQuestDb db, QuestDbWriter writer, ReliableSink sink) {
        this.dir = dir;
        this.db = db;
        this.writer = writer;
        this.sink = sink;
    }

    /** Starts the store, its tables created, so that the measured run does not pay for that. */
    static StoreTap start() throws Exception {
        Path dir = Files.createTempDirectory("tributary-bench-store");
        EmbeddedQuestDb db = EmbeddedQuestDb.startOnFreePorts(dir.resolve("questdb"));
        QuestDbWriter writer = new QuestDbWriter(db.ilpConfig());
        writer.write(List.of()); // creates the tables; from here on only the sink's writer thread uses it
        ReliableSink sink = ReliableSink.builder(writer).batchSize(BATCH_SIZE).bufferCapacity(BUFFER_CAPACITY)
                .spillDirectory(dir.resolve("spill")).build();
        return new StoreTap(dir, db, writer, sink);
    }

    /**
     * Stores every event of {@code events} from now on (the measured run only: a warm-up through the store would
     * leave the sink replaying its spill files, and new events queue behind those).
     */
    void attach(Hub<MarketEvent> events) {
        consumer = events.addHandler(event -> true, sink,
                StreamOptions.of(1 << 18, Overflow.DROP_NEWEST).withName("bench-store"));
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
        SinkStats now = sink.stats();
        long events = now.written();
        long rows = writer.rows();
        long dropped = consumer.stats().dropped();
        double seconds = (doneNs - firstWriteNs) / 1e9;
        double lagSeconds = (doneNs - lastDeliveryNs) / 1e9;
        long spilled = now.spilled();
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
        figures.put("replayed", now.replayed());
        figures.put("retries", now.retries());
        figures.put("droppedByHub", dropped);
        figures.put("lost", now.lost());
        figures.put("batchSize", BATCH_SIZE);
        figures.put("bufferCapacity", BUFFER_CAPACITY);
        figures.put("busiestThreadsCpuSeconds", meter.figures().busiestThreadsCpuSeconds());
        return figures;
    }

    private boolean drained() {
        SinkStats stats = sink.stats();
        // a consumer's queue is empty once it has handed over every event: the sink has them all
        return consumer.stats().lag() == 0 && stats.buffered() == 0
                && stats.written() + stats.lost() == stats.received();
    }

    @Override
    public void close() {
        if (consumer != null) {
            consumer.close();
        }
        sink.close();
        db.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
