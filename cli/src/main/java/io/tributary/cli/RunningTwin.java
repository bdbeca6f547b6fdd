package io.tributary.cli;

import io.tributary.simulator.TwinServer;
import io.tributary.simulator.binance.BinanceTwin;
import io.tributary.simulator.binance.MarketGenerator;
import io.tributary.simulator.bitstamp.BitstampTwin;
import io.tributary.simulator.gemini.GeminiTwin;
import io.tributary.simulator.huobi.HuobiTwin;
import java.net.BindException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

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
                spelled.forEach(symbol -> market.symbol(TwinSymbols.spec(symbol)));
                BinanceTwin twin = BinanceTwin.builder().host(host).port(port).market(market.build())
                        .stepsPerSecond(stepsPerSecond).start();
                URI ws = URI.create("ws://" + host + ":" + twin.server().port());
                URI rest = URI.create("http://" + host + ":" + twin.server().port());
                yield new RunningTwin(venue, spelled, ws, rest, twin.server(), twin);
            }
            case HUOBI -> {
                HuobiTwin twin = HuobiTwin.builder().host(host).port(port).seed(seed).stepsPerSecond(stepsPerSecond)
                        .symbols(spelled).start();
                yield new RunningTwin(venue, spelled, twin.webSocketBase(), null, twin.server(), twin);
            }
            case BITSTAMP -> {
                BitstampTwin twin = BitstampTwin.start(spelled, host, port, stepsPerSecond);
                yield new RunningTwin(venue, spelled, twin.webSocketUri(), twin.restBase(), twin.server(), twin);
            }
            case GEMINI, GEMINI_V1 -> { // one twin serves v2 and v1; the venue picks the connector's API
                GeminiTwin.Builder builder = GeminiTwin.builder().host(host).port(port).seed(seed)
                        .stepsPerSecond(stepsPerSecond);
                spelled.forEach(symbol -> builder.symbol(symbol, midCents(symbol)));
                GeminiTwin twin = builder.start();
                yield new RunningTwin(venue, spelled, twin.webSocketBase(), null, twin.server(), twin);
            }
            default -> throw new Main.UserException("no twin for " + venue.id() + " (have: binance, bitstamp, "
                    + "gemini, huobi)");
        });
    }

    /** A plausible starting price in cents, so that the same asset trades near the same price everywhere. */
    static long midCents(String symbol) {
        String asset = Venue.asset(symbol);
        return switch (asset.substring(0, asset.indexOf('/') < 0 ? asset.length() : asset.indexOf('/'))
                .toUpperCase(Locale.ROOT)) {
            case "BTC" -> 6_500_000;
            case "ETH" -> 320_000;
            case "SOL" -> 15_000;
            default -> 10_000;
        };
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
        } catch (RuntimeException e) { // Netty rethrows the checked BindException undeclared
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof BindException) {
                    throw new Main.UserException("cannot listen on " + host + ":" + port + ": " + cause.getMessage());
                }
            }
            throw e;
        }
    }
}
