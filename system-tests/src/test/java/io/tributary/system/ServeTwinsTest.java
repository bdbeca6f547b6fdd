package io.tributary.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.book.BookView;
import io.tributary.cli.Serving;
import io.tributary.core.stream.Registration;
import io.tributary.exchange.MarketDataConnector;
import io.tributary.model.Side;
import io.tributary.model.event.MarketEvent;
import io.tributary.model.event.Trade;
import io.tributary.sink.SinkStats;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** {@code tributary serve --twins}: the four twins captured into the embedded store and served, in this JVM. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServeTwinsTest {

    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Duration CATCH_UP = Duration.ofSeconds(60);

    @TempDir
    static Path data;
    static Serving serving;
    static Api api;
    /** Trades as the binance connector published them, by trade id: what the API must give back. */
    static final Map<String, Trade> liveTrades = new ConcurrentHashMap<>();
    static Registration liveTradeTap;

    @BeforeAll
    static void serve() {
        serving = Serving.start("--twins", "--data", data.toString(), "--api-port", "0", "--snapshot-every", "1s",
                "--snapshot-depth", "20");
        api = new Api(serving.apiUri());
        MarketDataConnector binance = serving.connector("binance").orElseThrow();
        liveTradeTap = binance.events().addTap(event -> event instanceof Trade t && t.symbol().equals("BTCUSDT"),
                event -> liveTrades.put(((Trade) event).tradeId(), (Trade) event), "test-trades");
        await().atMost(STARTUP).until(() -> {
            List<String> states = symbols(api.ok("/api/v1/streams")).stream().map(s -> s.path("book").asText())
                    .toList();
            return states.size() == 8 && states.stream().allMatch("LIVE"::equals);
        });
    }

    @AfterAll
    static void stop() {
        if (liveTradeTap != null) {
            liveTradeTap.close();
        }
        if (api != null) {
            api.close();
        }
        if (serving != null) {
            serving.close();
        }
    }

    private static List<JsonNode> symbols(JsonNode streams) {
        List<JsonNode> symbols = new ArrayList<>();
        streams.path("live").path("exchanges").forEach(exchange -> exchange.path("symbols").forEach(symbols::add));
        return symbols;
    }

    private static JsonNode exchange(JsonNode streams, String name) {
        for (JsonNode exchange : streams.path("live").path("exchanges")) {
            if (exchange.path("exchange").asText().equals(name)) {
                return exchange;
            }
        }
        throw new AssertionError("no live exchange " + name + " in " + streams);
    }

    @Test
    @Order(1)
    void everyExchangeAndSymbolIsCapturedAndItsHealthShown() {
        JsonNode streams = api.ok("/api/v1/streams");
        for (String name : List.of("binance", "huobi", "bitstamp", "gemini")) {
            JsonNode exchange = exchange(streams, name);
            assertThat(exchange.path("feed").path("liveSockets").asInt()).as(name).isPositive();
            assertThat(exchange.path("symbols")).hasSize(2);
            exchange.path("symbols").forEach(symbol -> {
                assertThat(symbol.path("messages").asLong()).as(name).isPositive();
                assertThat(symbol.path("lastMessageAgeMs").isNumber()).as(name).isTrue();
            });
        }
        JsonNode sink = streams.path("live").path("sinks").path("questdb");
        assertThat(sink.path("received").asLong()).isPositive();
        assertThat(sink.path("lost").asLong()).isZero();
    }

    @Test
    @Order(2)
    void tradesComeBackFromTheApiExactlyAsTheConnectorPublishedThem() {
        await().atMost(CATCH_UP).until(() -> liveTrades.size() >= 20);
        Map<String, Trade> seen = new HashMap<>(liveTrades);
        long fromNs = seen.values().stream().mapToLong(MarketEvent::exchangeTimeNs).min().orElseThrow();
        long toNs = seen.values().stream().mapToLong(MarketEvent::exchangeTimeNs).max().orElseThrow() + 1;
        String query = "/api/v1/trades?exchange=binance&symbol=BTCUSDT&from=" + fromNs + "&to=" + toNs
                + "&limit=10000";
        await().atMost(CATCH_UP).until(() -> api.ok(query).path("rows").size() >= seen.size());

        Map<String, JsonNode> stored = new HashMap<>();
        api.ok(query).path("rows").forEach(row -> assertThat(stored.put(row.path("tradeId").asText(), row))
                .as("trade %s stored once", row.path("tradeId").asText()).isNull());
        assertThat(stored.keySet()).containsAll(seen.keySet());
        for (Trade trade : seen.values()) {
            JsonNode row = stored.get(trade.tradeId());
            assertThat(new BigDecimal(row.path("price").asText())).isEqualByComparingTo(trade.price());
            assertThat(new BigDecimal(row.path("size").asText())).isEqualByComparingTo(trade.size());
            assertThat(row.path("aggressor").asText()).isEqualTo(trade.aggressor().name());
            assertThat(row.path("exchangeTimeNs").asLong()).isEqualTo(trade.exchangeTimeNs());
            assertThat(row.path("receivedNs").asLong()).isEqualTo(trade.receivedNs());
        }
    }

    @Test
    @Order(3)
    void theStoredBookAtAnInstantEqualsTheLiveBookAtThatInstant() {
        for (String[] book : new String[][] {{"binance", "ETHUSDT"}, {"huobi", "btcusdt"}}) {
            BookView live = serving.book(book[0], book[1]).orElseThrow();
            long atNs = live.eventTimeNanos();
            // everything up to the live book's instant is stored once a later delta is
            await().atMost(CATCH_UP).until(() -> lastStoredDeltaNs(book[0], book[1]) > atNs);

            JsonNode stored = api.ok("/api/v1/book?exchange=" + book[0] + "&symbol=" + book[1] + "&at=" + atNs
                    + "&depth=10");
            assertThat(stored.path("updateId").asLong()).as(book[0]).isEqualTo(live.updateId());
            assertThat(levels(stored.path("bids"))).as(book[0] + " bids").isEqualTo(levels(live, Side.BID, 10));
            assertThat(levels(stored.path("asks"))).as(book[0] + " asks").isEqualTo(levels(live, Side.ASK, 10));
        }
    }

    private static long lastStoredDeltaNs(String exchange, String symbol) {
        for (JsonNode stream : api.ok("/api/v1/streams").path("stored")) {
            if (stream.path("exchange").asText().equals(exchange) && stream.path("symbol").asText().equals(symbol)) {
                return stream.path("tables").path("book_deltas").path("lastTimeNs").asLong(Long.MIN_VALUE);
            }
        }
        return Long.MIN_VALUE;
    }

    private static List<List<BigDecimal>> levels(JsonNode side) {
        List<List<BigDecimal>> levels = new ArrayList<>();
        side.forEach(level -> levels.add(List.of(new BigDecimal(level.get(0).asText()).stripTrailingZeros(),
                new BigDecimal(level.get(1).asText()).stripTrailingZeros())));
        return levels;
    }

    private static List<List<BigDecimal>> levels(BookView view, Side side, int depth) {
        List<List<BigDecimal>> levels = new ArrayList<>();
        for (int i = 0; i < Math.min(depth, view.depth(side)); i++) {
            levels.add(List.of(view.priceDecimal(side, i).stripTrailingZeros(),
                    view.sizeDecimal(side, i).stripTrailingZeros()));
        }
        return levels;
    }

    @Test
    @Order(4)
    void badParametersAreAnswered400NamingTheParameter() {
        Map<String, String> badByParameter = Map.of(
                "limit", "/api/v1/trades?exchange=binance&symbol=BTCUSDT&limit=0",
                "at", "/api/v1/book?exchange=binance&symbol=BTCUSDT&at=yesterday",
                "symbol", "/api/v1/trades?exchange=binance",
                "depth", "/api/v1/book?exchange=binance&symbol=BTCUSDT&depth=-3",
                "interval", "/api/v1/bbo?exchange=binance&symbol=BTCUSDT&interval=fortnight");
        badByParameter.forEach((parameter, query) -> {
            Api.Response response = api.get(query);
            assertThat(response.status()).as(query).isEqualTo(400);
            assertThat(response.body().path("parameter").asText()).as(query).isEqualTo(parameter);
            assertThat(response.body().path("error").asText()).as(query).isNotBlank();
        });
    }

    @Test
    @Order(5)
    void aDroppedSocketShowsAsAReconnectAndTheBooksComeBack() {
        long before = exchange(api.ok("/api/v1/streams"), "binance").path("feed").path("reconnects").asLong();
        serving.twin("binance").orElseThrow().faults().dropNow();

        await().atMost(CATCH_UP).until(() -> exchange(api.ok("/api/v1/streams"), "binance").path("feed")
                .path("reconnects").asLong() > before);
        await().atMost(CATCH_UP).until(() -> {
            JsonNode binance = exchange(api.ok("/api/v1/streams"), "binance");
            return binance.path("feed").path("liveSockets").asInt() > 0 && Stream.of(0, 1)
                    .allMatch(i -> binance.path("symbols").get(i).path("book").asText().equals("LIVE"));
        });
        await().atMost(CATCH_UP).until(() -> api.get("/metrics").text()
                .contains("tributary_book_live{exchange=\"binance\",symbol=\"BTCUSDT\"} 1.0"));
        String metrics = api.get("/metrics").text();
        assertThat(metrics).containsPattern("tributary_feed_reconnects_total\\{exchange=\"binance\"} [1-9]");
        for (String gauge : List.of("tributary_book_live", "tributary_book_gaps_total", "tributary_trades_total")) {
            assertThat(metrics).as(gauge).containsPattern(gauge + "\\{exchange=\"gemini\",symbol=\"BTCUSD\"} \\d");
        }
        assertThat(metrics).containsPattern("tributary_sink_written_total\\{sink=\"questdb\"} [1-9]");
    }

    @Test
    @Order(6)
    void stoppingFlushesEverythingReceivedIntoTheStoreAndTheJournal() throws Exception {
        serving.close();
        SinkStats store = serving.store().storeStats();
        assertThat(store.lost()).isZero();
        assertThat(store.written()).isEqualTo(store.received()).isPositive();
        try (Stream<Path> journal = Files.list(data.resolve("journal"))) {
            assertThat(journal.filter(f -> f.getFileName().toString().startsWith("serve-"))).isNotEmpty();
        }
    }
}
