package io.tributary.cli;

import io.tributary.book.BookView;
import io.tributary.core.connection.FeedStats;
import io.tributary.core.stream.Overflow;
import io.tributary.core.stream.StreamOptions;
import io.tributary.exchange.SymbolStats;
import io.tributary.exchange.binance.BinanceChannel;
import io.tributary.exchange.binance.BinanceConnector;
import io.tributary.model.Side;
import io.tributary.sink.journal.Journal;
import io.tributary.sink.journal.JournalStats;
import io.tributary.sink.journal.JournalTap;
import io.tributary.simulator.binance.BinanceTwin;
import io.tributary.simulator.binance.MarketGenerator;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The offline demo: the Binance twin on loopback, the real {@link BinanceConnector} connected to it (snapshot sync,
 * exact books, normalized events), every frame journaled, and a live table from the connector's books and events.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the Binance twin on loopback, connects the real connector to it, journals every frame "
                + "and shows a live table; ends with a summary per stream (exit status 0 when healthy)."})
final class DemoCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--duration", defaultValue = "15s", converter = DurationConverter.class,
            description = "How long to run (e.g. 30s, 5m). Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--symbols", split = ",", defaultValue = "BTCUSDT,ETHUSDT,SOLUSDT",
            description = "Symbols to generate and follow. Default: ${DEFAULT-VALUE}.")
    List<String> symbols;

    @Option(names = "--rate", defaultValue = "50",
            description = "Market steps per second; each step updates every symbol's book. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated market. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--journal", defaultValue = "data",
            description = "Directory of the raw journal. Default: ${DEFAULT-VALUE}.")
    Path journalDirectory;

    @Override
    public Integer call() throws Exception {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        MarketGenerator.Builder market = MarketGenerator.builder().seed(seed);
        symbols.forEach(symbol -> market.symbol(TwinSymbols.spec(symbol)));
        Journal journal = Journal.builder(journalDirectory).prefix("binance-demo").build();
        JournalTap tap = journal.tap("binance");
        try (BinanceTwin twin = BinanceTwin.builder().market(market.build()).stepsPerSecond(rate).start()) {
            String authority = "127.0.0.1:" + twin.server().port();
            BinanceConnector connector = BinanceConnector.builder()
                    .symbols(symbols)
                    .channels(BinanceChannel.DEPTH_100MS, BinanceChannel.TRADE, BinanceChannel.BOOK_TICKER)
                    .webSocketBase(URI.create("ws://" + authority))
                    .restBase(URI.create("http://" + authority))
                    .feed(feed -> feed.frameTap(tap).listener(tap))
                    .snapshotTap(tap::rest)
                    .build();
            DemoMonitor monitor = new DemoMonitor(symbols,
                    connector.stream(null, StreamOptions.of(1 << 16, Overflow.DROP_NEWEST).withName("demo")));
            monitor.start();
            connector.start();
            out.printf("Binance twin on ws://%s, %d symbols at %.0f steps/s, for %s; journal in %s%n", authority,
                    symbols.size(), rate, human(duration), journalDirectory.toAbsolutePath());

            LiveTable table = new LiveTable(out, System.console() != null);
            Map<String, Long> lastCounts = new HashMap<>();
            long startNs = System.nanoTime();
            long endNs = startNs + duration.toNanos();
            long lastNs = startNs;
            while (System.nanoTime() < endNs) {
                TimeUnit.NANOSECONDS.sleep(Math.min(TimeUnit.SECONDS.toNanos(1), endNs - System.nanoTime()));
                long nowNs = System.nanoTime();
                table.render(rows(connector, monitor, lastCounts, nowNs - lastNs), footer(connector, journal));
                lastNs = nowNs;
            }
            Map<String, SymbolStats> stats = connector.symbolStats(); // before closing: whether each book is live
            connector.close();
            journal.close();
            return summary(out, stats, monitor, connector, journal.stats());
        } finally {
            journal.close();
        }
    }

    private void validate() {
        if (duration.isNegative() || duration.isZero()) {
            throw new Main.UserException("--duration must be positive, got " + duration);
        }
        if (rate <= 0 || rate > 10_000) {
            throw new Main.UserException("--rate must be between 0 and 10000 steps per second, got " + rate);
        }
        TwinSymbols.check(symbols);
    }

    private List<String> rows(BinanceConnector connector, DemoMonitor monitor, Map<String, Long> lastCounts,
                              long intervalNs) {
        List<String> rows = new ArrayList<>();
        rows.add(String.format("%-10s %14s %14s %10s %7s %7s %10s %10s %5s", "SYMBOL", "BID", "ASK", "SPREAD", "UPD/S",
                "TRADES", "LAT p50 µs", "LAT p99 µs", "GAPS"));
        for (String symbol : symbols) {
            DemoMonitor.SymbolFigures figures = monitor.figures(symbol);
            long updates = figures.bookUpdates.get();
            long previous = lastCounts.getOrDefault(symbol, 0L);
            lastCounts.put(symbol, updates);
            Histogram interval = figures.takeInterval();
            Optional<BookView> book = connector.book(symbol, 1);
            BigDecimal bid = book.filter(b -> b.depth(Side.BID) > 0).map(b -> b.priceDecimal(Side.BID, 0)).orElse(null);
            BigDecimal ask = book.filter(b -> b.depth(Side.ASK) > 0).map(b -> b.priceDecimal(Side.ASK, 0)).orElse(null);
            rows.add(String.format("%-10s %14s %14s %10s %7.0f %7d %10.1f %10.1f %5d", symbol,
                    bid == null ? "-" : bid.toPlainString(), ask == null ? "-" : ask.toPlainString(),
                    bid == null || ask == null ? "-" : ask.subtract(bid).toPlainString(),
                    (updates - previous) * 1e9 / Math.max(1, intervalNs), figures.trades.get(),
                    DemoMonitor.micros(interval, 50), DemoMonitor.micros(interval, 99), figures.gaps.get()));
        }
        return rows;
    }

    private static List<String> footer(BinanceConnector connector, Journal journal) {
        FeedStats feed = connector.feedStats();
        JournalStats j = journal.stats();
        return List.of(String.format("feed: %d frames, %d socket(s), %d reconnects, %d bad input; journal: %d records, "
                        + "%d lost", feed.delivered(), feed.sockets().size(), feed.reconnects(), badInput(feed),
                j.appended(), j.lost()));
    }

    private int summary(PrintWriter out, Map<String, SymbolStats> stats, DemoMonitor monitor,
                        BinanceConnector connector, JournalStats journal) {
        FeedStats feed = connector.feedStats();
        out.println();
        out.println("Summary per stream:");
        boolean healthy = true;
        for (String symbol : symbols) {
            SymbolStats s = stats.get(symbol);
            DemoMonitor.SymbolFigures figures = monitor.figures(symbol);
            figures.takeInterval();
            Histogram total = figures.total();
            long messages = s == null ? 0 : s.bookMessages() + s.trades() + s.bestBidAsks();
            out.printf("  %-10s %8d messages (%d book, %d trades, %d best bid/ask), %s, %d gaps, %d resyncs, "
                            + "latency p50 %.1f µs p99 %.1f µs%n", symbol, messages, s == null ? 0 : s.bookMessages(),
                    s == null ? 0 : s.trades(), s == null ? 0 : s.bestBidAsks(), s == null ? "no book" : s.state(),
                    s == null ? 0 : s.gaps(), s == null ? 0 : s.resyncs(), DemoMonitor.micros(total, 50),
                    DemoMonitor.micros(total, 99));
            healthy &= s != null && messages > 0 && s.state() == io.tributary.book.SyncState.LIVE
                    && s.crossed() == 0 && s.rejected() == 0;
        }
        out.printf("  feed: %d frames, %d reconnects, %d rotations, %d bad input; consumer dropped %d; "
                        + "journal: %d records written, %d lost, in %s%n", feed.delivered(), feed.reconnects(),
                feed.rotations(), badInput(feed), monitor.dropped(), journal.written(), journal.lost(),
                journalDirectory.toAbsolutePath());
        healthy &= feed.reconnects() == 0 && monitor.dropped() == 0 && journal.lost() == 0
                && connector.queueOverflows() == 0;
        out.println(healthy ? "Healthy: every book live and exact, nothing lost."
                : "Unhealthy: see the lines above.");
        return healthy ? 0 : Main.RUN_ERROR;
    }

    private static long badInput(FeedStats stats) {
        return stats.badInput().values().stream().mapToLong(Long::longValue).sum();
    }

    private static String human(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 60 ? (seconds / 60) + "m" + (seconds % 60) + "s" : seconds + "s";
    }
}
