package io.tributary.bench;

import io.tributary.book.L2Book;
import io.tributary.book.L2Update;
import io.tributary.model.Side;
import io.tributary.model.event.Aggressor;
import io.tributary.model.event.BestBidAsk;
import io.tributary.model.event.BookUpdate;
import io.tributary.model.event.Level;
import io.tributary.model.event.MarketEvent;
import io.tributary.model.event.Trade;
import io.tributary.server.ApiServer;
import io.tributary.server.StoreQueries;
import io.tributary.sink.BookSnapshotter;
import io.tributary.sink.ReliableSink;
import io.tributary.sink.SinkStats;
import io.tributary.sink.questdb.EmbeddedQuestDb;
import io.tributary.sink.questdb.QuestDbWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The embedded store under load, printed as JSON lines:
 * <ul>
 *   <li>{@code ingest}: a generated Binance-like feed (depth diffs of ~8 levels, trades, book tickers) through
 *       {@link ReliableSink} into an embedded QuestDB: events/s and rows/s until the writer has every batch acked;</li>
 *   <li>{@code api}: latency of {@code /api/v1/trades} over one hour of trades (first page of 10,000, and the whole
 *       hour paged) and of {@code /api/v1/book} at random instants of that hour.</li>
 * </ul>
 * Arguments (optional): {@code events tradesPerSecond queries}; defaults 1000000 30 50.
 */
public final class StoreBenchmark {
    private static final long HOUR_START_NS = 1_763_700_000_000_000_000L;
    private static final long HOUR_NS = 3_600_000_000_000L;

    private StoreBenchmark() {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int tradesPerSecond = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        int queries = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        Path dir = Files.createTempDirectory("tributary-store-bench");
        try (EmbeddedQuestDb db = EmbeddedQuestDb.startOnFreePorts(dir.resolve("questdb"))) {
            ingest(db, dir, events);
            api(db, dir, tradesPerSecond, queries);
        }
    }

    private static void ingest(EmbeddedQuestDb db, Path dir, int events) {
        List<MarketEvent> feed = binanceLike(events, new Random(1));
        long rows = feed.stream().mapToLong(StoreBenchmark::rows).sum();
        QuestDbWriter writer = new QuestDbWriter(db.ilpConfig());
        ReliableSink sink = ReliableSink.builder(writer).batchSize(10_000).bufferCapacity(200_000)
                .spillDirectory(dir.resolve("spill")).build();
        sink.accept(feed.getFirst()); // creates the tables before the clock starts
        while (sink.stats().written() < 1) {
            Thread.onSpinWait();
        }
        long startNs = System.nanoTime();
        for (int i = 1; i < feed.size(); i++) {
            sink.accept(feed.get(i));
        }
        long acceptedNs = System.nanoTime() - startNs;
        sink.close();
        long elapsedNs = System.nanoTime() - startNs;
        SinkStats stats = sink.stats();
        System.out.println(String.format(Locale.ROOT,
                "{\"benchmark\":\"store\",\"mode\":\"ingest\",\"events\":%d,\"rows\":%d,\"seconds\":%.2f,"
                        + "\"eventsPerSecond\":%.0f,\"rowsPerSecond\":%.0f,\"acceptSeconds\":%.2f,\"spilled\":%d,\"retries\":%d}",
                events, rows, elapsedNs / 1e9, (events - 1) / (elapsedNs / 1e9), rows / (elapsedNs / 1e9),
                acceptedNs / 1e9, stats.spilled(), stats.retries()));
    }

