package io.tributary.cli;

import io.tributary.core.stream.ConsumerStream;
import io.tributary.core.stream.Hub;
import io.tributary.core.stream.Overflow;
import io.tributary.core.stream.StreamOptions;
import io.tributary.core.time.NanoClock;
import io.tributary.exchange.RecordedInput;
import io.tributary.model.event.BestBidAsk;
import io.tributary.model.event.BookGap;
import io.tributary.model.event.BookSnapshot;
import io.tributary.model.event.BookUpdate;
import io.tributary.model.event.ConnectionEvent;
import io.tributary.model.event.MarketEvent;
import io.tributary.model.event.OrderEvent;
import io.tributary.model.event.Trade;
import io.tributary.sink.BookSnapshotter;
import io.tributary.sink.SinkWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One recorded session of one exchange into the store: pushed through the exchange's offline connector (the live
 * code), its events written in batches, plus the top of every book copied each {@code snapshotInterval} of
 * recording time (as {@link BookSnapshotter} does live), so a book can be rebuilt at any instant of the import.
 *
 * <p>The recording is pushed on the caller's thread; the events are written on a thread of their own. The caller
 * waits for that thread every {@value #DRAIN_EVERY} entries, so the events' queue never overflows however fast the
 * recording is read.
 */
final class SessionImport {

    private static final int QUEUE = 1 << 16;
    /** Entries between waits for the writer; far fewer than the queue holds (an entry gives a handful of events). */
    private static final int DRAIN_EVERY = 1024;
    private static final int BATCH = 10_000;

    private final RecordedInput input;
    private final Hub<MarketEvent> events;
    private final SinkWriter writer;
    private final long snapshotIntervalNs;
    private final BookSnapshotter snapshotter;
    private final Thread consumer;
    private final Map<String, SymbolCounts> counts = new TreeMap<>(); // consumer thread; read after it ended
    private final Object progress = new Object();
    private long handled; // guarded by progress
    private volatile Throwable failure;
    private long lastEntryNs = Long.MIN_VALUE;
    private long nextSnapshotNs = Long.MIN_VALUE;
    private int sinceDrain;
    private long connectionMarkers; // consumer thread; read after it ended

    /** What was imported for one symbol, by kind of row. */
    static final class SymbolCounts {
        long trades;
        long bookUpdates;
        long snapshots;
        long bbo;
        long orders;
        long gaps;
    }

    SessionImport(Venue venue, SinkWriter writer, Duration snapshotInterval, int snapshotDepth) {
        this.input = venue.offline();
        this.events = input.connector().events();
        this.writer = writer;
        this.snapshotIntervalNs = snapshotInterval.toNanos();
        NanoClock recordingClock = new NanoClock() {
            @Override
            public long nanoTime() {
                return lastEntryNs;
            }

            @Override
            public long epochNanos() {
                return lastEntryNs;
            }
        };
        // snapshots go through the connector's hub, so they reach the writer in order with the events
        this.snapshotter = new BookSnapshotter(input.connector().exchange(),
                () -> input.connector().symbolStats().keySet(), input.connector()::book, snapshotDepth,
                events::publish, recordingClock);
        ConsumerStream<MarketEvent> stream = input.connector().stream(null,
                StreamOptions.of(QUEUE, Overflow.DISCONNECT).withName("import-" + input.connector().exchange()));
        this.consumer = Thread.ofPlatform().name("import-" + input.connector().exchange()).start(() -> write(stream));
    }

    /** A recorded frame (see {@link RecordedInput#frame}). */
    void frame(String socketUrl, long connectionId, byte[] payload, boolean binary, long receivedEpochNs) {
        advance(receivedEpochNs);
        input.frame(socketUrl, connectionId, payload, binary, receivedEpochNs);
        paced();
    }

    /** A recorded socket handshake (see {@link RecordedInput#connected}). */
    void connected(String socketUrl, long connectionId, long receivedEpochNs) {
        advance(receivedEpochNs);
        input.connected(socketUrl, connectionId, receivedEpochNs);
    }

    /** A recorded socket close (see {@link RecordedInput#disconnected}). */
    void disconnected(String socketUrl, long connectionId, String reason, long receivedEpochNs) {
        advance(receivedEpochNs);
        input.disconnected(socketUrl, connectionId, reason, receivedEpochNs);
    }

    /** A recorded REST answer (see {@link RecordedInput#rest}). */
    void rest(String url, byte[] body, long receivedEpochNs) {
        advance(receivedEpochNs);
        input.rest(url, body, receivedEpochNs);
        paced();
    }

    /**
     * Copies the books one last time, ends the input and waits until every event is written.
     *
     * @return what was imported, by symbol
     * @throws Exception the writer's failure, if it failed
     */
    Map<String, SymbolCounts> finish() throws Exception {
        if (lastEntryNs != Long.MIN_VALUE) {
            snapshotter.snapshotNow();
        }
        input.close();
        consumer.join();
        if (failure != null) {
            throw failure instanceof Exception e ? e : new IllegalStateException(failure);
        }
        return counts;
    }

    /** @return connection markers imported (after {@link #finish()}) */
    long connectionMarkers() {
        return connectionMarkers;
    }

    /** @return the offline input's counters */
    RecordedInput.RecordedStats stats() {
        return input.stats();
    }

    /** Recording time moves to {@code entryNs}: the books as they stood before it are copied at each interval. */
    private void advance(long entryNs) {
        if (nextSnapshotNs == Long.MIN_VALUE) {
            nextSnapshotNs = entryNs + snapshotIntervalNs;
        } else if (entryNs >= nextSnapshotNs) {
            snapshotter.snapshotNow();
            nextSnapshotNs += ((entryNs - nextSnapshotNs) / snapshotIntervalNs + 1) * snapshotIntervalNs;
        }
        lastEntryNs = entryNs;
    }

    private void paced() {
        if (++sinceDrain < DRAIN_EVERY) {
            return;
        }
        sinceDrain = 0;
        long published = events.published();
        synchronized (progress) {
            while (handled < published && failure == null && consumer.isAlive()) {
                try {
                    progress.wait(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("import interrupted", e);
                }
            }
        }
        if (failure != null) {
            throw new IllegalStateException("writing to the store failed: " + failure.getMessage(), failure);
        }
    }

    private void write(ConsumerStream<MarketEvent> stream) {
        List<MarketEvent> batch = new ArrayList<>(BATCH);
        try {
            for (MarketEvent event : stream) {
                batch.add(event);
                count(event);
                if (batch.size() == BATCH) {
                    writer.write(batch);
                    batch.clear();
                }
                synchronized (progress) {
                    handled++;
                    progress.notifyAll();
                }
            }
            if (!batch.isEmpty()) {
                writer.write(batch);
            }
        } catch (Throwable e) {
            failure = e;
            stream.close();
            synchronized (progress) {
                progress.notifyAll();
            }
        }
    }

    private void count(MarketEvent event) {
        if (event instanceof ConnectionEvent) {
            connectionMarkers++;
            return;
        }
        SymbolCounts c = counts.computeIfAbsent(event.symbol(), s -> new SymbolCounts());
        switch (event) {
            case Trade t -> c.trades++;
            case BookUpdate b -> c.bookUpdates++;
            case BookSnapshot s -> c.snapshots++;
            case BestBidAsk q -> c.bbo++;
            case OrderEvent o -> c.orders++;
            case BookGap g -> c.gaps++;
            case ConnectionEvent ignored -> { }
        }
    }
}
