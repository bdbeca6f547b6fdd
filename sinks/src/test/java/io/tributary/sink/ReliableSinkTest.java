package io.tributary.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.core.connection.Backoff;
import io.tributary.core.stream.Hub;
import io.tributary.core.stream.Overflow;
import io.tributary.core.stream.Registration;
import io.tributary.core.stream.StreamOptions;
import io.tributary.model.event.Aggressor;
import io.tributary.model.event.MarketEvent;
import io.tributary.model.event.Trade;
import io.tributary.sink.questdb.EmbeddedQuestDb;
import io.tributary.sink.questdb.QuestDbWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sink's guarantees against a real QuestDB that is stopped and started, and a real spill directory. */
class ReliableSinkTest {

    private static final Backoff FAST_RETRY = new Backoff(Duration.ofMillis(20), Duration.ofMillis(200), Duration.ZERO);
    private static final Duration ROWS_ARRIVE = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    static EmbeddedQuestDb db;
    static StoreProbe probe;

    @BeforeAll
    static void startStore() {
        db = EmbeddedQuestDb.startOnFreePorts(dir.resolve("questdb"));
        probe = new StoreProbe(db.ilpConfig());
    }

    @AfterAll
    static void stopStore() {
        probe.close();
        db.close();
    }

    private static Trade trade(String symbol, int i) {
        long ns = 1_700_000_000_000_000_000L + i * 1_000L;
        return new Trade("test", symbol, Integer.toString(i), new BigDecimal("100.01"), new BigDecimal("0.5"),
                Aggressor.BUY, ns, ns + 7);
    }

    private static List<String> storedIds(String symbol) {
        return probe.rows("select trade_id from trades where symbol = '" + symbol + "'").stream()
                .map(List::getFirst).collect(Collectors.toList());
    }

    private static List<String> ids(int from, int to) {
        return IntStream.range(from, to).mapToObj(Integer::toString).toList();
    }

    private ReliableSink.Builder sink(Path spill) {
        return ReliableSink.builder(new QuestDbWriter(db.ilpConfig())).batchSize(500).linger(Duration.ofMillis(5))
                .bufferCapacity(2_000).spillDirectory(spill).backoff(FAST_RETRY);
    }

    @Test
    void anOutageUnderLoadLosesNothingAndDuplicatesNothing() {
        String symbol = "OUTAGE";
        ReliableSink sink = sink(dir.resolve("spill-outage")).build();
        for (int i = 0; i < 20_000; i++) {
            sink.accept(trade(symbol, i));
        }
        await().atMost(ROWS_ARRIVE).until(() -> sink.stats().written() >= 5_000);

        db.stop();
        for (int i = 20_000; i < 40_000; i++) {
            sink.accept(trade(symbol, i)); // returns although nothing can be written
        }
        await().atMost(ROWS_ARRIVE).until(() -> sink.stats().retries() >= 3);
        assertThat(sink.stats().spilled()).as("the buffer overflowed to disk while the store was down").isPositive();

        db.start();
        for (int i = 40_000; i < 60_000; i++) {
            sink.accept(trade(symbol, i));
        }
        sink.close();

        SinkStats stats = sink.stats();
        assertThat(stats.received()).isEqualTo(60_000);
        assertThat(stats.written()).isEqualTo(60_000);
        assertThat(stats.replayed()).isEqualTo(stats.spilled());
        assertThat(stats.lost()).isZero();
        await().atMost(ROWS_ARRIVE).until(() ->
                probe.count("select count() from trades where symbol = '" + symbol + "'") >= 60_000);
        List<String> stored = storedIds(symbol);
        assertThat(stored).hasSize(60_000);
        assertThat(stored).containsExactlyInAnyOrderElementsOf(ids(0, 60_000));
    }

