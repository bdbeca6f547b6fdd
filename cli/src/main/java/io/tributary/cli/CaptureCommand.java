package io.tributary.cli;

import io.tributary.core.connection.FeedListener;
import io.tributary.core.connection.FeedStats;
import io.tributary.core.connection.SocketInfo;
import io.tributary.core.connection.SocketState;
import io.tributary.core.stream.Registration;
import io.tributary.exchange.SymbolStats;
import io.tributary.exchange.MarketDataConnector;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
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
            description = "binance (spot), binance-usdm, binance-coinm, huobi, bitstamp or gemini.")
    String exchange;

    @Option(names = "--symbols", required = true, split = ",",
            description = "Symbols as the exchange lists them, e.g. BTCUSDT,ETHUSDT (any letter case).")
    List<String> symbols;

    @Option(names = "--channels", split = ",",
            description = "Any of book, trades, aggtrades, bbo, orders that the exchange has. Default: book, "
                    + "trades, bbo (those it has).")
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
        Venue venue = Venue.parse(exchange);
        List<String> markets = venue.symbols(symbols);
        Set<DataChannel> followed = channels == null ? venue.defaultChannels() : DataChannel.parse(channels);
        URI webSocketBase = url("--ws-url", webSocketUrl, "ws", "wss");
        URI restBase = url("--rest-url", restUrl, "http", "https");
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new Main.UserException("--duration must be positive, got " + duration);
        }
        requireWritable(journalDirectory);
        Optional<BinanceMarket> binance = venue.binanceMarket();
        if (binance.isPresent()) { // only Binance answers which symbols exist cheaply enough to ask first
            new SymbolCheck(binance.get(), restBase == null ? binance.get().restBase() : restBase)
                    .requireKnown(markets);
        }

        PrintWriter out = spec.commandLine().getOut();
        SocketWatch sockets = new SocketWatch();
        Journal journal = Journal.builder(journalDirectory).prefix(venue.id()).build();
        JournalTap tap = journal.tap(venue.id());
        MarketDataConnector connector = venue.connector(markets, followed, webSocketBase, restBase,
                feed -> feed.frameTap(tap).listener(tap).listener(sockets), tap::rest);
        // a tap, not a queued handler: a gap published while the connector closes is journaled before the journal is
        Registration gaps = connector.events().addTap(event -> event instanceof BookGap, event -> {
            BookGap gap = (BookGap) event;
            tap.gap(gap.symbol(), gap.gap().reason() + " expected " + gap.gap().expected() + " received "
                    + gap.gap().received());
        }, "journal-gaps");

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
        Map<String, SymbolStats> books;
        try {
            out.printf("capturing %s %s (%s) from %s, journal in %s%n", venue.id(), String.join(",", markets),
                    followed.stream().map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(",")),
                    webSocketBase == null ? "the exchange" : webSocketBase, journalDirectory.toAbsolutePath());
            out.flush();
            connector.start();
            if (!sockets.opened.await(connectTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new Main.UserException("cannot connect to "
                        + (webSocketBase == null ? venue.id() : webSocketBase) + " within "
                        + connectTimeout.toSeconds() + " s" + sockets.lastProblem());
            }
            long endNs = duration == null ? Long.MAX_VALUE : startNs + duration.toNanos();
            while (true) {
                long leftNs = endNs - System.nanoTime();
                if (leftNs <= 0 || stop.await(Math.min(leftNs, statusInterval.toNanos()), TimeUnit.NANOSECONDS)) {
                    break;
                }
                out.println(status(System.nanoTime() - startNs, connector, markets.size(), journal));
                out.flush();
            }
        } finally {
            books = connector.symbolStats(); // before closing: a connector may void its books on a closed socket
            connector.close();
            gaps.close();
            journal.close();
            finished.countDown();
            if (stop.getCount() > 0) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
        return summary(out, System.nanoTime() - startNs, books, connector, journal);
    }

    /** @throws Main.UserException if {@code directory} cannot be made or written to */
    static void requireWritable(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new Main.UserException("cannot create the data directory " + directory + ": " + e);
        }
        if (!Files.isWritable(directory)) {
            throw new Main.UserException("the data directory " + directory + " is not writable");
        }
    }

    /** @return the URL given, or null (the exchange's own) when none is */
    private static URI url(String option, String given, String... schemes) {
        if (given == null) {
            return null;
        }
        String example = schemes[0] + "://127.0.0.1:9443";
        try {
            URI uri = new URI(given);
            if (uri.getScheme() == null || !List.of(schemes).contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null) {
                throw new Main.UserException(option + " '" + given + "' is not a " + String.join(" or ", schemes)
                        + " URL with a host, e.g. " + example);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new Main.UserException(option + " '" + given + "' is not a URL: " + e.getReason());
        }
    }

    private static String status(long elapsedNs, MarketDataConnector connector, int symbolCount, Journal journal) {
        FeedStats feed = connector.feedStats();
        long live = feed.sockets().stream().filter(s -> s.state() == SocketState.LIVE).count();
        long inSync = connector.symbolStats().values().stream()
                .filter(s -> s.state() == io.tributary.book.SyncState.LIVE).count();
        long gaps = connector.symbolStats().values().stream().mapToLong(SymbolStats::gaps).sum();
        JournalStats j = journal.stats();
        return String.format("%5ds  sockets %d live  messages %d  books in sync %d/%d  gaps %d  reconnects %d  "
                        + "journal %d records, %d files, %s", TimeUnit.NANOSECONDS.toSeconds(elapsedNs), live,
                feed.delivered(), inSync, symbolCount, gaps, feed.reconnects(), j.appended(),
                j.files(), bytes(j.bytesWritten()));
    }

    private int summary(PrintWriter out, long elapsedNs, Map<String, SymbolStats> books, MarketDataConnector connector,
                        Journal journal) {
        out.printf("%nSummary after %d s:%n", TimeUnit.NANOSECONDS.toSeconds(elapsedNs));
        out.printf("  %-12s %10s %10s %6s %8s %8s %8s  %s%n", "SYMBOL", "BOOK MSGS", "APPLIED", "GAPS", "RESYNCS",
                "TRADES", "BBO", "STATE");
        for (Map.Entry<String, SymbolStats> entry : new TreeMap<>(books).entrySet()) {
            SymbolStats s = entry.getValue();
            out.printf("  %-12s %10d %10d %6d %8d %8d %8d  %s%n", entry.getKey(), s.bookMessages(), s.applied(),
                    s.gaps(), s.resyncs(), s.trades(), s.bestBidAsks(), s.state());
        }
        FeedStats feed = connector.feedStats();
        long badInput = feed.badInput().values().stream().mapToLong(Long::longValue).sum();
        out.printf("  feed: %d messages, %d reconnects, %d rotations, %d bad input, %d queue overflows%s%n",
                feed.delivered(), feed.reconnects(), feed.rotations(), badInput, connector.queueOverflows(),
                connector instanceof BinanceConnector binance ? String.format("; %d snapshots fetched, %d rate-limited",
                        binance.snapshotRequests(), binance.snapshotsRateLimited()) : "");
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
