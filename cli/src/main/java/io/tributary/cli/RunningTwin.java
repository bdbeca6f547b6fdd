package io.tributary.cli;

import io.tributary.simulator.TwinServer;
import io.tributary.simulator.binance.BinanceTwin;
import io.tributary.simulator.binance.MarketGenerator;
import io.tributary.simulator.binance.SymbolSpec;
import io.tributary.simulator.bitstamp.BitstampTwin;
import io.tributary.simulator.gemini.GeminiTwin;
import io.tributary.simulator.huobi.HuobiTwin;
import java.math.BigDecimal;
import java.net.BindException;
import java.net.URI;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * An exchange twin started by the command line, with the endpoints its connector needs.
 *
 * @param venue          the exchange it speaks for
 * @param symbols        its markets, spelled as the exchange spells them
 * @param webSocketBase  the connector's WebSocket base
 * @param restBase       the connector's REST base (null where the exchange needs none)
 * @param server         the twin's server: port, sessions, faults
 * @param twin           the twin itself, closed by {@link #close()}
 */
record RunningTwin(Venue venue, List<String> symbols, URI webSocketBase, URI restBase, TwinServer server,
                   AutoCloseable twin) implements AutoCloseable {

    /** The exchanges that have a twin. */
    static final Set<Venue> TWINNED = EnumSet.of(Venue.BINANCE, Venue.HUOBI, Venue.BITSTAMP, Venue.GEMINI);

    /** @return the names of the exchanges that have a twin, for messages */
    static String twinNames() {
        return TWINNED.stream().map(Venue::id).sorted().collect(Collectors.joining(", "));
    }

    /**
     * Starts {@code venue}'s twin on {@code host:port} (0: any free port) with a generated market.
     *
     * @throws Main.UserException if there is no twin for {@code venue} or the port is taken
     */
    static RunningTwin start(Venue venue, List<String> symbols, String host, int port, double stepsPerSecond,
                             long seed) {
        List<String> spelled = venue.symbols(symbols);
        return bound(host, port, () -> switch (venue) {
            case BINANCE -> {
                MarketGenerator.Builder market = MarketGenerator.builder().seed(seed);
                spelled.forEach(symbol -> market.symbol(binanceSpec(symbol)));
                BinanceTwin twin = BinanceTwin.builder().host(host).port(port).market(market.build())
                        .stepsPerSecond(stepsPerSecond).start();
                URI ws = URI.create("ws://" + host + ":" + twin.server().port());
                URI rest = URI.create("http://" + host + ":" + twin.server().port());
                yield new RunningTwin(venue, spelled, ws, rest, twin.server(), twin);
            }
            case HUOBI -> {
                HuobiTwin.Builder builder = HuobiTwin.builder().host(host).port(port).seed(seed)
                        .stepsPerSecond(stepsPerSecond).symbols(spelled);
                spelled.forEach(symbol -> builder.startingMid(symbol, BigDecimal.valueOf(midCents(symbol), 2)));
                HuobiTwin twin = builder.start();
                yield new RunningTwin(venue, spelled, twin.webSocketBase(), null, twin.server(), twin);
            }
            case BITSTAMP -> {
                Map<String, Long> mids = new LinkedHashMap<>();
                spelled.forEach(symbol -> mids.put(symbol, midCents(symbol)));
                BitstampTwin twin = BitstampTwin.start(mids, host, port, stepsPerSecond);
                yield new RunningTwin(venue, spelled, twin.webSocketUri(), twin.restBase(), twin.server(), twin);
            }
            case GEMINI -> {
                GeminiTwin.Builder builder = GeminiTwin.builder().host(host).port(port).seed(seed)
                        .stepsPerSecond(stepsPerSecond);
                spelled.forEach(symbol -> builder.symbol(symbol, midCents(symbol)));
                GeminiTwin twin = builder.start();
                yield new RunningTwin(venue, spelled, twin.webSocketBase(), null, twin.server(), twin);
            }
            default -> throw new Main.UserException("no twin for " + venue.id() + " (have: " + twinNames() + ")");
        });
    }

    /** A plausible starting price in cents, so that the same asset trades near the same price everywhere. */
    static long midCents(String symbol) {
        return switch (base(symbol)) {
            case "BTC" -> 6_500_000;
            case "ETH" -> 320_000;
            case "SOL" -> 15_000;
            default -> 10_000;
        };
    }

    /** What a connector or a person needs to reach this twin, one line each, as the exchange documents them. */
    List<String> endpoints() {
        String first = symbols.get(0);
        return switch (venue) {
            case HUOBI -> List.of(String.format("WebSocket  %s (trade.detail, bbo, depth.step0) and %s (mbp.150), "
                    + "gzip frames", webSocketBase.resolve("/ws"), webSocketBase.resolve("/feed")));
            case BITSTAMP -> List.of(
                    String.format("WebSocket  %s   ({\"event\":\"bts:subscribe\",\"data\":{\"channel\":"
                            + "\"diff_order_book_%s\"}})", webSocketBase, first),
                    String.format("REST       %s/api/v2/order_book/%s/", restBase, first));
            case GEMINI -> List.of(String.format("WebSocket  %s   (send {\"type\":\"subscribe\",\"subscriptions\":"
                    + "[{\"name\":\"l2\",\"symbols\":[\"%s\"]}]})", server.webSocketUri(GeminiTwin.PATH), first));
            default -> List.of(
                    String.format("WebSocket  %s   (also /ws and /ws/<stream>)", server.webSocketUri("/stream?streams="
                            + String.join("/", symbols.stream().map(s -> s.toLowerCase(Locale.ROOT) + "@depth")
                            .toList()))),
                    String.format("REST       %s", server.httpUri("/api/v3/depth?symbol=" + first + "&limit=1000")));
        };
    }

    /** Binance's generated market for {@code symbol}: its plausible price, a cent tick, a lot fitting the asset. */
    private static SymbolSpec binanceSpec(String symbol) {
        String lot = switch (base(symbol)) {
            case "BTC" -> "0.00001";
            case "ETH" -> "0.0001";
            default -> "0.001";
        };
        return SymbolSpec.of(symbol, BigDecimal.valueOf(midCents(symbol), 2).toPlainString(), "0.01", lot);
    }

    private static String base(String symbol) {
        String asset = Venue.asset(symbol);
        int slash = asset.indexOf('/');
        return (slash < 0 ? asset : asset.substring(0, slash)).toUpperCase(Locale.ROOT);
    }

    @Override
    public void close() {
        try {
            twin.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the " + venue.id() + " twin", e);
        }
    }

    private static <T> T bound(String host, int port, Supplier<T> start) {
        try {
            return start.get();
        } catch (Main.UserException e) {
            throw e;
        } catch (Exception e) { // Netty rethrows the checked BindException undeclared
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof BindException) {
                    throw new Main.UserException("cannot listen on " + host + ":" + port + ": " + cause.getMessage());
                }
            }
            throw e;
        }
    }
}
