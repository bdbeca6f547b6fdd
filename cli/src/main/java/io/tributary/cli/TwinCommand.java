package io.tributary.cli;

import io.tributary.simulator.binance.BinanceTwin;
import io.tributary.simulator.binance.MarketGenerator;
import io.tributary.simulator.gemini.GeminiTwin;
import io.tributary.simulator.huobi.HuobiTwin;
import java.io.PrintWriter;
import java.net.BindException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Runs an exchange twin standalone, so people can point their own systems at it. */
@Command(name = "twin", mixinStandardHelpOptions = true,
        description = "Runs an exchange twin on this machine until Ctrl-C: its wire format, a generated market, faults.")
final class TwinCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "EXCHANGE", description = "The exchange to twin: binance, bitstamp, gemini, huobi.")
    String exchange;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--port", defaultValue = "9443",
            description = "Port for WebSocket and REST (0: any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--symbols", split = ",", defaultValue = "BTCUSDT,ETHUSDT",
            description = "Symbols of the generated market. Default: ${DEFAULT-VALUE}.")
    List<String> symbols;

    @Option(names = "--rate", defaultValue = "10",
            description = "Market steps per second; each step updates every symbol. Default: ${DEFAULT-VALUE}.")
    double rate;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of the generated market. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--fault",
            description = {"Faults (repeatable, comma-separated): drop-after=N, drop, stall, throttle=BYTES_PER_S, "
                    + "ignore-pings, refuse-subscriptions, malformed, oversized=BYTES, close=CODE[:REASON]; Binance's "
                    + "own: gap=SYMBOL, stale-snapshots=N, rest-429=N[:RETRY_AFTER_S], rest-418=N[:RETRY_AFTER_S]."})
    List<String> faults = List.of();

    @Option(names = "--duration", converter = DurationConverter.class,
            description = "Stop after this long (default: run until Ctrl-C).")
    Duration duration;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String name = exchange.toLowerCase(Locale.ROOT);
        if ("bitstamp".equals(name)) {
            return BitstampTwinRun.run(host, port, rate, symbols, faults, duration, spec.commandLine().getOut());
        }
        if (!"binance".equals(name) && !"gemini".equals(name) && !"huobi".equals(name)) {
            throw new Main.UserException("no twin for '" + exchange + "' (have: binance, bitstamp, gemini, huobi)");
        }
        if (port < 0 || port > 65535) {
            throw new Main.UserException("--port must be 0..65535, got " + port);
        }
        if (!(rate > 0 && rate <= 100_000)) {
            throw new Main.UserException("--rate must be above 0 and at most 100000 steps per second, got " + rate);
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new Main.UserException("--duration must be positive, got " + duration);
        }
        List<Consumer<BinanceTwin>> injected = new ArrayList<>();
        for (String fault : faults) {
            try {
                injected.addAll(TwinFaults.parse(fault));
            } catch (IllegalArgumentException e) {
                throw new Main.UserException("bad --fault '" + fault + "': " + e.getMessage());
            }
        }
        if ("gemini".equals(name)) {
            return runGemini();
        }
        if ("huobi".equals(name)) {
            return runHuobi();
        }
        TwinSymbols.check(symbols);
        MarketGenerator.Builder market = MarketGenerator.builder().seed(seed);
        symbols.forEach(symbol -> market.symbol(TwinSymbols.spec(symbol)));

        BinanceTwin twin = start(market.build());
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            twin.close();
            stopped.countDown();
        }, "twin-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        injected.forEach(fault -> fault.accept(twin));

        PrintWriter out = spec.commandLine().getOut();
        String streams = String.join("/", symbols.stream()
                .map(s -> s.toLowerCase(Locale.ROOT) + "@depth").toList());
        out.printf("Binance twin on %s:%d (%s, %.0f steps/s%s)%n", host, twin.server().port(),
                String.join(",", symbols), rate, faults.isEmpty() ? "" : ", faults " + String.join(" ", faults));
        out.printf("  WebSocket  %s   (also /ws and /ws/<stream>)%n", twin.webSocketUri("/stream?streams=" + streams));
        out.printf("  REST       %s%n", twin.restUri("/api/v3/depth?symbol=" + symbols.get(0) + "&limit=1000"));
        out.println(duration == null ? "Ctrl-C to stop." : "Stopping after " + duration.toSeconds() + " s.");
        out.flush();

        if (duration == null) {
            stopped.await();
        } else if (!stopped.await(duration.toNanos(), TimeUnit.NANOSECONDS)) {
            Runtime.getRuntime().removeShutdownHook(hook);
            twin.close();
        }
        out.printf("twin stopped after %d connections%n", twin.server().sessionsOpened());
        out.flush();
        return 0;
    }

    /** The HTX twin: /ws and /feed on one port, gzip frames, its own generated market. */
    private Integer runHuobi() throws InterruptedException {
        HuobiTwin twin = bound(() -> HuobiTwin.builder().host(host).port(port).seed(seed).stepsPerSecond(rate)
                .symbols(symbols.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList()).start());
        faults.forEach(fault -> twin.server().faults().apply(fault));
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            twin.close();
            stopped.countDown();
        }, "twin-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Huobi twin on %s:%d (%s, %.0f steps/s)%n", host, twin.server().port(), String.join(",", symbols),
                rate);
        out.printf("  WebSocket  %s (trade.detail, bbo, depth.step0) and %s (mbp.150), gzip frames%n",
                twin.webSocketBase().resolve("/ws"), twin.webSocketBase().resolve("/feed"));
        out.println(duration == null ? "Ctrl-C to stop." : "Stopping after " + duration.toSeconds() + " s.");
        out.flush();
        if (duration == null) {
            stopped.await();
        } else if (!stopped.await(duration.toNanos(), TimeUnit.NANOSECONDS)) {
            Runtime.getRuntime().removeShutdownHook(hook);
            twin.close();
        }
        out.printf("twin stopped after %d connections%n", twin.server().sessionsOpened());
        out.flush();
        return 0;
    }

    /**
     * Gemini market data v2 on {@code /v2/marketdata} and v1 on {@code /v1/marketdata/{symbol}}; Binance's default
     * symbols become BTCUSD and ETHUSD.
     */
    private int runGemini() throws InterruptedException {
        List<String> geminiSymbols = symbols.stream().map(s -> s.toUpperCase(Locale.ROOT).replaceAll("USDT$", "USD"))
                .distinct().toList();
        GeminiTwin.Builder builder = GeminiTwin.builder().host(host).port(port).seed(seed).stepsPerSecond(rate);
        for (String symbol : geminiSymbols) {
            builder.symbol(symbol, symbol.startsWith("BTC") ? 4_500_000 : symbol.startsWith("ETH") ? 300_000 : 10_000);
        }
        GeminiTwin twin = bound(builder::start);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            twin.close();
            stopped.countDown();
        }, "twin-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        faults.forEach(fault -> twin.server().faults().apply(fault));
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Gemini twin on %s:%d (%s, %.0f steps/s%s)%n", host, twin.server().port(),
                String.join(",", geminiSymbols), rate, faults.isEmpty() ? "" : ", faults " + String.join(" ", faults));
        out.printf("  WebSocket  %s   (send {\"type\":\"subscribe\",\"subscriptions\":[{\"name\":\"l2\","
                + "\"symbols\":[\"%s\"]}]})%n", twin.server().webSocketUri(GeminiTwin.PATH), geminiSymbols.get(0));
        out.printf("  WebSocket  %s   (v1: one socket per symbol, nothing to send)%n",
                twin.server().webSocketUri(GeminiTwin.V1_PATH + geminiSymbols.get(0) + "?heartbeat=true"));
        out.println(duration == null ? "Ctrl-C to stop." : "Stopping after " + duration.toSeconds() + " s.");
        out.flush();
        if (duration == null) {
            stopped.await();
        } else if (!stopped.await(duration.toNanos(), TimeUnit.NANOSECONDS)) {
            Runtime.getRuntime().removeShutdownHook(hook);
            twin.close();
        }
        out.printf("twin stopped after %d connections%n", twin.server().sessionsOpened());
        out.flush();
        return 0;
    }

    private <T> T bound(java.util.function.Supplier<T> start) {
        try {
            return start.get();
        } catch (Exception e) { // Netty rethrows the checked BindException undeclared
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof BindException) {
                    throw new Main.UserException("cannot listen on " + host + ":" + port + ": " + cause.getMessage());
                }
            }
            throw e;
        }
    }

    private BinanceTwin start(MarketGenerator market) {
        return bound(() -> BinanceTwin.builder().host(host).port(port).market(market).stepsPerSecond(rate).start());
    }
}
