package io.tributary.cli;

import io.tributary.simulator.Faults;
import io.tributary.simulator.binance.BinanceTwin;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    private static final List<String> DEFAULT_ASSETS = List.of("BTC", "ETH");

    @Parameters(index = "0", paramLabel = "EXCHANGE", description = "The exchange to twin: binance, bitstamp, gemini, huobi.")
    String exchange;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--port", defaultValue = "9443",
            description = "Port for WebSocket and REST (0: any free port). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--symbols", split = ",",
            description = "Symbols of the generated market. Default: BTC and ETH against USD(T), as the exchange "
                    + "spells them (BTCUSDT, btcusdt, btcusd, BTCUSD).")
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
        Venue venue = twinned(exchange);
        if (port < 0 || port > 65535) {
            throw new Main.UserException("--port must be 0..65535, got " + port);
        }
        if (!(rate > 0 && rate <= 100_000)) {
            throw new Main.UserException("--rate must be above 0 and at most 100000 steps per second, got " + rate);
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new Main.UserException("--duration must be positive, got " + duration);
        }
        List<String> markets = symbols == null ? DEFAULT_ASSETS.stream().map(venue::usdMarket).toList()
                : venue.symbols(symbols);
        List<Consumer<RunningTwin>> injected = faults(venue);

        RunningTwin twin = RunningTwin.start(venue, markets, host, port, rate, seed);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            twin.close();
            stopped.countDown();
        }, "twin-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        injected.forEach(fault -> fault.accept(twin));

        PrintWriter out = spec.commandLine().getOut();
        out.printf("%s twin on %s:%d (%s, %.0f steps/s%s)%n", venue.title(), host, twin.server().port(),
                String.join(",", markets), rate, faults.isEmpty() ? "" : ", faults " + String.join(" ", faults));
        twin.endpoints().forEach(line -> out.println("  " + line));
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

    private static Venue twinned(String name) {
        for (Venue venue : RunningTwin.TWINNED) {
            if (venue.id().equalsIgnoreCase(name.trim())) {
                return venue;
            }
        }
        throw new Main.UserException("no twin for '" + name + "' (have: " + RunningTwin.twinNames() + ")");
    }

    /** Checks every {@code --fault} before the twin starts; Binance's twin also knows its own REST and gap faults. */
    private List<Consumer<RunningTwin>> faults(Venue venue) {
        List<Consumer<RunningTwin>> injected = new ArrayList<>();
        for (String fault : faults) {
            try {
                if (venue == Venue.BINANCE) {
                    for (Consumer<BinanceTwin> binance : TwinFaults.parse(fault)) {
                        injected.add(twin -> binance.accept((BinanceTwin) twin.twin()));
                    }
                } else {
                    Faults.parse(fault);
                    injected.add(twin -> twin.server().faults().apply(fault));
                }
            } catch (IllegalArgumentException e) {
                throw new Main.UserException("bad --fault '" + fault + "': " + e.getMessage());
            }
        }
        return injected;
    }
}
