package io.tributary.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.book.BookView;
import io.tributary.book.L2Book;
import io.tributary.book.L2Update;
import io.tributary.model.GapEvent;
import io.tributary.model.GapReason;
import io.tributary.model.Side;
import io.tributary.model.event.Aggressor;
import io.tributary.model.event.BestBidAsk;
import io.tributary.model.event.BookGap;
import io.tributary.model.event.BookUpdate;
import io.tributary.model.event.Level;
import io.tributary.model.event.MarketEvent;
import io.tributary.model.event.Trade;
import io.tributary.sink.BookSnapshotter;
import io.tributary.sink.questdb.EmbeddedQuestDb;
import io.tributary.sink.questdb.QuestDbWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T0 = 1_763_700_000_000_000_000L; // 2025-11-21T04:40:00Z
    private static final Duration ROWS_ARRIVE = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    static EmbeddedQuestDb db;
    static StoreQueries queries;
    static ApiServer api;
    static HttpClient http;

    @BeforeAll
    static void start() {
        db = EmbeddedQuestDb.startOnFreePorts(dir.resolve("questdb"));
        queries = new StoreQueries(db.jdbcUrl(), "admin", "quest");
        api = new ApiServer(queries, "127.0.0.1", 0, () -> Map.of("capturing", List.of("sim"))).start();
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stop() {
        api.close();
        queries.close();
        db.close();
        http.close();
    }

    private static HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode getJson(String pathAndQuery) throws Exception {
        HttpResponse<String> response = get(pathAndQuery);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static void store(List<MarketEvent> events) throws Exception {
        try (QuestDbWriter writer = new QuestDbWriter(db.ilpConfig())) {
            for (int i = 0; i < events.size(); i += 5_000) {
                writer.write(events.subList(i, Math.min(events.size(), i + 5_000)));
            }
        }
    }

    private static void awaitRows(String table, String symbol, long rows) {
        await().atMost(ROWS_ARRIVE).until(() -> queries.streams().stream()
                .filter(s -> s.symbol().equals(symbol) && s.tables().containsKey(table))
                .mapToLong(s -> s.tables().get(table).rows()).sum() >= rows);
    }

    @Test
    void theBookAtAnInstantEqualsTheLiveBookAtThatInstant() throws Exception {
        String symbol = "BOOKT";
        Random random = new Random(7);
        L2Book live = new L2Book(symbol, 2, 8);
        List<MarketEvent> events = new ArrayList<>();
        Map<Long, BookView> liveAt = new LinkedHashMap<>();

        // the exchange's own snapshot first, then random level changes
        L2Update snapshot = new L2Update().clear(symbol, 2, 8).snapshot(true).lastUpdateId(1000).eventTimeNanos(T0);
        List<Level> bids = new ArrayList<>();
        List<Level> asks = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            String size = "1." + i;
            snapshot.add(Side.BID, price(10_000 - i * 5), size);
            snapshot.add(Side.ASK, price(10_500 + i * 5), size);
            bids.add(new Level(new BigDecimal(price(10_000 - i * 5)), new BigDecimal(size)));
            asks.add(new Level(new BigDecimal(price(10_500 + i * 5)), new BigDecimal(size)));
        }
        live.apply(snapshot);
        events.add(new BookUpdate("sim", symbol, true, bids, asks, 1000, 1000, T0, T0 + 500_000));

        for (int u = 1; u <= 3_000; u++) {
            long timeNs = T0 + u * 1_000_000L;
            L2Update update = new L2Update().clear(symbol, 2, 8).lastUpdateId(1000 + u).firstUpdateId(1000 + u)
                    .eventTimeNanos(timeNs);
            List<Level> bidChanges = new ArrayList<>();
            List<Level> askChanges = new ArrayList<>();
            for (int c = 1 + random.nextInt(4); c > 0; c--) {
                boolean bid = random.nextBoolean();
                String price = price(bid ? 10_200 - random.nextInt(400) : 10_300 + random.nextInt(400));
                String size = random.nextInt(10) < 3 ? "0" : random.nextInt(50) + "." + random.nextInt(100_000);
                List<Level> changes = bid ? bidChanges : askChanges;
                if (changes.stream().anyMatch(l -> l.price().compareTo(new BigDecimal(price)) == 0)) {
                    continue; // one change per price per update, as exchanges send
                }
                update.add(bid ? Side.BID : Side.ASK, price, size);
                changes.add(new Level(new BigDecimal(price), new BigDecimal(size)));
            }
            live.apply(update);
            events.add(new BookUpdate("sim", symbol, false, bidChanges, askChanges, 1000 + u, 1000 + u, timeNs,
                    timeNs + 300_000));
            if (u % 700 == 0) {
                events.add(BookSnapshotter.toSnapshot("sim", live.view(1_000), 1_000, timeNs + 400_000));
            }
            if (u == 5 || u % 450 == 0 || u == 3_000) {
                liveAt.put(timeNs, live.view(25));
            }
        }
        store(events);
        awaitRows("book_deltas", symbol, events.stream().filter(e -> e instanceof BookUpdate)
                .mapToLong(e -> ((BookUpdate) e).bids().size() + ((BookUpdate) e).asks().size()).sum());
        awaitRows("book_snapshots", symbol, 1);

        for (Map.Entry<Long, BookView> expected : liveAt.entrySet()) {
            JsonNode book = getJson("/api/v1/book?exchange=sim&symbol=" + symbol + "&at=" + expected.getKey()
                    + "&depth=25");
            BookView view = expected.getValue();
            assertThat(book.path("updateId").asLong()).isEqualTo(view.updateId());
            assertThat(levels(book.path("bids"))).as("bids at %d", expected.getKey()).isEqualTo(levels(view, Side.BID));
            assertThat(levels(book.path("asks"))).as("asks at %d", expected.getKey()).isEqualTo(levels(view, Side.ASK));
        }
        JsonNode early = getJson("/api/v1/book?exchange=sim&symbol=" + symbol + "&at=" + (T0 + 5_000_000L));
        assertThat(early.path("source").asText()).isEqualTo("EXCHANGE_SNAPSHOT");
        JsonNode late = getJson("/api/v1/book?exchange=sim&symbol=" + symbol + "&at=" + (T0 + 3_000_000_000L));
        assertThat(late.path("source").asText()).isEqualTo("LOCAL_SNAPSHOT");
        assertThat(late.path("deltasApplied").asInt()).as("only the deltas after the snapshot").isLessThan(700);

        HttpResponse<String> before = get("/api/v1/book?exchange=sim&symbol=" + symbol + "&at=" + (T0 - 1));
        assertThat(before.statusCode()).isEqualTo(404);
    }

    private static String price(int cents) {
        return (cents / 100) + "." + String.format("%02d", cents % 100);
    }

    private static List<String> levels(JsonNode side) {
        List<String> levels = new ArrayList<>();
        side.forEach(l -> levels.add(new BigDecimal(l.get(0).asText()).stripTrailingZeros().toPlainString() + "x"
                + new BigDecimal(l.get(1).asText()).stripTrailingZeros().toPlainString()));
        return levels;
    }

    private static List<String> levels(BookView view, Side side) {
        List<String> levels = new ArrayList<>();
        for (int i = 0; i < view.depth(side); i++) {
            levels.add(view.priceDecimal(side, i).stripTrailingZeros().toPlainString() + "x"
                    + view.sizeDecimal(side, i).stripTrailingZeros().toPlainString());
        }
        return levels;
    }

    @Test
    void tradesComeBackExactlyAndPageByPage() throws Exception {
        String symbol = "TRADEP";
        List<MarketEvent> trades = new ArrayList<>();
        for (int i = 0; i < 2_500; i++) {
            long timeNs = T0 + i * 1_000_000_000L + 123_456_789L; // one a second: 41 minutes
            trades.add(new Trade("sim", symbol, "id-" + i, new BigDecimal("65000.0" + (i % 10)),
                    new BigDecimal("0.00000" + (1 + i % 9)), i % 2 == 0 ? Aggressor.BUY : Aggressor.SELL, timeNs,
                    timeNs + 42));
        }
        store(trades);
        awaitRows("trades", symbol, 2_500);

        String from = URLEncoder.encode(Instant.ofEpochSecond(0, T0).toString(), StandardCharsets.UTF_8);
        String to = Long.toString(T0 + 3_600_000_000_000L);
        List<JsonNode> rows = new ArrayList<>();
        Integer offset = 0;
        int pages = 0;
        while (offset != null) {
            JsonNode page = getJson("/api/v1/trades?exchange=sim&symbol=" + symbol + "&from=" + from + "&to=" + to
                    + "&limit=1000&offset=" + offset);
            page.path("rows").forEach(rows::add);
            offset = page.path("nextOffset").isNull() ? null : page.path("nextOffset").asInt();
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(rows).hasSize(2_500);
        for (int i = 0; i < rows.size(); i++) {
            Trade expected = (Trade) trades.get(i);
            JsonNode row = rows.get(i);
            assertThat(row.path("tradeId").asText()).isEqualTo(expected.tradeId());
            assertThat(new BigDecimal(row.path("price").asText())).isEqualByComparingTo(expected.price());
            assertThat(new BigDecimal(row.path("size").asText())).isEqualByComparingTo(expected.size());
            assertThat(row.path("aggressor").asText()).isEqualTo(expected.aggressor().name());
            assertThat(row.path("exchangeTimeNs").asLong()).isEqualTo(expected.exchangeTimeNs());
            assertThat(row.path("receivedNs").asLong()).isEqualTo(expected.receivedNs());
        }
    }

    @Test
    void bboIsSampledPerInterval() throws Exception {
        String symbol = "BBOS";
        List<MarketEvent> quotes = new ArrayList<>();
        for (int i = 0; i < 100; i++) { // every 100 ms for 10 s
            long timeNs = T0 + i * 100_000_000L;
            quotes.add(new BestBidAsk("sim", symbol, new BigDecimal("100." + i), BigDecimal.ONE,
                    new BigDecimal("101." + i), new BigDecimal("2.5"), i, timeNs, timeNs + 1));
        }
        store(quotes);
        awaitRows("bbo", symbol, 100);
        String range = "&from=" + T0 + "&to=" + (T0 + 10_000_000_000L);

        JsonNode all = getJson("/api/v1/bbo?exchange=sim&symbol=" + symbol + range);
        assertThat(all.path("rows")).hasSize(100);
        JsonNode sampled = getJson("/api/v1/bbo?exchange=sim&symbol=" + symbol + range + "&interval=1s");
        assertThat(sampled.path("rows")).hasSize(10);
        for (int s = 0; s < 10; s++) {
            JsonNode row = sampled.path("rows").get(s);
            BestBidAsk last = (BestBidAsk) quotes.get(s * 10 + 9);
            assertThat(row.path("timeNs").asLong()).isEqualTo(T0 + s * 1_000_000_000L);
            assertThat(new BigDecimal(row.path("bidPrice").asText())).isEqualByComparingTo(last.bidPrice());
            assertThat(new BigDecimal(row.path("askPrice").asText())).isEqualByComparingTo(last.askPrice());
        }
    }

    @Test
    void gapsAndStreamsReportWhatIsStored() throws Exception {
        store(List.of(new BookGap(new GapEvent("sim", "GAPS", 10, 12, GapReason.SEQUENCE_GAP), T0, T0 + 5),
                new BookGap(new GapEvent("other", "GAPS", 3, 9, GapReason.CHECKSUM_MISMATCH), T0 + 1, T0 + 6)));
        awaitRows("gaps", "GAPS", 2);
        JsonNode gaps = getJson("/api/v1/gaps?exchange=sim&from=" + T0 + "&to=" + (T0 + 1_000_000_000L));
        assertThat(gaps.path("rows")).hasSize(1);
        assertThat(gaps.path("rows").get(0).path("reason").asText()).isEqualTo("SEQUENCE_GAP");
        assertThat(gaps.path("rows").get(0).path("expected").asLong()).isEqualTo(10);

        JsonNode streams = getJson("/api/v1/streams");
        assertThat(streams.path("live").path("capturing").get(0).asText()).isEqualTo("sim");
        assertThat(streams.path("stored").findValuesAsText("exchange")).contains("sim", "other");

        assertThat(get("/metrics").body()).contains("tributary_api_requests_seconds_count");
    }

    @Test
    void badParametersAreRefusedNamingTheParameter() throws Exception {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put("/api/v1/trades?symbol=BTCUSDT", "exchange");
        cases.put("/api/v1/trades?exchange=sim", "symbol");
        cases.put("/api/v1/trades?exchange=sim&symbol=x'%20or%201=1", "symbol");
        cases.put("/api/v1/trades?exchange=sim&symbol=A&from=yesterday", "from");
        cases.put("/api/v1/trades?exchange=sim&symbol=A&from=20&to=10", "from");
        cases.put("/api/v1/trades?exchange=sim&symbol=A&limit=0", "limit");
        cases.put("/api/v1/trades?exchange=sim&symbol=A&limit=10001", "limit");
        cases.put("/api/v1/trades?exchange=sim&symbol=A&offset=-1", "offset");
        cases.put("/api/v1/bbo?exchange=sim&symbol=A&interval=1x", "interval");
        cases.put("/api/v1/bbo?exchange=sim&symbol=A&interval=1s;drop", "interval");
        cases.put("/api/v1/book?exchange=sim&symbol=A&depth=abc", "depth");
        cases.put("/api/v1/book?exchange=sim&symbol=A&at=2026-13-01T00:00:00Z", "at");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            HttpResponse<String> response = get(c.getKey());
            assertThat(response.statusCode()).as(c.getKey()).isEqualTo(400);
            JsonNode error = JSON.readTree(response.body());
            assertThat(error.path("parameter").asText()).as(c.getKey()).isEqualTo(c.getValue());
            assertThat(error.path("error").asText()).as(c.getKey()).contains(c.getValue());
        }
    }
}
