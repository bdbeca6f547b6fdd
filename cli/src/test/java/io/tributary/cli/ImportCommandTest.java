package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.book.BookView;
import io.tributary.core.stream.Overflow;
import io.tributary.core.stream.StreamOptions;
import io.tributary.exchange.MarketDataConnector;
import io.tributary.exchange.Scales;
import io.tributary.exchange.binance.BinanceBookSync;
import io.tributary.exchange.recording.RecordingEntry;
import io.tributary.exchange.recording.RecordingReader;
import io.tributary.exchange.recording.Recordings;
import io.tributary.model.Side;
import io.tributary.model.event.Trade;
import io.tributary.server.StoreQueries;
import io.tributary.sink.journal.Journal;
import io.tributary.sink.journal.JournalTap;
import io.tributary.sink.questdb.EmbeddedQuestDb;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code tributary import} into a real embedded QuestDB, checked against the files read independently. */
class ImportCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BINANCE = "binance/cryptofeed-1312c06/BINANCE-b38f7c.0.gz";
    private static final String BITSTAMP = "bitstamp/cryptofeed-1312c06/BITSTAMP-b88f8b.0.gz";

    @TempDir
    static Path dir;

    private static EmbeddedQuestDb store;

    @BeforeAll
    static void startStore() {
        store = EmbeddedQuestDb.startOnFreePorts(dir.resolve("store"));
    }

    @AfterAll
    static void stopStore() {
        store.close();
    }

    private static Cli importInto(EmbeddedQuestDb db, String... files) {
        List<String> args = new ArrayList<>(List.of("import", "--questdb", db.ilpConfig(), "--jdbc", db.jdbcUrl()));
        args.addAll(List.of(files));
        Cli cli = new Cli();
        int exit = cli.run(args.toArray(String[]::new));
        assertThat(exit).as(cli.out() + cli.err()).isZero();
        return cli;
    }

    @Test
    void tradesAndBooksOfBinanceAndBitstampRecordingsLandOnceEach() throws Exception {
        Cli first = importInto(store, Cli.shared(BINANCE), Cli.shared(BITSTAMP));
        assertThat(first.out()).contains("BINANCE-b38f7c.0: binance").contains("BITSTAMP-b88f8b.0: bitstamp")
                .containsPattern("DENTUSDT +\\d+ +\\d+ +\\d+").contains("imported 2 session(s)");

        Map<String, Long> binanceTrades = countBinanceTrades(Path.of(Cli.shared(BINANCE)));
        Map<String, Long> bitstampTrades = countBitstampTrades(Path.of(Cli.shared(BITSTAMP)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(tradesInStore("binance")).isEqualTo(binanceTrades);
            assertThat(tradesInStore("bitstamp")).isEqualTo(bitstampTrades);
        });

        // the book at an instant, rebuilt by the store, equals the book the replay has after the messages up to it
        List<JsonNode> depth = depthUpdates(Path.of(Cli.shared(BINANCE)), "DENTUSDT");
        long atNs = depth.get(depth.size() * 2 / 3).get("E").asLong() * 1_000_000L;
        BookView replayed = replayBinanceBook(Path.of(Cli.shared(BINANCE)), "DENTUSDT", atNs);
        try (StoreQueries queries = new StoreQueries(store.jdbcUrl(), "admin", "quest")) {
            StoreQueries.BookAt stored = queries.book("binance", "DENTUSDT", atNs, 10);
            assertThat(stored).isNotNull();
            assertThat(normalized(stored.bids())).isEqualTo(levels(replayed, Side.BID, 10));
            assertThat(normalized(stored.asks())).isEqualTo(levels(replayed, Side.ASK, 10));
        }

        long deltaRows = count("select count() from book_deltas");
        long snapshotRows = count("select count() from book_snapshots");
        long bboRows = count("select count() from bbo");
        importInto(store, Cli.shared(BINANCE), Cli.shared(BITSTAMP));
        awaitWalApplied();
        assertThat(tradesInStore("binance")).isEqualTo(binanceTrades);
        assertThat(tradesInStore("bitstamp")).isEqualTo(bitstampTrades);
        assertThat(count("select count() from book_deltas")).isEqualTo(deltaRows);
        assertThat(count("select count() from book_snapshots")).isEqualTo(snapshotRows);
        assertThat(count("select count() from bbo")).isEqualTo(bboRows);
    }

    /** A journal written by a real connector against a twin imports: the store holds every trade the live run saw. */
    @ParameterizedTest
    @EnumSource(value = Venue.class, names = {"GEMINI", "HUOBI"})
    void aJournalOfARealConnectorImportsIntoTheDefaultStore(Venue venue) throws Exception {
        Path journalDir = dir.resolve("journal-" + venue.id());
        AtomicLong liveTrades = new AtomicLong();
        try (RunningTwin twin = RunningTwin.start(venue, List.of("BTCUSD", "ETHUSD"), "127.0.0.1", 0, 200, 11);
             Journal journal = Journal.builder(journalDir).prefix(venue.id()).build()) {
            JournalTap tap = journal.tap(venue.id());
            MarketDataConnector connector = venue.connector(twin.symbols(), venue.channels(), twin.webSocketBase(),
                    twin.restBase(), feed -> feed.frameTap(tap).listener(tap));
            connector.events().addHandler(event -> {
                if (event instanceof Trade) {
                    liveTrades.incrementAndGet();
                }
            }, StreamOptions.of(1 << 16, Overflow.DISCONNECT));
            connector.start();
            await().atMost(Duration.ofSeconds(60)).until(() -> liveTrades.get() >= 20
                    && twin.symbols().stream().allMatch(symbol -> connector.book(symbol).isPresent()));
            connector.close();
        }

        Path data = dir.resolve("data-" + venue.id());
        Cli cli = new Cli();
        int exit = cli.run("import", "--data", data.toString(), journalDir.toString());
        assertThat(exit).as(cli.out() + cli.err()).isZero();
        assertThat(cli.out()).contains("journal " + venue.id()).contains("imported 1 session(s)");

        try (EmbeddedQuestDb db = EmbeddedQuestDb.startOnFreePorts(data.resolve("questdb"))) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> { // each table applies its WAL on its own
                // every trade the live run published; a few more can come from the journal's last frames, which
                // the live connector received but no longer published once its events hub was closing
                assertThat(count(db, "select count() from trades")).isGreaterThanOrEqualTo(liveTrades.get());
                assertThat(count(db, "select count() from book_deltas")).as(cli.out()).isPositive();
                assertThat(count(db, "select count() from book_snapshots")).as(cli.out()).isPositive();
            });
        }
    }

    @Test
    void anExchangeWithoutAConnectorIsNamedAndSkipped() {
        Cli cli = importInto(store, Cli.shared("kraken/cryptofeed-master/KRAKEN.ws.48.0"));
        assertThat(cli.out()).contains("skipped: no connector for kraken yet").contains("imported 0 session(s)");
    }

    @Test
    void aMissingFileIsAUsageError() {
        Cli cli = new Cli();
        assertThat(cli.run("import", "--questdb", store.ilpConfig(), dir.resolve("nope").toString()))
                .isEqualTo(Main.USAGE_ERROR);
        assertThat(cli.err()).contains("no such file");
    }

    // ---- independent reading of the files ----------------------------------------------------------------------

    private static List<RecordingEntry> entries(Path file) throws IOException {
        List<RecordingEntry> all = new ArrayList<>();
        try (RecordingReader reader = Recordings.open(file)) {
            for (RecordingEntry e = reader.next(); e != null; e = reader.next()) {
                all.add(e);
            }
        }
        return all;
    }

    private static Map<String, Long> countBinanceTrades(Path file) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        for (RecordingEntry e : entries(file)) {
            if (e.kind() == RecordingEntry.Kind.RECEIVED) {
                JsonNode data = JSON.readTree(e.payload()).path("data");
                if (data.path("e").asText().equals("aggTrade")) {
                    counts.merge(data.get("s").asText(), 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    private static Map<String, Long> countBitstampTrades(Path file) throws IOException {
        Map<String, Long> counts = new TreeMap<>();
        for (RecordingEntry e : entries(file)) {
            if (e.kind() == RecordingEntry.Kind.RECEIVED) {
                JsonNode message = JSON.readTree(e.payload());
                if (message.path("event").asText().equals("trade")) {
                    counts.merge(message.get("channel").asText().substring("live_trades_".length()), 1L, Long::sum);
                }
            }
        }
        return counts;
    }

    private static List<JsonNode> depthUpdates(Path file, String symbol) throws IOException {
        List<JsonNode> updates = new ArrayList<>();
        for (RecordingEntry e : entries(file)) {
            if (e.kind() == RecordingEntry.Kind.RECEIVED) {
                JsonNode data = JSON.readTree(e.payload()).path("data");
                if (data.path("e").asText().equals("depthUpdate") && data.path("s").asText().equals(symbol)) {
                    updates.add(data);
                }
            }
        }
        return updates;
    }

    /** The replay path: the recording through Binance's book sync, stopped before the first update past {@code atNs}. */
    private static BookView replayBinanceBook(Path file, String symbol, long atNs) throws IOException {
        BinanceBookSync sync = new BinanceBookSync(BinanceBookSync.Market.SPOT, Scales.of(8, 8), BookReplay.NO_REQUESTS,
                null);
        for (RecordingEntry e : entries(file)) {
            if (e.kind() == RecordingEntry.Kind.REST && e.url().contains("symbol=" + symbol)) {
                sync.onSnapshot(symbol, e.payload(), 0, e.payload().length);
            } else if (e.kind() == RecordingEntry.Kind.RECEIVED) {
                JsonNode data = JSON.readTree(e.payload()).path("data");
                if (data.path("e").asText().equals("depthUpdate") && data.path("s").asText().equals(symbol)
                        && data.get("E").asLong() * 1_000_000L > atNs) {
                    break;
                }
                sync.onMessage(e.payload(), 0, e.payload().length);
            }
        }
        return sync.book(symbol).book().view(10);
    }

    private static List<String> levels(BookView book, Side side, int depth) {
        List<String> levels = new ArrayList<>();
        for (int i = 0; i < Math.min(depth, book.depth(side)); i++) {
            levels.add(plain(book.priceDecimal(side, i)) + " " + plain(book.sizeDecimal(side, i)));
        }
        return levels;
    }

    private static List<String> normalized(List<List<String>> levels) {
        return levels.stream().map(l -> plain(new BigDecimal(l.get(0))) + " " + plain(new BigDecimal(l.get(1))))
                .toList();
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    // ---- the store ---------------------------------------------------------------------------------------------

    private static Map<String, Long> tradesInStore(String exchange) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection connection = DriverManager.getConnection(store.jdbcUrl(), "admin", "quest");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select symbol, count() from trades where exchange = '"
                     + exchange + "' group by symbol")) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    private static long count(String sql) throws SQLException {
        return count(store, sql);
    }

    private static long count(EmbeddedQuestDb db, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), "admin", "quest");
             Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            if (String.valueOf(e.getMessage()).contains("does not exist")) {
                return 0; // not created yet
            }
            throw e;
        }
    }

    /** Waits until every WAL table has applied what was committed to it (DEDUP happens when it is applied). */
    private static void awaitWalApplied() {
        await().atMost(Duration.ofSeconds(60)).until(() ->
                count("select count() from wal_tables() where writerTxn < sequencerTxn") == 0);
    }
}
