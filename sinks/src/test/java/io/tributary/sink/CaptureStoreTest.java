package io.tributary.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.tributary.book.L2Book;
import io.tributary.core.stream.Hub;
import io.tributary.model.Side;
import io.tributary.model.event.Aggressor;
import io.tributary.model.event.MarketEvent;
import io.tributary.model.event.Trade;
import io.tributary.sink.questdb.EmbeddedQuestDb;
import io.tributary.sink.questdb.QuestDbAddress;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureStoreTest {

    @TempDir
    Path data;

    private static Trade trade(String symbol, int i) {
        long t = 1_700_000_000_000_000_000L + i * 1_000L;
        return new Trade("x", symbol, Integer.toString(i), new BigDecimal("100.25"), new BigDecimal("0.5"),
                Aggressor.BUY, t, t + 7);
    }

    @Test
    void everythingPublishedUpToTheSourcesCloseIsStoredOnceAndBooksAreSnapshotted() {
        Hub<MarketEvent> hub = new Hub<>("x");
        L2Book book = new L2Book("BOOK", 2, 3);
        book.set(Side.BID, 10_000, 1_000);
        book.set(Side.BID, 9_999, 2_000);
        book.set(Side.BID, 9_998, 3_000);
        book.set(Side.ASK, 10_001, 500);
        int published = 20_000;
        AtomicInteger closedSources = new AtomicInteger();
        Path storeRoot;
        try (CaptureStore store = CaptureStore.builder(data).snapshots(Duration.ofMillis(50), 2)
                .sinkSettings(sink -> sink.bufferCapacity(64).batchSize(500)).open()) {
            // a source that, like a connector, delivers what it still holds while it closes
            store.capture("x", hub, symbol -> symbol.equals("BOOK") ? Optional.of(book.view(10)) : Optional.empty(),
                    () -> List.of("BOOK"), () -> {
                        hub.publish(trade("LAST", 0));
                        hub.close();
                        closedSources.incrementAndGet();
                    });
            for (int i = 0; i < published; i++) {
                hub.publish(trade("RUN", i));
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> store.storeStats().written() > 0);
            assertThat(store.jdbcUrl()).startsWith("jdbc:postgresql://127.0.0.1:");
            storeRoot = store.dataDirectory();
        }
        assertThat(closedSources).hasValue(1);
        assertThat(Files.isDirectory(data.resolve("spill").resolve("questdb"))).isTrue();

        try (CaptureStore reopened = CaptureStore.builder(storeRoot).snapshots(null, 1).open();
             StoreProbe probe = new StoreProbe(reopened.ilpConfig())) {
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    probe.count("select count() from trades where symbol = 'RUN'") == published);
            assertThat(probe.count("select count_distinct(trade_id) from trades where symbol = 'RUN'"))
                    .isEqualTo(published);
            assertThat(probe.count("select count() from trades where symbol = 'LAST'")).isEqualTo(1);
            List<List<String>> snapshot = probe.rows("select side, level, price, size from book_snapshots "
                    + "where symbol = 'BOOK' and received_ts = (select max(received_ts) from book_snapshots) "
                    + "order by side, level");
            assertThat(snapshot).hasSize(3); // depth 2 of the bids, the one ask
            assertThat(snapshot.get(0).subList(0, 2)).containsExactly("ASK", "0");
            assertThat(new BigDecimal(snapshot.get(0).get(2))).isEqualByComparingTo("100.01");
            assertThat(snapshot.get(2).subList(0, 2)).containsExactly("BID", "1");
            assertThat(new BigDecimal(snapshot.get(2).get(2))).isEqualByComparingTo("99.99");
            assertThat(new BigDecimal(snapshot.get(2).get(3))).isEqualByComparingTo("2");
        }
    }

    @Test
    void anExternalStoreIsWrittenToAndLeftRunning() {
        try (EmbeddedQuestDb server = EmbeddedQuestDb.startOnFreePorts(data.resolve("server"));
             StoreProbe probe = new StoreProbe(server.ilpConfig())) {
            try (CaptureStore store = CaptureStore.builder(data.resolve("client"))
                    .external(QuestDbAddress.parse(server.ilpConfig() + " " + server.jdbcUrl())).open()) {
                assertThat(store.isEmbedded()).isFalse();
                assertThat(store.jdbcUrl()).isEqualTo(server.jdbcUrl());
                for (int i = 0; i < 100; i++) {
                    store.accept(trade("EXT", i));
                }
            }
            assertThat(server.isRunning()).isTrue();
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> probe.count("select count() from trades where symbol = 'EXT'") == 100);
            assertThat(Files.exists(data.resolve("client").resolve("questdb"))).isFalse();
        }
    }

    @Test
    void anExternalStoreIsOneLineWithTheJdbcUrlOptional() {
        assertThat(QuestDbAddress.parse("http::addr=db.example:9000;"))
                .isEqualTo(new QuestDbAddress("http::addr=db.example:9000;", "jdbc:postgresql://db.example:8812/qdb"));
        assertThat(QuestDbAddress.parse(" https::addr=db:9000;token=t;  jdbc:postgresql://pg:5432/qdb "))
                .isEqualTo(new QuestDbAddress("https::addr=db:9000;token=t;", "jdbc:postgresql://pg:5432/qdb"));
        assertThatThrownBy(() -> QuestDbAddress.parse("tcp::addr=db:9009;"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ILP over HTTP");
        assertThatThrownBy(() -> QuestDbAddress.parse("http::addr=db:9000; mysql://db"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("jdbc:postgresql://");
        assertThatThrownBy(() -> QuestDbAddress.parse("http::foo=bar;"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("addr=");
    }
}
