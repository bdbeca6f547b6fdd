package io.tributary.cli;

import io.tributary.core.connection.FeedListener;
import io.tributary.core.connection.FeedStats;
import io.tributary.core.connection.SocketInfo;
import io.tributary.core.connection.SocketState;
import io.tributary.core.stream.Overflow;
import io.tributary.core.stream.Registration;
import io.tributary.core.stream.StreamOptions;
import io.tributary.exchange.SymbolStats;
import io.tributary.exchange.binance.BinanceChannel;
import io.tributary.exchange.binance.BinanceConnector;
import io.tributary.exchange.binance.BinanceMarket;
import io.tributary.model.event.BookGap;
import io.tributary.sink.journal.Journal;
import io.tributary.sink.journal.JournalStats;
import io.tributary.sink.journal.JournalTap;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Captures an exchange's public market data: the real connector (books, resyncs, reconnects) with every frame and
 * snapshot journaled as received, a status line every few seconds, and a summary at the end.
 */
@Command(name = "capture", mixinStandardHelpOptions = true,
        description = "Connects to an exchange (the real one by default), keeps the books and journals every raw "
                + "frame, until Ctrl-C or --duration.")
final class CaptureCommand implements Callable<Integer> {

    @Option(names = "--exchange", required = true,
            description = "binance (spot), binance-usdm or binance-coinm.")
    String exchange;

    @Option(names = "--symbols", required = true, split = ",", description = "Symbols, e.g. BTCUSDT,ETHUSDT.")
    List<String> symbols;

    @Option(names = "--channels", split = ",", defaultValue = "book,trades,bbo",
            description = "Any of book, trades, aggtrades, bbo. Default: ${DEFAULT-VALUE}.")
    List<String> channels;

    @Option(names = "--ws-url", description = "WebSocket base URL (default: the exchange's), e.g. ws://127.0.0.1:9443.")
    String webSocketUrl;

    @Option(names = "--rest-url", description = "REST base URL (default: the exchange's), e.g. http://127.0.0.1:9443.")
    String restUrl;

    @Option(names = "--journal", defaultValue = "data",
            description = "Directory of the raw journal. Default: ${DEFAULT-VALUE}.")
    Path journalDirectory;

    @Option(names = "--duration", converter = DurationConverter.class,
            description = "Stop after this long (default: run until Ctrl-C).")
    Duration duration;

    @Option(names = "--status-every", converter = DurationConverter.class, defaultValue = "5s",
            description = "Interval of the status line. Default: ${DEFAULT-VALUE}.")
    Duration statusInterval;

    @Option(names = "--connect-timeout", converter = DurationConverter.class, defaultValue = "15s",
            description = "Give up if no socket opens within this. Default: ${DEFAULT-VALUE}.")
    Duration connectTimeout;

    @Spec
    CommandSpec spec;

    /** Ends the capture like Ctrl-C does. */
    private final CountDownLatch stop = new CountDownLatch(1);

    /** Stops the capture gracefully (what Ctrl-C does): the journal gets everything received. */
    void stop() {
        stop.countDown();
    }

    @Override
    public Integer call() throws Exception {
        BinanceMarket market = market();
        TwinSymbols.check(symbols);
        Set<BinanceChannel> followed = channels();
        URI webSocketBase = url("--ws-url", webSocketUrl, market.webSocketBase(), "ws", "wss");
        URI restBase = url("--rest-url", restUrl, market.restBase(), "http", "https");
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new Main.UserException("--duration must be positive, got " + duration);
        }
        requireWritable(journalDirectory);
        new SymbolCheck(market, restBase).requireKnown(symbols);

        PrintWriter out = spec.commandLine().getOut();
        SocketWatch sockets = new SocketWatch();
        Journal journal = Journal.builder(journalDirectory).prefix(market.exchange()).build();
        JournalTap tap = journal.tap(market.exchange());
        BinanceConnector connector = BinanceConnector.builder(market).symbols(symbols).channels(followed)
                .webSocketBase(webSocketBase).restBase(restBase)
                .feed(feed -> feed.frameTap(tap).listener(tap).listener(sockets))
                .snapshotTap(tap::rest)
                .build();
        Registration gaps = connector.events().addHandler(event -> event instanceof BookGap,
                event -> {
                    BookGap gap = (BookGap) event;
                    tap.gap(gap.symbol(), gap.gap().reason() + " expected " + gap.gap().expected() + " received "
                            + gap.gap().received());
                }, StreamOptions.of(4096, Overflow.DROP_NEWEST).withName("journal-gaps"));

        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                finished.await(30, TimeUnit.SECONDS); // let the capture flush its journal before the JVM ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "capture-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        long startNs = System.nanoTime();
        try {
            out.printf("capturing %s %s (%s) from %s, journal in %s%n", market.exchange(), String.join(",", symbols),
                    String.join(",", channels), webSocketBase, journalDirectory.toAbsolutePath());
            out.flush();
            connector.start();
            if (!sockets.opened.await(connectTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new Main.UserException("cannot connect to " + webSocketBase + " within "
                        + connectTimeout.toSeconds() + " s" + sockets.lastProblem());
            }
            long endNs = duration == null ? Long.MAX_VALUE : startNs + duration.toNanos();
            while (true) {
                long leftNs = endNs - System.nanoTime();
                if (leftNs <= 0 || stop.await(Math.min(leftNs, statusInterval.toNanos()), TimeUnit.NANOSECONDS)) {
                    break;
                }
                out.println(status(System.nanoTime() - startNs, connector, journal));
                out.flush();
            }
        } finally {
            connector.close();
            gaps.close();
            journal.close();
            finished.countDown();
            if (stop.getCount() > 0) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
        return summary(out, System.nanoTime() - startNs, connector, journal);
    }

    private BinanceMarket market() {
        for (BinanceMarket market : BinanceMarket.values()) {
            if (market.exchange().equalsIgnoreCase(exchange)) {
                return market;
            }
        }
        List<String> names = new ArrayList<>();
        for (BinanceMarket market : BinanceMarket.values()) {
            names.add(market.exchange());
        }
        throw new Main.UserException("unknown exchange '" + exchange + "' (have: " + String.join(", ", names) + ")");
    }

    private Set<BinanceChannel> channels() {
        Set<BinanceChannel> set = EnumSet.noneOf(BinanceChannel.class);
        for (String channel : channels) {
            set.add(switch (channel.trim().toLowerCase(Locale.ROOT)) {
                case "book" -> BinanceChannel.DEPTH_100MS;
                case "trades" -> BinanceChannel.TRADE;
                case "aggtrades" -> BinanceChannel.AGG_TRADE;
                case "bbo" -> BinanceChannel.BOOK_TICKER;
                default -> throw new Main.UserException("unknown channel '" + channel
                        + "' (have: book, trades, aggtrades, bbo)");
            });
        }
        return set;
    }

    private static void requireWritable(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new Main.UserException("cannot create the journal directory " + directory + ": " + e);
        }
        if (!Files.isWritable(directory)) {
            throw new Main.UserException("the journal directory " + directory + " is not writable");
        }
    }

