package io.tributary.simulator.binance;

import io.tributary.simulator.TwinServer;
import io.tributary.simulator.TwinSession;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A twin of Binance market data (see exchange-protocols.md §3): {@code /ws}, {@code /ws/<stream>},
 * {@code /stream?streams=a/b}, live SUBSCRIBE/UNSUBSCRIBE/LIST_SUBSCRIPTIONS/SET_PROPERTY/GET_PROPERTY, a generated
 * market ({@link MarketGenerator}; spot, or futures with {@code pu}), REST {@code /api/v3/depth} (also
 * {@code /fapi/v1/depth} and {@code /dapi/v1/depth}) under a request-weight limit, {@code /api/v3/exchangeInfo},
 * ping frames with a pong deadline, the 5 messages per second inbound limit (over it: disconnected), the 24 h cut
 * (by the injectable clock), and {@code serverShutdown} on demand. WebSocket faults come from {@link #server()},
 * REST faults (429/418, stale snapshots) from {@link #restFaults()}.
 */
public final class BinanceTwin implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(BinanceTwin.class);
    /** How often connections are checked against the 24 h cut (by the injectable clock, so tests can jump). */
    private static final long AGE_CHECK_MS = 100;

    private final MarketGenerator market;
    private final StreamsRoute streams;
    private final TwinServer server;
    private final ScheduledExecutorService timer;
    private final LongSupplier epochMillis;
    private final long pongTimeoutNs;
    private final long maxConnectionAgeMs;
    private final DepthRoute depth;
    private final RestFaults restFaults = new RestFaults();
    private long stepsDone; // timer thread only
    private boolean warnedBehind; // timer thread only
    private volatile long stepsSkipped;

    private BinanceTwin(Builder builder) {
        market = builder.market != null ? builder.market : MarketGenerator.builder().build();
        epochMillis = builder.epochMillis;
        pongTimeoutNs = builder.pongTimeout.toNanos();
        maxConnectionAgeMs = builder.maxConnectionAge.toMillis();
        streams = new StreamsRoute(builder.maxStreamsPerConnection, builder.inboundMessagesPerSecond, epochMillis);
        depth = new DepthRoute(market, new RequestWeight(builder.weightPerMinute), restFaults);
        server = TwinServer.builder()
                .host(builder.host)
                .port(builder.port)
                .webSocket("/ws", streams)
                .webSocketPrefix("/ws/", streams)
                .webSocket("/stream", streams)
                .http("/api/v3/depth", depth)
                .http("/fapi/v1/depth", depth)
                .http("/dapi/v1/depth", depth)
                .http("/api/v3/exchangeInfo", new ExchangeInfoRoute(market, builder.weightPerMinute, epochMillis))
                .faults(builder.faults)
                .start();
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("binance-twin").daemon().factory());
        if (builder.stepsPerSecond > 0) {
            scheduleSteps(builder.stepsPerSecond);
        }
        long pingIntervalNs = builder.pingInterval.toNanos();
        timer.scheduleAtFixedRate(this::guardedPing, pingIntervalNs, pingIntervalNs, TimeUnit.NANOSECONDS);
        long checkNs = Math.max(TimeUnit.MILLISECONDS.toNanos(5), pongTimeoutNs / 20);
        timer.scheduleAtFixedRate(this::guardedPongCheck, checkNs, checkNs, TimeUnit.NANOSECONDS);
        timer.scheduleAtFixedRate(this::guardedAgeCheck, AGE_CHECK_MS, AGE_CHECK_MS, TimeUnit.MILLISECONDS);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The underlying server: sessions, and faults server-wide or per session. */
    public TwinServer server() {
        return server;
    }

    public MarketGenerator market() {
        return market;
    }

    /** e.g. {@code webSocketUri("/stream?streams=btcusdt@depth/btcusdt@trade")}. */
    public URI webSocketUri(String pathAndQuery) {
        return server.webSocketUri(pathAndQuery);
    }

    /** e.g. {@code restUri("/api/v3/depth?symbol=BTCUSDT&limit=100")}. */
    public URI restUri(String pathAndQuery) {
        return server.httpUri(pathAndQuery);
    }

    /** Timed steps skipped because the machine could not generate the configured rate. */
    public long stepsSkipped() {
        return stepsSkipped;
    }

    /** Runs one market step now and sends its events (for tests that drive the market by hand). */
    public void step() {
        synchronized (market) {
            streams.publish(market.step(), market); // under the market's lock: events leave in the order they were made
        }
    }

    /**
     * A {@link DepthFlood} of {@code symbol} for the one connection subscribed to its diff depth; it starts when
     * {@link DepthFlood#start} is called (so a consumer can be told about it first). For benchmarks: run the twin with
     * {@code stepsPerSecond(0)} so the market does not step meanwhile.
     *
     * @throws IllegalStateException unless exactly one connection is subscribed to the symbol's diff depth
     */
    public DepthFlood flood(String symbol, long updates, int levels) {
        String depth = symbol.toLowerCase(Locale.ROOT) + "@depth";
        List<BinanceConnection> subscribed = streams.connections().stream()
                .filter(connection -> connection.subscribedName(depth) != null).toList();
        if (subscribed.size() != 1) {
            throw new IllegalStateException(subscribed.size() + " connections subscribed to " + depth + ", need exactly 1");
        }
        BinanceConnection connection = subscribed.getFirst();
        return market.depthFlood(symbol, connection.combined() ? connection.subscribedName(depth) : null, updates,
                levels, connection.session());
    }

    /** The faults of the REST depth endpoint: 429/418 with Retry-After, stale snapshots. */
    public RestFaults restFaults() {
        return restFaults;
    }

    /** Fault: the clients' pongs are lost on the way, so each connection is closed at its pong deadline. */
    public void losePongs(boolean lose) {
        streams.losePongs(lose);
    }

    /** @return every REST depth request so far, in order of arrival */
    public List<DepthRequest> depthRequests() {
        return List.copyOf(depth.served());
    }

    /** @return the number of client connections open now */
    public int connectionCount() {
        return streams.connections().size();
    }

    /** Tells every connection {@code {"e":"serverShutdown","E":..}} (combined: stream {@code !serverShutdown}). */
    public void serverShutdown() {
        streams.broadcast("!serverShutdown", "{\"e\":\"serverShutdown\",\"E\":" + epochMillis.getAsLong() + "}");
    }

    @Override
    public void close() {
        timer.shutdownNow();
        server.close();
    }

    private void scheduleSteps(double stepsPerSecond) {
        long periodNs = Math.max(TimeUnit.MILLISECONDS.toNanos(1), Math.round(1e9 / stepsPerSecond));
        long startNs = System.nanoTime();
        long maxBacklog = Math.max(1, (long) stepsPerSecond); // one second of steps
        timer.scheduleAtFixedRate(() -> {
            try {
                // timers are coarse: run every step that is due by now, so fast rates stay exact on average
                long due = (long) ((System.nanoTime() - startNs) * stepsPerSecond / 1e9);
                if (due - stepsDone > maxBacklog) {
                    // more than a second behind: this machine cannot generate that rate; skip rather than never catch up
                    stepsSkipped += due - maxBacklog - stepsDone;
                    stepsDone = due - maxBacklog;
                    if (!warnedBehind) {
                        warnedBehind = true;
                        log.warn("the market cannot keep up with {} steps/s; skipping steps (see stepsSkipped())",
                                stepsPerSecond);
                    }
                }
                for (; stepsDone < due && !Thread.currentThread().isInterrupted(); stepsDone++) {
                    step();
                }
            } catch (RuntimeException e) {
                log.warn("market step failed", e);
            }
        }, periodNs, periodNs, TimeUnit.NANOSECONDS);
    }

    private void guardedPing() {
        try {
            long nowNs = System.nanoTime();
            String payload = Long.toString(epochMillis.getAsLong());
            for (BinanceConnection connection : streams.connections()) {
                connection.pingSent(payload, nowNs);
                connection.session().sendPing(payload.getBytes(StandardCharsets.UTF_8));
            }
        } catch (RuntimeException e) {
            log.warn("ping failed", e);
        }
    }

    private void guardedPongCheck() {
        try {
            long nowNs = System.nanoTime();
            for (BinanceConnection connection : List.copyOf(streams.connections())) {
                TwinSession session = connection.session();
                if (session.isOpen() && connection.pongOverdue(nowNs, pongTimeoutNs)) {
                    session.close(1008, "Pong timeout");
                }
            }
        } catch (RuntimeException e) {
            log.warn("pong check failed", e);
        }
    }

    private void guardedAgeCheck() {
        try {
            long nowMs = epochMillis.getAsLong();
            for (BinanceConnection connection : List.copyOf(streams.connections())) {
                if (connection.session().isOpen() && connection.ageMs(nowMs) >= maxConnectionAgeMs) {
                    connection.session().close(1000, "Connection is valid for 24 hours");
                }
            }
        } catch (RuntimeException e) {
            log.warn("age check failed", e);
        }
    }

    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private MarketGenerator market;
        private double stepsPerSecond = 10;
        private Duration pingInterval = Duration.ofSeconds(20);
        private Duration pongTimeout = Duration.ofMinutes(1);
        private int maxStreamsPerConnection = 1024;
        private LongSupplier epochMillis = System::currentTimeMillis;
        private Duration maxConnectionAge = Duration.ofHours(24);
        private int inboundMessagesPerSecond = 5;
        private int weightPerMinute = 6000;
        private String faults = "";

        private Builder() {}

        /** Binance: a connection is cut after 24 h, measured by {@link #clock}. */
        public Builder maxConnectionAge(Duration age) {
            maxConnectionAge = age;
            return this;
        }

        /** Binance: 5 messages per second from the client (control messages, pings, pongs); over it, disconnected. */
        public Builder inboundMessagesPerSecond(int messages) {
            inboundMessagesPerSecond = messages;
            return this;
        }

        /** Binance spot: 6000 request weight per minute; over it, 429 with Retry-After. */
        public Builder weightPerMinute(int weight) {
            weightPerMinute = weight;
            return this;
        }

        /** Server-wide WebSocket faults from the start, in {@link io.tributary.simulator.Faults#parse} syntax. */
        public Builder faults(String spec) {
            faults = spec;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder market(MarketGenerator market) {
            this.market = market;
            return this;
        }

        /** Market steps per second; 0 = only when {@link BinanceTwin#step()} is called. */
        public Builder stepsPerSecond(double steps) {
            stepsPerSecond = steps;
            return this;
        }

        /** Binance: 20 s. */
        public Builder pingInterval(Duration interval) {
            pingInterval = interval;
            return this;
        }

        /** Binance: 1 min without a pong echoing one of our pings closes the connection. */
        public Builder pongTimeout(Duration timeout) {
            pongTimeout = timeout;
            return this;
        }

        /** Binance: 1024. */
        public Builder maxStreamsPerConnection(int streams) {
            maxStreamsPerConnection = streams;
            return this;
        }

        /** The clock for {@code serverShutdown}'s {@code E}, ping payloads, snapshot times and the 24 h cut. */
        public Builder clock(LongSupplier epochMillis) {
            this.epochMillis = epochMillis;
            return this;
        }

        public BinanceTwin start() {
            return new BinanceTwin(this);
        }
    }
}