    @Test
    void acceptReturnsWhileTheWriterIsStuckAndOrderIsKept() throws Exception {
        String symbol = "STUCK";
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch stuck = new CountDownLatch(1);
        List<String> writtenOrder = Collections.synchronizedList(new ArrayList<>());
        QuestDbWriter store = new QuestDbWriter(db.ilpConfig());
        SinkWriter gated = new SinkWriter() {
            @Override
            public String name() {
                return "gated";
            }

            @Override
            public void write(List<MarketEvent> batch) throws Exception {
                stuck.countDown();
                release.await(); // a store call that hangs
                store.write(batch);
                batch.forEach(e -> writtenOrder.add(((Trade) e).tradeId()));
            }

            @Override
            public void close() {
                store.close();
            }
        };
        ReliableSink sink = ReliableSink.builder(gated).batchSize(300).bufferCapacity(1_000)
                .spillDirectory(dir.resolve("spill-stuck")).segmentBytes(64 * 1024).build();
        sink.accept(trade(symbol, 0));
        stuck.await();

        for (int i = 1; i < 10_000; i++) {
            sink.accept(trade(symbol, i)); // the writer thread is blocked: every call must still return
        }
        assertThat(release.getCount()).as("every accept returned while the writer was stuck").isEqualTo(1);
        assertThat(sink.stats().spilled()).isGreaterThanOrEqualTo(10_000 - 1 - 1_000);

        release.countDown();
        sink.close();
        assertThat(writtenOrder).containsExactlyElementsOf(ids(0, 10_000));
        await().atMost(ROWS_ARRIVE).until(() ->
                probe.count("select count() from trades where symbol = '" + symbol + "'") >= 10_000);
        assertThat(storedIds(symbol)).containsExactlyInAnyOrderElementsOf(ids(0, 10_000));
    }

    @Test
    void closeFlushesEverythingStillBuffered() {
        String symbol = "FLUSH";
        ReliableSink sink = sink(dir.resolve("spill-flush")).linger(Duration.ofSeconds(5)).batchSize(100_000)
                .bufferCapacity(100_000).build();
        for (int i = 0; i < 5_000; i++) {
            sink.accept(trade(symbol, i));
        }
        sink.close();
        assertThat(sink.stats().written()).isEqualTo(5_000);
        await().atMost(ROWS_ARRIVE).until(() ->
                probe.count("select count() from trades where symbol = '" + symbol + "'") >= 5_000);
        assertThat(storedIds(symbol)).containsExactlyInAnyOrderElementsOf(ids(0, 5_000));
    }

    @Test
    void closingWithTheStoreDownLeavesEverythingOnDiskForTheNextStart() throws IOException {
        String symbol = "RESTART";
        Path spill = dir.resolve("spill-restart");
        db.stop();
        ReliableSink first = sink(spill).closeTimeout(Duration.ofMillis(300)).build();
        for (int i = 0; i < 5_000; i++) {
            first.accept(trade(symbol, i));
        }
        first.close();
        assertThat(first.stats().written()).isZero();
        assertThat(first.stats().spilled()).isEqualTo(5_000);
        // a crash in the middle of an append leaves a torn record at the end of the newest segment
        try (var files = Files.list(spill)) {
            Path newest = files.sorted().toList().getLast();
            Files.write(newest, new byte[] {0, 0, 1, 0, 42}, StandardOpenOption.APPEND);
        }

        db.start();
        ReliableSink second = sink(spill).build();
        for (int i = 5_000; i < 6_000; i++) {
            second.accept(trade(symbol, i));
        }
        second.close();
        assertThat(second.stats().spilled()).as("new events queue behind the old spill").isEqualTo(1_000);
        assertThat(second.stats().replayed()).isEqualTo(6_000);
        assertThat(second.stats().written()).isEqualTo(6_000);
        try (var files = Files.list(spill)) {
            assertThat(files.toList()).as("replayed segments are deleted").isEmpty();
        }
        await().atMost(ROWS_ARRIVE).until(() ->
                probe.count("select count() from trades where symbol = '" + symbol + "'") >= 6_000);
        assertThat(storedIds(symbol)).containsExactlyInAnyOrderElementsOf(ids(0, 6_000));
    }

