package io.tributary.sink;

import io.tributary.book.BookView;
import io.tributary.core.stream.Hub;
import io.tributary.core.stream.Registration;
import io.tributary.core.time.NanoClock;
import io.tributary.model.event.MarketEvent;
import io.tributary.sink.questdb.EmbeddedQuestDb;
import io.tributary.sink.questdb.QuestDbAddress;
import io.tributary.sink.questdb.QuestDbWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store of a capture process and the lossless way into it: QuestDB (embedded under the data directory, or an
 * external server), a {@link ReliableSink} over a {@link QuestDbWriter} spilling under the data directory, optional
 * further sinks (e.g. Kafka), each through its own {@code ReliableSink}, and periodic top-N book snapshots.
 *
 * <p>A source's events reach the sinks through a {@link Hub#addTap tap}: called on the publishing thread with no hub
 * queue in between, so nothing overflows or is dropped, and the sink's {@code accept} is O(1) (its buffer, or an
 * append to its spill file), so the publisher never waits for the store. Connectors publish from their book thread,
 * not from the socket read.
 *
 * <p>{@link #close} goes in the order that loses nothing: snapshots stop, the sources close (delivering everything
 * they received through the taps), the sinks flush (or keep the rest in their spill directories for the next start),
 * and only then does the embedded QuestDB stop.
 */
