package io.tributary.cli;

import io.tributary.book.BookView;
import io.tributary.book.SyncState;
import io.tributary.core.connection.FeedStats;
import io.tributary.core.stream.Overflow;
import io.tributary.core.stream.StreamOptions;
import io.tributary.core.time.NanoClock;
import io.tributary.exchange.MarketDataConnector;
import io.tributary.exchange.SymbolStats;
import io.tributary.model.Side;
import io.tributary.server.ApiServer;
import io.tributary.server.StoreQueries;
import io.tributary.sink.CaptureStore;
import io.tributary.sink.SinkStats;
import io.tributary.sink.journal.Journal;
import io.tributary.sink.journal.JournalStats;
import io.tributary.sink.journal.JournalTap;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The offline demo: the twins of several exchanges on loopback, each exchange's real connector connected to its twin
 * (snapshot sync, exact books, normalized events) for the same assets, every frame journaled, and a live table from
 * the connectors' books and events: one line per exchange and symbol, and per asset the spread across exchanges.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the twins of Binance, HTX, Bitstamp and Gemini on loopback, connects the real connectors "
                + "to them, journals every frame and shows a live table; ends with a summary per stream (exit status 0 "
                + "when healthy)."})
final class DemoCommand implements Callable<Integer> {

    private static final String HEADER = String.format("%-9s %-9s %14s %14s %10s %7s %7s %10s %10s %5s", "EXCHANGE",
            "SYMBOL", "BID", "ASK", "SPREAD", "UPD/S", "TRADES", "LAT p50 µs", "LAT p99 µs", "GAPS");

    /** Often enough that a book at any instant of a short demo is rebuilt from a snapshot and a few deltas. */
    private static final Duration SNAPSHOT_INTERVAL = Duration.ofSeconds(5);
    private static final int SNAPSHOT_DEPTH = 50;

    @Spec
    CommandSpec spec;

    @Option(names = "--duration", defaultValue = "15s", converter = DurationConverter.class,
            description = "How long to run (e.g. 30s, 5m). Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--exchanges", split = ",", defaultValue = "binance,huobi,bitstamp,gemini",
            description = "Exchanges to run (each has a twin). Default: ${DEFAULT-VALUE}.")
    List<String> exchanges;

    @Option(names = "--assets", split = ",", defaultValue = "BTC,ETH,SOL",
            description = "Assets to follow, each against USD or USDT as the exchange lists it (BTC: BTCUSDT, btcusdt, "
                    + "btcusd, BTCUSD). Default: ${DEFAULT-VALUE}.")
    List<String> assets;

    @Option(names = "--rate", defaultValue = "20",
            description = "Market steps per second of every twin; each step changes every symbol's book. "
                    + "Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated markets. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--data", defaultValue = "data",
            description = "Directory of the raw journal and of the embedded store (questdb/). Default: ${DEFAULT-VALUE}.")
    Path dataDirectory;

    @Option(names = "--api-port", defaultValue = "0",
            description = "Port of the query API on 127.0.0.1 while the demo runs (0: any free port). "
                    + "Default: ${DEFAULT-VALUE}.")
    int apiPort;

    /** One exchange in the demo: its twin, the connector reading it, and the consumer counting what it delivers. */
    private record Running(Venue venue, RunningTwin twin, MarketDataConnector connector, DemoMonitor monitor) {
    }