    private static void api(EmbeddedQuestDb db, Path dir, int tradesPerSecond, int queries) throws Exception {
        Random random = new Random(2);
        List<MarketEvent> hour = new ArrayList<>();
        long tradeGapNs = 1_000_000_000L / tradesPerSecond;
        for (long t = 0, id = 0; t < HOUR_NS; t += tradeGapNs, id++) {
            long ns = HOUR_START_NS + t;
            hour.add(new Trade("binance", "HOUR", Long.toString(id), new BigDecimal("65000.00").add(BigDecimal.valueOf(
                    random.nextInt(10_000), 2)), new BigDecimal("0.00100000"), Aggressor.BUY, ns, ns + 900_000));
        }
        L2Book live = new L2Book("HOUR", 2, 8);
        for (long t = 0, u = 1; t < HOUR_NS; t += 100_000_000L, u++) { // depth diffs every 100 ms
            long ns = HOUR_START_NS + t;
            BookUpdate update = depthUpdate("HOUR", random, u, ns);
            live.apply(toL2(update));
            hour.add(update);
            if (u % 600 == 0) { // a local snapshot each minute
                hour.add(BookSnapshotter.toSnapshot("binance", live.view(1_000), 1_000, ns + 1));
            }
        }
        try (QuestDbWriter writer = new QuestDbWriter(db.ilpConfig())) {
            for (int i = 0; i < hour.size(); i += 10_000) {
                writer.write(hour.subList(i, Math.min(hour.size(), i + 10_000)));
            }
        }
        try (StoreQueries store = new StoreQueries(db.jdbcUrl(), "admin", "quest");
                  ApiServer api = new ApiServer(store, "127.0.0.1", 0, null).start();
                  HttpClient http = HttpClient.newHttpClient()) {
            String base = "http://127.0.0.1:" + api.port();
            long trades = hour.stream().filter(e -> e instanceof Trade).count();
            String range = "&from=" + HOUR_START_NS + "&to=" + (HOUR_START_NS + HOUR_NS);
            while (countTrades(http, base, range) < trades) {
                Thread.onSpinWait(); // WAL apply catching up
            }
            long[] firstPage = new long[queries];
            long[] wholeHour = new long[queries];
            long[] book = new long[queries];
            for (int q = 0; q < queries; q++) {
                long startNs = System.nanoTime();
                get(http, base + "/api/v1/trades?exchange=binance&symbol=HOUR&limit=10000" + range);
                firstPage[q] = System.nanoTime() - startNs;
                startNs = System.nanoTime();
                countTrades(http, base, range);
                wholeHour[q] = System.nanoTime() - startNs;
                long atNs = HOUR_START_NS + 60_000_000_000L + (long) (random.nextDouble() * (HOUR_NS - 60_000_000_000L));
                startNs = System.nanoTime();
                get(http, base + "/api/v1/book?exchange=binance&symbol=HOUR&depth=20&at=" + atNs);
                book[q] = System.nanoTime() - startNs;
            }
            System.out.println(String.format(Locale.ROOT,
                    "{\"benchmark\":\"store\",\"mode\":\"api\",\"tradesInHour\":%d,\"queries\":%d,"
                            + "\"tradesFirstPage10kMs\":%s,\"tradesWholeHourPagedMs\":%s,\"bookAtTimeMs\":%s}",
                    trades, queries, percentiles(firstPage), percentiles(wholeHour), percentiles(book)));
        }
    }

    private static long countTrades(HttpClient http, String base, String range) throws Exception {
        long count = 0;
        String next = "0";
        while (next != null) {
            String body = get(http, base + "/api/v1/trades?exchange=binance&symbol=HOUR&limit=10000&offset=" + next + range);
            count += body.split("\"tradeId\"", -1).length - 1;
            int at = body.lastIndexOf("\"nextOffset\":");
            String tail = body.substring(at + 13, body.indexOf('}', at));
            next = tail.equals("null") ? null : tail;
        }
        return count;
    }

    private static String get(HttpClient http, String url) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String percentiles(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "{\"p50\":%.1f,\"p90\":%.1f,\"max\":%.1f}", sorted[sorted.length / 2] / 1e6,
                sorted[(int) (sorted.length * 0.9)] / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    /** 60% depth diffs of ~8 levels, 30% trades, 10% book tickers, 1 ms apart, ids increasing. */
    private static List<MarketEvent> binanceLike(int events, Random random) {
        List<MarketEvent> feed = new ArrayList<>(events);
        for (int i = 0; i < events; i++) {
            long ns = HOUR_START_NS + i * 1_000_000L;
            int kind = random.nextInt(10);
            if (kind < 6) {
                feed.add(depthUpdate("BTCUSDT", random, i, ns));
            } else if (kind < 9) {
                feed.add(new Trade("binance", "BTCUSDT", Integer.toString(i), BigDecimal.valueOf(6_500_000 + random.nextInt(
                        1_000), 2), BigDecimal.valueOf(random.nextInt(100_000) + 1, 8), Aggressor.SELL, ns, ns + 800_000));
            } else {
                feed.add(new BestBidAsk("binance", "BTCUSDT", new BigDecimal("65000.10"), new BigDecimal("1.25"),
                        new BigDecimal("65000.11"), new BigDecimal("0.5"), i, ns, ns + 800_000));
            }
        }
        return feed;
    }

    private static BookUpdate depthUpdate(String symbol, Random random, long updateId, long ns) {
        List<Level> bids = new ArrayList<>();
        List<Level> asks = new ArrayList<>();
        for (int l = 0; l < 8; l++) {
            boolean bid = l % 2 == 0;
            BigDecimal price = BigDecimal.valueOf(bid ? 6_500_000 - l * 10 - random.nextInt(5) : 6_500_100 + l * 10
                    + random.nextInt(5), 2);
            BigDecimal size = random.nextInt(4) == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(random.nextInt(1_000_000), 8);
            (bid ? bids : asks).add(new Level(price, size));
        }
        return new BookUpdate("binance", symbol, false, bids, asks, updateId, updateId, ns, ns + 800_000);
    }

    private static L2Update toL2(BookUpdate update) {
        L2Update l2 = new L2Update().clear(update.symbol(), 2, 8).lastUpdateId(update.lastUpdateId())
                .eventTimeNanos(update.exchangeTimeNs());
        update.bids().forEach(l -> l2.add(Side.BID, l.price().toPlainString(), l.size().toPlainString()));
        update.asks().forEach(l -> l2.add(Side.ASK, l.price().toPlainString(), l.size().toPlainString()));
        return l2;
    }

    private static long rows(MarketEvent event) {
        return event instanceof BookUpdate b ? b.bids().size() + b.asks().size() : 1;
    }
}