    @Test
    void aSinkConsumesAHubLikeAnyOtherConsumer() {
        String symbol = "HUB";
        ReliableSink sink = sink(dir.resolve("spill-hub")).build();
        try (Hub<MarketEvent> hub = new Hub<>("events")) {
            Registration registration = hub.addHandler(sink, StreamOptions.of(65_536, Overflow.DISCONNECT)
                    .withName("questdb"));
            for (int i = 0; i < 20_000; i++) {
                hub.publish(trade(symbol, i));
            }
            await().atMost(ROWS_ARRIVE).until(() -> registration.stats().delivered() == 20_000);
            assertThat(registration.stats().dropped()).isZero();
        }
        sink.close();
        assertThat(sink.stats().written()).isEqualTo(20_000);
        await().atMost(ROWS_ARRIVE).until(() ->
                probe.count("select count() from trades where symbol = '" + symbol + "'") >= 20_000);
        assertThat(storedIds(symbol)).containsExactlyInAnyOrderElementsOf(ids(0, 20_000));
    }

    /** A store that takes everything but refuses any batch holding a trade of symbol POISON, as QuestDB does a 400. */
    private static final class RefusingStore implements SinkWriter {
        final List<String> written = Collections.synchronizedList(new ArrayList<>());

        @Override
        public String name() {
            return "refusing";
        }

        @Override
        public void write(List<MarketEvent> batch) throws RejectedBatchException {
            if (batch.stream().anyMatch(e -> e.symbol().equals("POISON"))) {
                throw new RejectedBatchException("refused", new IllegalArgumentException("bad row"));
            }
            batch.forEach(e -> written.add(((Trade) e).tradeId()));
        }

        @Override
        public void close() {
        }
    }

    @Test
    void eventsTheStoreRefusesAreSetAsideAndTheRestIsWrittenInOrder() throws IOException {
        RefusingStore store = new RefusingStore();
        Path spill = dir.resolve("spill-refused");
        ReliableSink sink = ReliableSink.builder(store).batchSize(100).linger(Duration.ofMillis(5))
                .bufferCapacity(10_000).spillDirectory(spill).backoff(FAST_RETRY).build();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            boolean poison = i == 137 || i == 638;
            sink.accept(trade(poison ? "POISON" : "GOOD", i));
            if (!poison) {
                expected.add(Integer.toString(i));
            }
        }
        sink.close();

        assertThat(store.written).containsExactlyElementsOf(expected);
        assertThat(sink.stats().rejected()).isEqualTo(2);
        assertThat(sink.stats().written()).isEqualTo(998);
        try (var files = Files.list(dir.resolve("spill-refused.rejected"))) {
            assertThat(files.filter(f -> f.toString().endsWith(".spill")).mapToLong(f -> f.toFile().length()).sum())
                    .as("the refused events are kept on disk").isPositive();
        }
    }

    @Test
    void aSteadyFeedReturnsFromTheSpillToMemoryOnceTheStoreCatchesUp() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        SinkWriter slowThenFast = new SinkWriter() {
            @Override
            public String name() {
                return "gated";
            }

            @Override
            public void write(List<MarketEvent> batch) throws InterruptedException {
                release.await();
            }

            @Override
            public void close() {
            }
        };
        ReliableSink sink = ReliableSink.builder(slowThenFast).batchSize(500).linger(Duration.ofMillis(1))
                .bufferCapacity(1_000).spillDirectory(dir.resolve("spill-steady")).backoff(FAST_RETRY).build();
        Thread feed = Thread.ofPlatform().name("steady-feed").start(() -> {
            long nextNs = System.nanoTime();
            for (int i = 0; !Thread.currentThread().isInterrupted(); i++) {
                sink.accept(trade("STEADY", i));
                nextNs += 5_000; // 200,000 events/s, spun rather than parked: a steady feed never pauses
                while (System.nanoTime() < nextNs) {
                    Thread.onSpinWait();
                }
            }
        });
        try {
            await().atMost(ROWS_ARRIVE).until(() -> sink.stats().spilled() > 5_000);
            release.countDown();
            // spilled stops growing while the feed goes on: new events land in memory again
            long[] mark = {sink.stats().spilled(), sink.stats().received()};
            await().atMost(ROWS_ARRIVE).until(() -> {
                SinkStats now = sink.stats();
                if (now.spilled() != mark[0]) {
                    mark[0] = now.spilled();
                    mark[1] = now.received();
                    return false;
                }
                return now.received() - mark[1] >= 20_000;
            });
        } finally {
            feed.interrupt();
            feed.join();
            sink.close();
        }
        assertThat(sink.stats().written()).isEqualTo(sink.stats().received());
    }
}