public final class CaptureStore implements Consumer<MarketEvent>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureStore.class);

    /** QuestDB's default credentials on the PostgreSQL wire. */
    private static final String JDBC_USER = "admin";
    private static final String JDBC_PASSWORD = "quest";

    private final Path dataDirectory;
    private final EmbeddedQuestDb embedded; // null with an external server
    private final QuestDbAddress address;
    private final QuestDbWriter storeWriter;
    private final Map<String, ReliableSink> sinks; // the store's first, then the others; by writer name
    private final Duration snapshotInterval;
    private final int snapshotDepth;
    private final NanoClock clock;
    private final List<Capture> captures = new ArrayList<>(); // guarded by this
    private boolean closed; // guarded by this

    /** One attached source: its tap, its snapshotter, and how to close it. */
    private record Capture(String exchange, Registration tap, BookSnapshotter snapshotter, AutoCloseable source) {
    }

    private CaptureStore(Builder b) {
        this.dataDirectory = b.dataDirectory;
        this.snapshotInterval = b.snapshotInterval;
        this.snapshotDepth = b.snapshotDepth;
        this.clock = b.clock;
        EmbeddedQuestDb db = null;
        Map<String, ReliableSink> opened = new LinkedHashMap<>();
        List<SinkWriter> unopened = new ArrayList<>(b.alsoTo);
        try {
            if (b.external == null) {
                db = new EmbeddedQuestDb(dataDirectory.resolve("questdb"), b.httpPort, b.pgPort);
                db.start();
                this.address = new QuestDbAddress(db.ilpConfig(), db.jdbcUrl());
            } else {
                this.address = b.external;
            }
            this.storeWriter = new QuestDbWriter(address.ilpConfig());
            opened.put(storeWriter.name(), sink(storeWriter, b.sinkSettings));
            for (SinkWriter writer : b.alsoTo) {
                if (opened.containsKey(writer.name())) {
                    throw new IllegalArgumentException("two sinks named '" + writer.name() + "'");
                }
                unopened.remove(writer);
                opened.put(writer.name(), sink(writer, b.sinkSettings));
            }
        } catch (RuntimeException e) {
            opened.values().forEach(ReliableSink::close); // each closes its writer
            unopened.forEach(SinkWriter::close);
            if (db != null) {
                db.stop();
            }
            throw e;
        }
        this.embedded = db;
        this.sinks = opened;
    }

    private ReliableSink sink(SinkWriter writer, UnaryOperator<ReliableSink.Builder> settings) {
        try {
            return settings.apply(ReliableSink.builder(writer)
                    .spillDirectory(dataDirectory.resolve("spill").resolve(writer.name()))).build();
        } catch (RuntimeException e) {
            writer.close();
            throw e;
        }
    }

    /** @return a builder for a store whose data (embedded QuestDB, spill files) lives under {@code dataDirectory} */
    public static Builder builder(Path dataDirectory) {
        return new Builder(dataDirectory);
    }

    /**
     * Captures a source: every event its hub publishes goes to every sink, and (with snapshots on) its books are
     * copied every snapshot interval. The store takes the source over and closes it in {@link #close}.
     *
     * @param exchange the source's exchange (names the snapshot thread)
     * @param events   the hub its normalized events are published on
     * @param books    a symbol's live book, e.g. {@code connector::book}
     * @param symbols  the symbols whose books to snapshot, asked at every round
     * @param source   closed by {@link #close} before the sinks flush, e.g. the connector; it must deliver everything
     *                 it received before its close returns
     */
    public synchronized void capture(String exchange, Hub<MarketEvent> events,
                                     Function<String, Optional<BookView>> books,
                                     Supplier<? extends Iterable<String>> symbols, AutoCloseable source) {
        if (closed) {
            throw new IllegalStateException("the store is closed");
        }
        Registration tap = events.addTap(event -> true, this, "store");
        BookSnapshotter snapshotter = null;
        if (snapshotInterval != null) {
            snapshotter = new BookSnapshotter(exchange, symbols, books, snapshotDepth, this, clock);
            snapshotter.start(snapshotInterval);
        }
        captures.add(new Capture(exchange, tap, snapshotter, Objects.requireNonNull(source, "source")));
    }

    /** Hands one event to every sink; O(1), never waits for a store (for sources that are not a hub). */
    @Override
    public void accept(MarketEvent event) {
        for (ReliableSink sink : sinks.values()) {
            sink.accept(event);
        }
    }

    /** @return the ILP client configuration of the store */
    public String ilpConfig() {
        return address.ilpConfig();
    }

    /** @return the JDBC URL of the store's PostgreSQL wire endpoint, for queries */
    public String jdbcUrl() {
        return address.jdbcUrl();
    }

    public String jdbcUser() {
        return JDBC_USER;
    }

    public String jdbcPassword() {
        return JDBC_PASSWORD;
    }

    /** @return true if QuestDB runs in this process */
    public boolean isEmbedded() {
        return embedded != null;
    }

    /** @return the embedded QuestDB's HTTP port (web console, /exec), or -1 with an external server */
    public int httpPort() {
        return embedded == null ? -1 : embedded.httpPort();
    }

    /** @return the data directory */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /**
     * A writer straight into the store, for a source that does its own retrying and must know when a batch is
     * written (Kafka commits its offsets after the write); the caller closes it.
     */
    public SinkWriter newStoreWriter() {
        return new QuestDbWriter(address.ilpConfig());
    }

    /** @return the store sink's counters */
    public SinkStats storeStats() {
        return sinks.get(storeWriter.name()).stats();
    }

    /** @return every sink's counters, the store's first, by sink name */
    public Map<String, SinkStats> sinkStats() {
        Map<String, SinkStats> stats = new LinkedHashMap<>();
        sinks.forEach((name, sink) -> stats.put(name, sink.stats()));
        return stats;
    }

    /** @return events the store rejected because a decimal does not fit its columns exactly */
    public long rejected() {
        return storeWriter.rejected();
    }

    /** Stops snapshots, closes the sources, flushes the sinks, then stops the embedded QuestDB. */
    @Override
    public void close() {
        List<Capture> closing;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            closing = List.copyOf(captures);
        }
        for (Capture capture : closing) {
            if (capture.snapshotter() != null) {
                capture.snapshotter().close();
            }
        }
        for (Capture capture : closing) {
            try {
                capture.source().close(); // delivers what it received through the tap
            } catch (Exception e) {
                LOG.error("closing the {} source failed; the sinks still get what it delivered", capture.exchange(), e);
            }
            capture.tap().close();
        }
        for (ReliableSink sink : sinks.values()) {
            sink.close();
        }
        if (embedded != null) {
            embedded.stop();
        }
    }

    /** Settings for a {@link CaptureStore}. */
    public static final class Builder {
        private final Path dataDirectory;
        private QuestDbAddress external;
        private int httpPort;
        private int pgPort;
        private Duration snapshotInterval = Duration.ofSeconds(10);
        private int snapshotDepth = 50;
        private final List<SinkWriter> alsoTo = new ArrayList<>();
        private UnaryOperator<ReliableSink.Builder> sinkSettings = UnaryOperator.identity();
        private NanoClock clock = NanoClock.system();

        private Builder(Path dataDirectory) {
            this.dataDirectory = Objects.requireNonNull(dataDirectory, "dataDirectory");
        }

        /** Writes to an external QuestDB instead of starting one (see {@link QuestDbAddress#parse}). */
        public Builder external(QuestDbAddress address) {
            this.external = Objects.requireNonNull(address, "address");
            return this;
        }

        /** Ports of the embedded QuestDB on 127.0.0.1 (default 0: free ports). */
        public Builder embeddedPorts(int httpPort, int pgPort) {
            this.httpPort = httpPort;
            this.pgPort = pgPort;
            return this;
        }

        /** Book snapshots every {@code interval}, top {@code depth} levels (default 10 s, 50); null interval: none. */
        public Builder snapshots(Duration interval, int depth) {
            if (interval != null && (interval.isNegative() || interval.isZero())) {
                throw new IllegalArgumentException("snapshot interval must be positive: " + interval);
            }
            if (depth < 1) {
                throw new IllegalArgumentException("snapshot depth must be at least 1: " + depth);
            }
            this.snapshotInterval = interval;
            this.snapshotDepth = depth;
            return this;
        }

        /** Also sends every event to {@code writer} (e.g. a {@code KafkaWriter}) through its own reliable sink. */
        public Builder alsoTo(SinkWriter writer) {
            alsoTo.add(Objects.requireNonNull(writer, "writer"));
            return this;
        }

        /** Adjusts every sink's settings (buffer, batch, backoff, close timeout); the spill directory is set. */
        public Builder sinkSettings(UnaryOperator<ReliableSink.Builder> settings) {
            this.sinkSettings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** The wall clock stamped on book snapshots (default the system's). */
        public Builder clock(NanoClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Starts the embedded QuestDB (if not external) and the sinks. */
        public CaptureStore open() {
            return new CaptureStore(this);
        }
    }
}
