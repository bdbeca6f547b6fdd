package io.tributary.cli;

import io.tributary.core.connection.Feed;
import io.tributary.core.connection.FeedStats;
import io.tributary.core.connection.RawMessage;
import io.tributary.core.connection.SocketInfo;
import io.tributary.core.json.JsonFilter;
import io.tributary.core.stream.ConsumerStream;
import io.tributary.core.stream.Overflow;
import io.tributary.core.stream.StreamOptions;
import io.tributary.exchange.binance.BinanceProtocol;
import io.tributary.simulator.binance.BinanceTwin;
import io.tributary.simulator.binance.MarketGenerator;
import io.tributary.simulator.binance.SymbolSpec;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The offline demo: a Binance protocol twin on loopback, a real {@link Feed} connected to it, one consumer stream per
 * symbol plus a deliberately slow consumer, and a live table. Shows the stream core end to end without a network.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Runs a Binance twin on loopback, connects the real feed to it and shows a live table.")
final class DemoCommand implements Callable<Integer> {

    private static final Map<String, SymbolSpec> KNOWN = Map.of(
            "BTCUSDT", SymbolSpec.of("BTCUSDT", "65000.00", "0.01", "0.00001"),
            "ETHUSDT", SymbolSpec.of("ETHUSDT", "3200.00", "0.01", "0.0001"),
            "SOLUSDT", SymbolSpec.of("SOLUSDT", "150.00", "0.01", "0.001"));

    @Option(names = "--duration", defaultValue = "15s", converter = DurationConverter.class,
            description = "How long to run (e.g. 30s, 5m). Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--symbols", split = ",", defaultValue = "BTCUSDT,ETHUSDT,SOLUSDT",
            description = "Symbols to generate and follow. Default: ${DEFAULT-VALUE}.")
    List<String> symbols;

    @Option(names = "--rate", defaultValue = "100",
            description = "Market steps per second; each step updates every symbol's book. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated market. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() throws Exception {
        validate();
        PrintStream out = System.out;
        MarketGenerator.Builder market = MarketGenerator.builder().seed(seed);
        symbols.forEach(symbol -> market.symbol(spec(symbol)));
        try (BinanceTwin twin = BinanceTwin.builder().market(market.build()).stepsPerSecond(rate).start();
             Feed feed = Feed.builder(new BinanceProtocol(URI.create("ws://127.0.0.1:" + twin.server().port())))
                     .name("binance-twin")
                     .subscriptions(streams())
                     .watchdogTimeout(Duration.ofSeconds(10))
                     .build()) {
            List<SymbolMonitor> monitors = new ArrayList<>();
            for (String symbol : symbols) {
                ConsumerStream<RawMessage> stream = feed.stream(JsonFilter.allOf(Map.of("data.s", symbol)),
                        StreamOptions.of(8192, Overflow.DROP_OLDEST).withName(symbol));
                monitors.add(new SymbolMonitor(symbol, stream));
            }
            ConsumerStream<RawMessage> slow = feed.stream(JsonFilter.all(),
                    StreamOptions.of(64, Overflow.DROP_OLDEST).withName("slow-consumer"));
            Thread.ofVirtual().name("demo-slow-consumer").start(() -> drainSlowly(slow));
            monitors.forEach(SymbolMonitor::start);
            feed.start();

            out.printf("Binance twin on ws://127.0.0.1:%d, %d symbols at %.0f steps/s, for %s%n",
                    twin.server().port(), symbols.size(), rate, human(duration));
            LiveTable table = new LiveTable(out, System.console() != null);
            long startNs = System.nanoTime();
            long endNs = startNs + duration.toNanos();
            long lastNs = startNs;
            Map<String, Long> lastCounts = new java.util.HashMap<>();
            while (System.nanoTime() < endNs) {
                TimeUnit.NANOSECONDS.sleep(Math.min(TimeUnit.SECONDS.toNanos(1), endNs - System.nanoTime()));
                long nowNs = System.nanoTime();
                table.render(rows(monitors, lastCounts, nowNs - lastNs), footer(feed.stats(), slow));
                lastNs = nowNs;
            }
            feed.close();
            slow.close();
            return summary(out, monitors, feed.stats(), slow);
        }
    }

    private void validate() {
        if (duration.isNegative() || duration.isZero()) {
            throw new Main.UserException("--duration must be positive, got " + duration);
        }
        if (rate <= 0 || rate > 100_000) {
            throw new Main.UserException("--rate must be between 0 and 100000 steps per second, got " + rate);
        }
        for (String symbol : symbols) {
            if (!symbol.matches("[A-Z0-9]{2,20}")) {
                throw new Main.UserException("'" + symbol + "' is not a symbol: use upper-case letters and digits, e.g. BTCUSDT");
            }
        }
    }