    @Override
    public Integer call() throws Exception {
        List<Venue> venues = venues();
        validate();
        CaptureCommand.requireWritable(dataDirectory);
        PrintWriter out = spec.commandLine().getOut();
        Deque<AutoCloseable> opened = new ArrayDeque<>();
        try {
            Journal journal = Journal.builder(dataDirectory).prefix("demo").build();
            opened.push(journal);
            CaptureStore store = CaptureStore.builder(dataDirectory).snapshots(SNAPSHOT_INTERVAL, SNAPSHOT_DEPTH)
                    .open();
            opened.push(store);
            LiveStreams live = new LiveStreams(store, NanoClock.system());
            List<Running> running = new ArrayList<>();
            for (Venue venue : venues) {
                running.add(start(venue, journal, store, live, opened));
            }
            StoreQueries queries = new StoreQueries(store.jdbcUrl(), store.jdbcUser(), store.jdbcPassword());
            opened.push(queries);
            ApiServer api = startApi(queries, live);
            opened.push(api);
            out.printf("%d exchange twins on 127.0.0.1, %s at %.0f steps/s, for %s; journal and store in %s%n",
                    venues.size(), String.join(",", assets), rate, human(duration), dataDirectory.toAbsolutePath());
            for (Running exchange : running) {
                out.printf("  %-9s %s%n", exchange.venue().id(), exchange.twin().webSocketBase());
            }
            printQueryHelp(out, running, api.port());
            runTable(out, running, journal);

            Map<Running, Map<String, SymbolStats>> stats = new LinkedHashMap<>();
            for (Running exchange : running) { // before closing: whether each book is live
                stats.put(exchange, exchange.connector().symbolStats());
            }
            api.close();
            store.close(); // closes the connectors (their consumers get everything received), flushes, stops QuestDB
            journal.close();
            return summary(out, stats, journal.stats(), store);
        } finally {
            closeAll(opened);
        }
    }

    private Running start(Venue venue, Journal journal, CaptureStore store, LiveStreams live,
                          Deque<AutoCloseable> opened) {
        List<String> symbols = assets.stream().map(venue::usdMarket).toList();
        RunningTwin twin = RunningTwin.start(venue, symbols, "127.0.0.1", 0, rate, seed);
        opened.push(twin);
        JournalTap tap = journal.tap(venue.id());
        Set<DataChannel> channels = EnumSet.copyOf(venue.channels());
        channels.remove(DataChannel.AGGTRADES); // the demo shows everything else, Bitstamp's L3 book included
        MarketDataConnector connector = venue.connector(symbols, channels, twin.webSocketBase(),
                twin.restBase(), feed -> feed.frameTap(tap).listener(tap), tap::rest);
        store.capture(venue.id(), connector.events(), connector::book, twin::symbols, connector);
        live.follow(connector, twin.symbols());
        DemoMonitor monitor = new DemoMonitor(venue.id(), twin.symbols(),
                connector.stream(null, StreamOptions.of(1 << 16, Overflow.DROP_NEWEST).withName("demo")));
        monitor.start();
        connector.start();
        return new Running(venue, twin, connector, monitor);
    }

