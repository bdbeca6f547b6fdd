package io.tributary.simulator.gemini;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONException;
import com.alibaba.fastjson2.JSONObject;
import io.tributary.simulator.TwinServer;
import io.tributary.simulator.TwinSession;
import io.tributary.simulator.WebSocketRoute;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A Gemini market data v2 server on this machine (see the package description): generated markets for the given
 * symbols, moved by {@link #step()} (or a timer), a heartbeat every 5 s (or on {@link #heartbeat()}), and Gemini's
 * faults on demand. Thread-safe.
 */
public final class GeminiTwin implements AutoCloseable {

    /** The path of market data v2. */
    public static final String PATH = "/v2/marketdata";

    private final Map<String, GeminiMarket> markets = new LinkedHashMap<>();
    private final Map<Long, Set<String>> subscribed = new ConcurrentHashMap<>(); // by session id
    private final Map<Long, TwinSession> sessions = new ConcurrentHashMap<>();
    private final Set<String> losingDiff = new HashSet<>();
    private final List<Runnable> heldBooks = new ArrayList<>();
    private final LongSupplier epochMillis;
    private final TwinServer server;
    private final ScheduledExecutorService timer;
    private final AtomicLong subscribeMessages = new AtomicLong();
    private final AtomicLong unsubscribeMessages = new AtomicLong();
    private boolean holdBooks;

    private GeminiTwin(Builder builder) {
        this.epochMillis = builder.epochMillis;
        long seed = builder.seed;
        for (Map.Entry<String, Long> symbol : builder.symbols.entrySet()) {
            markets.put(symbol.getKey(), new GeminiMarket(symbol.getKey(), symbol.getValue(), seed++));
        }
        server = TwinServer.builder().host(builder.host).port(builder.port).webSocket(PATH, new Route())
                .faults(builder.faults).start();
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("gemini-twin").daemon().factory());
        if (builder.stepsPerSecond > 0) {
            long periodNs = (long) (1e9 / builder.stepsPerSecond);
            timer.scheduleAtFixedRate(this::step, periodNs, periodNs, TimeUnit.NANOSECONDS);
        }
        long heartbeatNs = builder.heartbeatInterval.toNanos();
        if (heartbeatNs > 0) {
            timer.scheduleAtFixedRate(this::heartbeat, heartbeatNs, heartbeatNs, TimeUnit.NANOSECONDS);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Starts a twin for the CLI ({@code tributary twin gemini}): symbols at their mid prices in cents. */
    public static GeminiTwin start(String host, int port, Map<String, Long> midCentsBySymbol, double stepsPerSecond) {
        Builder builder = builder().host(host).port(port).stepsPerSecond(stepsPerSecond);
        midCentsBySymbol.forEach(builder::symbol);
        return builder.start();
    }

    public TwinServer server() {
        return server;
    }

    /** @return {@code ws://host:port/v2/marketdata}'s base, for a connector's {@code webSocketBase} */
    public URI webSocketBase() {
        return server.webSocketUri("/");
    }

    /** One market step for every symbol: a trade and a level change, sent to the symbol's subscribers. */
    public synchronized void step() {
        long nowMs = epochMillis.getAsLong();
        for (GeminiMarket market : markets.values()) {
            if (losingDiff.remove(market.symbol)) {
                send(market.symbol, market.stepLosingDiff());
                continue;
            }
            for (String message : market.step(nowMs)) {
                send(market.symbol, message);
            }
        }
    }

    /** A server heartbeat to every session. */
    public void heartbeat() {
        String message = "{\"type\":\"heartbeat\",\"timestamp\":" + epochMillis.getAsLong() + "}";
        sessions.values().forEach(session -> session.sendText(message));
    }

    /** At the next step, {@code symbol}'s subscribers miss one diff (their books cross). */
    public synchronized void loseDiff(String symbol) {
        losingDiff.add(symbol);
    }

    /** While held, a subscription gets no full book (its updates still flow); releasing sends the books held back. */
    public synchronized void holdBooks(boolean hold) {
        holdBooks = hold;
        if (!hold) {
            heldBooks.forEach(Runnable::run);
            heldBooks.clear();
        }
    }

    /** @return best bid and ask of the twin's own book, e.g. {@code ["100.01", "100.02"]} */
    public synchronized List<String> bestBidAsk(String symbol) {
        GeminiMarket market = markets.get(symbol);
        return List.of(market.bestBid(), market.bestAsk());
    }

    /** @return the number of price levels of the twin's own book, both sides */
    public synchronized int depth(String symbol) {
        return markets.get(symbol).depth();
    }

    public long subscribeMessages() {
        return subscribeMessages.get();
    }

    public long unsubscribeMessages() {
        return unsubscribeMessages.get();
    }

    /** @return the symbols {@code session} is subscribed to now */
    public Set<String> subscriptions(TwinSession session) {
        return Set.copyOf(subscribed.getOrDefault(session.id(), Set.of()));
    }

    @Override
    public void close() {
        timer.shutdownNow();
        server.close();
    }

    private void send(String symbol, String message) {
        subscribed.forEach((id, symbols) -> {
            if (symbols.contains(symbol)) {
                TwinSession session = sessions.get(id);
                if (session != null) {
                    session.sendText(message);
                }
            }
        });
    }

    private synchronized void onControl(TwinSession session, String text) {
        JSONObject request;
        try {
            request = JSON.parseObject(text);
        } catch (JSONException e) {
            session.sendText("{\"result\":\"error\",\"reason\":\"InvalidJson\"}");
            return;
        }
        String type = request == null ? null : request.getString("type");
        boolean subscribe = "subscribe".equals(type);
        if (!subscribe && !"unsubscribe".equals(type)) {
            session.sendText("{\"result\":\"error\",\"reason\":\"InvalidRequestType\"}");
            return;
        }
        (subscribe ? subscribeMessages : unsubscribeMessages).incrementAndGet();
        List<String> symbols = symbols(request);
        if (symbols.isEmpty() || session.subscriptionsRefused()) {
            session.sendText("{\"result\":\"error\",\"reason\":\"NoValidTradingPairs\"}");
            return;
        }
        Set<String> mine = subscribed.computeIfAbsent(session.id(), id -> ConcurrentHashMap.newKeySet());
        for (String symbol : symbols) {
            if (!subscribe) {
                mine.remove(symbol);
            } else if (mine.add(symbol)) {
                GeminiMarket market = markets.get(symbol);
                Runnable sendBook = () -> {
                    if (mine.contains(symbol)) {
                        session.sendText(market.fullBook());
                    }
                };
                if (holdBooks) {
                    heldBooks.add(sendBook);
                } else {
                    sendBook.run();
                }
            }
        }
    }

    /** The known symbols of the request's {@code l2} subscriptions; unknown ones are ignored, as Gemini does. */
    private List<String> symbols(JSONObject request) {
        List<String> out = new ArrayList<>();
        JSONArray subscriptions = request.getJSONArray("subscriptions");
        for (int i = 0; subscriptions != null && i < subscriptions.size(); i++) {
            JSONObject subscription = subscriptions.getJSONObject(i);
            JSONArray symbols = subscription == null || !"l2".equals(subscription.getString("name"))
                    ? null : subscription.getJSONArray("symbols");
            for (int k = 0; symbols != null && k < symbols.size(); k++) {
                String symbol = symbols.getString(k);
                if (markets.containsKey(symbol)) {
                    out.add(symbol);
                }
            }
        }
        return out;
    }

    private final class Route implements WebSocketRoute {
        @Override
        public void onOpen(TwinSession session) {
            sessions.put(session.id(), session);
        }

        @Override
        public void onText(TwinSession session, String text) {
            onControl(session, text);
        }

        @Override
        public void onClose(TwinSession session, int code, String reason) {
            sessions.remove(session.id());
            subscribed.remove(session.id());
        }
    }

    /** Builds a {@link GeminiTwin}. */
    public static final class Builder {
        private final Map<String, Long> symbols = new LinkedHashMap<>();
        private String host = "127.0.0.1";
        private int port;
        private long seed = 1;
        private double stepsPerSecond;
        private Duration heartbeatInterval = Duration.ofSeconds(5);
        private String faults = "";
        private LongSupplier epochMillis = System::currentTimeMillis;

        private Builder() {
        }

        /** A symbol (upper case, e.g. {@code BTCUSD}) whose book starts around {@code midCents} (price in cents). */
        public Builder symbol(String symbol, long midCents) {
            symbols.put(Objects.requireNonNull(symbol), midCents);
            return this;
        }

        public Builder host(String bindHost) {
            this.host = bindHost;
            return this;
        }

        /** 0 (default) picks a free port. */
        public Builder port(int bindPort) {
            this.port = bindPort;
            return this;
        }

        public Builder seed(long randomSeed) {
            this.seed = randomSeed;
            return this;
        }

        /** Market steps per second on a timer; 0 (default): only on {@link GeminiTwin#step()}. */
        public Builder stepsPerSecond(double steps) {
            this.stepsPerSecond = steps;
            return this;
        }

        /** Default 5 s, as recorded; zero: only on {@link GeminiTwin#heartbeat()}. */
        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = Objects.requireNonNull(interval);
            return this;
        }

        /** Server-wide faults in the framework's spec syntax. */
        public Builder faults(String spec) {
            this.faults = Objects.requireNonNull(spec);
            return this;
        }

        /** The clock for trade and heartbeat timestamps. */
        public Builder clock(LongSupplier millis) {
            this.epochMillis = Objects.requireNonNull(millis);
            return this;
        }

        public GeminiTwin start() {
            if (symbols.isEmpty()) {
                symbol("BTCUSD", 4_500_000).symbol("ETHUSD", 300_000);
            }
            return new GeminiTwin(this);
        }
    }
}