    private static URI url(String option, String given, URI fallback, String... schemes) {
        if (given == null) {
            return fallback;
        }
        try {
            URI uri = new URI(given);
            if (uri.getScheme() == null || !List.of(schemes).contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null) {
                throw new Main.UserException(option + " '" + given + "' is not a " + String.join(" or ", schemes)
                        + " URL with a host, e.g. " + fallback);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new Main.UserException(option + " '" + given + "' is not a URL: " + e.getReason());
        }
    }

    private static String status(long elapsedNs, BinanceConnector connector, Journal journal) {
        FeedStats feed = connector.feedStats();
        long live = feed.sockets().stream().filter(s -> s.state() == SocketState.LIVE).count();
        long inSync = connector.symbolStats().values().stream()
                .filter(s -> s.state() == io.tributary.book.SyncState.LIVE).count();
        long gaps = connector.symbolStats().values().stream().mapToLong(SymbolStats::gaps).sum();
        JournalStats j = journal.stats();
        return String.format("%5ds  sockets %d live  messages %d  books in sync %d/%d  gaps %d  reconnects %d  "
                        + "journal %d records, %d files, %s", TimeUnit.NANOSECONDS.toSeconds(elapsedNs), live,
                feed.delivered(), inSync, connector.symbols().size(), gaps, feed.reconnects(), j.appended(),
                j.files(), bytes(j.bytesWritten()));
    }

    private int summary(PrintWriter out, long elapsedNs, BinanceConnector connector, Journal journal) {
        out.printf("%nSummary after %d s:%n", TimeUnit.NANOSECONDS.toSeconds(elapsedNs));
        out.printf("  %-12s %10s %10s %6s %8s %8s %8s  %s%n", "SYMBOL", "BOOK MSGS", "APPLIED", "GAPS", "RESYNCS",
                "TRADES", "BBO", "STATE");
        for (Map.Entry<String, SymbolStats> entry : new java.util.TreeMap<>(connector.symbolStats()).entrySet()) {
            SymbolStats s = entry.getValue();
            out.printf("  %-12s %10d %10d %6d %8d %8d %8d  %s%n", entry.getKey(), s.bookMessages(), s.applied(),
                    s.gaps(), s.resyncs(), s.trades(), s.bestBidAsks(), s.state());
        }
        FeedStats feed = connector.feedStats();
        long badInput = feed.badInput().values().stream().mapToLong(Long::longValue).sum();
        out.printf("  feed: %d messages, %d reconnects, %d rotations, %d bad input; %d snapshots fetched, "
                        + "%d rate-limited%n", feed.delivered(), feed.reconnects(), feed.rotations(), badInput,
                connector.snapshotRequests(), connector.snapshotsRateLimited());
        JournalStats j = journal.stats();
        out.printf("  journal: %d records in %d file(s), %s, %d lost, under %s%n", j.written(), j.files(),
                bytes(j.bytesWritten()), j.lost(), journal.directory().toAbsolutePath());
        boolean healthy = j.lost() == 0 && feed.delivered() > 0;
        if (!healthy) {
            out.println(feed.delivered() == 0 ? "Nothing was received." : "The journal lost records: see above.");
        }
        out.flush();
        return healthy ? 0 : Main.RUN_ERROR;
    }

    private static String bytes(long count) {
        return count >= 1 << 20 ? String.format("%.1f MiB", count / 1048576.0)
                : count >= 1 << 10 ? String.format("%.1f KiB", count / 1024.0) : count + " B";
    }

    /** Notices the first open socket, and why attempts failed (for the one-line error when none opens). */
    private static final class SocketWatch implements FeedListener {
        final CountDownLatch opened = new CountDownLatch(1);
        private final AtomicReference<String> problem = new AtomicReference<>();

        @Override
        public void socketOpened(SocketInfo socket) {
            opened.countDown();
        }

        @Override
        public void socketClosed(SocketInfo socket, String reason) {
            problem.set(reason);
        }

        String lastProblem() {
            String reason = problem.get();
            return reason == null ? "" : ": " + reason;
        }
    }
}