    /** The query API over the store, with the live health of every stream on {@code /api/v1/streams}. */
    private ApiServer startApi(StoreQueries queries, LiveStreams live) {
        try {
            ApiServer api = new ApiServer(queries, "127.0.0.1", apiPort, live::health);
            live.register(api.metrics());
            return api.start();
        } catch (Exception e) { // Jetty may rethrow the checked BindException undeclared
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof BindException) {
                    throw new Main.UserException("cannot listen on 127.0.0.1:" + apiPort + ": " + cause.getMessage());
                }
            }
            throw e;
        }
    }

    /** Where to query the store now, while the demo runs. */
    private void printQueryHelp(PrintWriter out, List<Running> running, int port) {
        Running example = running.stream().filter(r -> r.venue() == Venue.BITSTAMP).findFirst()
                .orElse(running.get(0));
        String exchange = example.venue().id();
        String symbol = example.twin().symbols().get(0);
        String url = "http://127.0.0.1:" + port;
        out.printf("Query API on %s while the demo runs, e.g.:%n", url);
        out.printf("  curl '%s/api/v1/trades?exchange=%s&symbol=%s&limit=5'%n", url, exchange, symbol);
        out.printf("  ./tributary query trades --exchange %s --symbol %s --api %s%n", exchange, symbol, url);
        out.printf("  ./tributary query book --exchange %s --symbol %s --depth 5 --api %s%n", exchange, symbol, url);
        out.flush();
    }

    private void runTable(PrintWriter out, List<Running> running, Journal journal) throws InterruptedException {
        LiveTable table = new LiveTable(out, System.console() != null);
        long startNs = System.nanoTime();
        long endNs = startNs + duration.toNanos();
        long lastNs = startNs;
        while (System.nanoTime() < endNs) {
            TimeUnit.NANOSECONDS.sleep(Math.min(TimeUnit.SECONDS.toNanos(1), endNs - System.nanoTime()));
            long nowNs = System.nanoTime();
            table.render(rows(running, nowNs - lastNs), footer(running, journal));
            lastNs = nowNs;
        }
    }

    private List<Venue> venues() {
        List<Venue> venues = new ArrayList<>();
        for (String name : exchanges) {
            Venue venue = Venue.parse(name);
            if (!RunningTwin.TWINNED.contains(venue)) {
                throw new Main.UserException("no twin for '" + name + "' (have: " + RunningTwin.twinNames() + ")");
            }
            if (!venues.contains(venue)) {
                venues.add(venue);
            }
        }
        return venues;
    }

    private void validate() {
        if (duration.isNegative() || duration.isZero()) {
            throw new Main.UserException("--duration must be positive, got " + duration);
        }
        if (!(rate > 0 && rate <= 10_000)) {
            throw new Main.UserException("--rate must be above 0 and at most 10000 steps per second, got " + rate);
        }
        assets.forEach(Venue.BINANCE::usdMarket); // names the asset that is not one
        if (apiPort < 0 || apiPort > 65535) {
            throw new Main.UserException("--api-port must be 0..65535, got " + apiPort);
        }
    }

    /** Per asset: a line per exchange, then the spread across them. */
    private List<String> rows(List<Running> running, long intervalNs) {
        List<String> rows = new ArrayList<>();
        rows.add(HEADER);
        for (String asset : assets) {
            List<CrossSpread.Quote> quotes = new ArrayList<>();
            for (Running exchange : running) {
                String symbol = exchange.venue().usdMarket(asset);
                DemoMonitor.SymbolFigures figures = exchange.monitor().figures(symbol);
                Histogram interval = figures.takeInterval();
                Optional<BookView> book = exchange.connector().book(symbol);
                BigDecimal bid = best(book, Side.BID);
                BigDecimal ask = best(book, Side.ASK);
                quotes.add(new CrossSpread.Quote(exchange.venue().id(), bid, ask));
                rows.add(String.format("%-9s %-9s %14s %14s %10s %7.0f %7d %10.1f %10.1f %5d", exchange.venue().id(),
                        symbol, plain(bid), plain(ask), bid == null || ask == null ? "-" : plain(ask.subtract(bid)), figures.takeUpdates() * 1e9 / Math.max(1, intervalNs),
                        figures.trades.get(), DemoMonitor.micros(interval, 50), DemoMonitor.micros(interval, 99),
                        figures.gaps.get()));
            }
            if (running.size() > 1) {
                rows.add("  across exchanges: " + CrossSpread.of(asset.toUpperCase(Locale.ROOT) + "/USD", quotes).line());
            }
        }
        return rows;
    }

    private static BigDecimal best(Optional<BookView> book, Side side) {
        return book.filter(b -> b.depth(side) > 0).map(b -> b.priceDecimal(side, 0)).orElse(null);
    }

    /** Exact, without the connector's storage zeros: 65000.5 as 65000.50, 0.00001234 as it is. */
    static String plain(BigDecimal price) {
        if (price == null) {
            return "-";
        }
        BigDecimal stripped = price.stripTrailingZeros();
        return (stripped.scale() < 2 ? stripped.setScale(2) : stripped).toPlainString();
    }

    private static List<String> footer(List<Running> running, Journal journal) {
        StringBuilder feeds = new StringBuilder("feeds:");
        for (Running exchange : running) {
            FeedStats feed = exchange.connector().feedStats();
            feeds.append(String.format(" %s %d frames, %d reconnects, %d bad;", exchange.venue().id(), feed.delivered(),
                    feed.reconnects(), badInput(feed)));
        }
        JournalStats j = journal.stats();
        return List.of(feeds.toString(), String.format("journal: %d records, %d lost", j.appended(), j.lost()));
    }

    private int summary(PrintWriter out, Map<Running, Map<String, SymbolStats>> stats, JournalStats journal,
                        CaptureStore store) {
        out.println();
        out.println("Summary per stream:");
        boolean healthy = true;
        for (Map.Entry<Running, Map<String, SymbolStats>> entry : stats.entrySet()) {
            Running exchange = entry.getKey();
            for (String symbol : exchange.twin().symbols()) {
                healthy &= streamLine(out, exchange, symbol, entry.getValue().get(symbol));
            }
        }
        out.println("Per connector:");
        for (Running exchange : stats.keySet()) {
            FeedStats feed = exchange.connector().feedStats();
            out.printf("  %-9s %d frames, %d reconnects, %d rotations, %d bad input, %d queue overflows; "
                            + "consumer dropped %d%n", exchange.venue().id(), feed.delivered(), feed.reconnects(),
                    feed.rotations(), badInput(feed), exchange.connector().queueOverflows(),
                    exchange.monitor().dropped());
            healthy &= feed.reconnects() == 0 && exchange.monitor().dropped() == 0
                    && exchange.connector().queueOverflows() == 0;
        }
        out.printf("Journal: %d records written, %d lost, in %s%n", journal.written(), journal.lost(),
                dataDirectory.toAbsolutePath());
        healthy &= journal.lost() == 0;
        SinkStats stored = store.storeStats();
        long pending = stored.received() - stored.written();
        out.printf("Store: %d events received, %d written, %d not yet written (kept in the spill), %d lost, "
                        + "%d rejected, in %s%n", stored.received(), stored.written(), pending, stored.lost(),
                store.rejected(), dataDirectory.resolve("questdb").toAbsolutePath());
        healthy &= stored.received() > 0 && pending == 0 && stored.lost() == 0 && store.rejected() == 0;
        out.printf("Query the stored data later: ./tributary serve --data %s   then e.g.   ./tributary query trades "
                + "--exchange %s --symbol %s%n", dataDirectory, stats.keySet().iterator().next().venue().id(),
                stats.keySet().iterator().next().twin().symbols().get(0));
        out.println(healthy ? "Healthy: every book live and exact, nothing lost."
                : "Unhealthy: see the lines above.");
        out.flush();
        return healthy ? 0 : Main.RUN_ERROR;
    }

    /** Prints one stream's summary. @return whether it is healthy: book live, messages, never crossed or rejected */
    private static boolean streamLine(PrintWriter out, Running exchange, String symbol, SymbolStats s) {
        DemoMonitor.SymbolFigures figures = exchange.monitor().figures(symbol);
        figures.takeInterval();
        Histogram total = figures.total();
        long messages = s == null ? 0 : s.bookMessages() + s.trades() + s.bestBidAsks();
        out.printf("  %-9s %-9s %8d messages (%d book, %d trades, %d best bid/ask), %s, %d gaps, %d resyncs, "
                        + "latency p50 %.1f µs p99 %.1f µs%n", exchange.venue().id(), symbol, messages,
                s == null ? 0 : s.bookMessages(), s == null ? 0 : s.trades(), s == null ? 0 : s.bestBidAsks(),
                s == null ? "no book" : s.state(), s == null ? 0 : s.gaps(), s == null ? 0 : s.resyncs(),
                DemoMonitor.micros(total, 50), DemoMonitor.micros(total, 99));
        return s != null && messages > 0 && s.state() == SyncState.LIVE && s.crossed() == 0 && s.rejected() == 0;
    }

    private static long badInput(FeedStats stats) {
        return stats.badInput().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Closes in reverse order of opening; a failure to close one is reported and the rest still close. */
    private void closeAll(Deque<AutoCloseable> opened) {
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                spec.commandLine().getErr().println("tributary: while stopping the demo: " + e);
            }
        }
    }

    private static String human(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 60 ? (seconds / 60) + "m" + (seconds % 60) + "s" : seconds + "s";
    }
}