    private static SymbolSpec spec(String symbol) {
        return KNOWN.getOrDefault(symbol, SymbolSpec.of(symbol, "100.00", "0.01", "0.001"));
    }

    private List<String> streams() {
        List<String> streams = new ArrayList<>();
        for (String symbol : symbols) {
            String name = symbol.toLowerCase(Locale.ROOT);
            streams.add(name + "@depth");
            streams.add(name + "@trade");
            streams.add(name + "@bookTicker");
        }
        return streams;
    }

    private static void drainSlowly(ConsumerStream<RawMessage> slow) {
        try {
            for (RawMessage ignored : slow) {
                Thread.sleep(100); // the point of this consumer: it is slow, and nobody else may notice
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<String> rows(List<SymbolMonitor> monitors, Map<String, Long> lastCounts, long intervalNs) {
        List<String> rows = new ArrayList<>();
        rows.add(String.format("%-10s %14s %14s %10s %9s %8s %11s %11s %9s",
                "SYMBOL", "BID", "ASK", "SPREAD", "UPD/S", "TRADES", "HUB p50 µs", "HUB p99 µs", "DROPPED"));
        for (SymbolMonitor monitor : monitors) {
            long updates = monitor.depthUpdates();
            long previous = lastCounts.getOrDefault(monitor.symbol(), 0L);
            lastCounts.put(monitor.symbol(), updates);
            Histogram interval = monitor.takeInterval();
            rows.add(String.format("%-10s %14s %14s %10s %9.0f %8d %11.1f %11.1f %9d", monitor.symbol(),
                    monitor.bestBid(), monitor.bestAsk(), monitor.spread(),
                    (updates - previous) * 1e9 / Math.max(1, intervalNs), monitor.trades(),
                    SymbolMonitor.micros(interval, 50), SymbolMonitor.micros(interval, 99), monitor.dropped()));
        }
        return rows;
    }

    private static List<String> footer(FeedStats stats, ConsumerStream<RawMessage> slow) {
        List<String> lines = new ArrayList<>();
        for (SocketInfo socket : stats.sockets()) {
            lines.add(String.format("socket #%d %s %s, up %s, %d streams", socket.id(), socket.state(),
                    socket.endpoint().getAuthority(), human(socket.age()), socket.subscriptions().size()));
        }
        lines.add(String.format("feed: %d delivered, %d reconnects, %d bad input; slow consumer (100 ms/message): "
                        + "%d delivered, %d dropped, queue high-water %d",
                stats.delivered(), stats.reconnects(), totalBadInput(stats), slow.stats().delivered(),
                slow.stats().dropped(), slow.stats().highWaterMark()));
        return lines;
    }

    private static int summary(PrintStream out, List<SymbolMonitor> monitors, FeedStats stats,
                               ConsumerStream<RawMessage> slow) {
        out.println();
        out.println("Summary per stream:");
        boolean healthy = true;
        for (SymbolMonitor monitor : monitors) {
            monitor.takeInterval();
            Histogram total = monitor.total();
            out.printf("  %-10s %8d messages (%d depth updates, %d trades), %d dropped, hub latency p50 %.1f µs p99 %.1f µs%n",
                    monitor.symbol(), monitor.delivered(), monitor.depthUpdates(), monitor.trades(), monitor.dropped(),
                    SymbolMonitor.micros(total, 50), SymbolMonitor.micros(total, 99));
            healthy &= monitor.delivered() > 0 && monitor.dropped() == 0;
        }
        out.printf("  %-10s %8d messages, %d dropped by its own overflow policy (the others lost none)%n",
                "slow", slow.stats().delivered(), slow.stats().dropped());
        out.printf("  feed: %d delivered, %d duplicates, %d reconnects, %d rotations, %d bad input%n",
                stats.delivered(), stats.duplicates(), stats.reconnects(), stats.rotations(), totalBadInput(stats));
        if (!healthy) {
            out.println("Some stream received nothing or lost messages: see above.");
        }
        return healthy ? 0 : Main.RUN_ERROR;
    }

    private static long totalBadInput(FeedStats stats) {
        return stats.badInput().values().stream().mapToLong(Long::longValue).sum();
    }

    private static String human(Duration duration) {
        long seconds = duration.toSeconds();
        return seconds >= 60 ? (seconds / 60) + "m" + (seconds % 60) + "s" : seconds + "s";
    }
}
