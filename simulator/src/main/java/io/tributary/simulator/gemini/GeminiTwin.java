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
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;
import java.util.function.LongSupplier;

/**
 * A Gemini market data server on this machine, v2 ({@link #PATH}) and v1 ({@link #V1_PATH}{@code {symbol}}) over the
 * same generated markets (see the package description): moved by {@link #step()} (or a timer), a heartbeat every
 * 5 s (or on {@link #heartbeat()}), and Gemini's faults on demand. Thread-safe.
 */
public final class GeminiTwin implements AutoCloseable {

    /** The path of market data v2. */
    public static final String PATH = "/v2/marketdata";
    /** The path prefix of market data v1: one socket per symbol, {@code /v1/marketdata/BTCUSD}. */
    public static final String V1_PATH = "/v1/marketdata/";

    private final Map<String, GeminiMarket> markets = new LinkedHashMap<>();
    private final Map<Long, Set<String>> subscribed = new ConcurrentHashMap<>(); // by session id
    private final Map<Long, TwinSession> sessions = new ConcurrentHashMap<>();
    private final Map<Long, V1Session> v1Sessions = new ConcurrentHashMap<>();
    private final Set<String> losingDiff = new HashSet<>();
    private final List<Runnable> heldBooks = new ArrayList<>();
    private final LongSupplier epochMillis;
    private final TwinServer server;
    private final ScheduledExecutorService timer;
    private final AtomicLong subscribeMessages = new AtomicLong();
    private final AtomicLong unsubscribeMessages = new AtomicLong();
    private boolean holdBooks;
    private int repeatTradesOnConnect;

    private GeminiTwin(Builder builder) {
        this.epochMillis = builder.epochMillis;
        long seed = builder.seed;
        for (Map.Entry<String, Long> symbol : builder.symbols.entrySet()) {
            markets.put(symbol.getKey(), new GeminiMarket(symbol.getKey(), symbol.getValue(), seed++));
        }
        server = TwinServer.builder().host(builder.host).port(builder.port).webSocket(PATH, new Route())
                .webSocketPrefix(V1_PATH, new V1Route()).faults(builder.faults).start();
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

    /** @return the base of {@code ws://host:port/v2/marketdata} and {@code /v1/marketdata/...}, for a connector */
    public URI webSocketBase() {
        return server.webSocketUri("/");
    }

    /** One market step for every symbol: a trade and a level change, sent to the symbol's subscribers (v1 and v2). */
    public synchronized void step() {
        long nowMs = epochMillis.getAsLong();
        for (GeminiMarket market : markets.values()) {
            boolean losing = losingDiff.remove(market.symbol);
            GeminiMarket.Step step = losing ? market.stepUp(nowMs) : market.step(nowMs);
            for (String message : market.v2(step, losing)) {
                send(market.symbol, message);
            }
            for (V1Session session : v1Sessions.values()) {
                if (session.market == market) {
                    market.v1(step, session.filter).forEach(update -> session.send(update::message));
                }
            }
        }
    }

    /** A server heartbeat to every v2 session and to every v1 session that asked for them. */
    public synchronized void heartbeat() {
        String message = "{\"type\":\"heartbeat\",\"timestamp\":" + epochMillis.getAsLong() + "}";
        sessions.values().forEach(session -> session.sendText(message));
        for (V1Session session : v1Sessions.values()) {
            if (session.heartbeat) {
                session.send(sequence -> "{\"type\":\"heartbeat\",\"socket_sequence\":" + sequence + "}");
            }
        }
    }

    /** At the next step, {@code symbol}'s v2 subscribers miss one diff (their books cross). */
    public synchronized void loseDiff(String symbol) {
        losingDiff.add(symbol);
    }

    /**
     * v1's own fault: every v1 socket of {@code symbol} skips one {@code socket_sequence} number (as if a message
     * were lost on the way), so its next message shows a gap.
     */
    public synchronized void skipSocketSequence(String symbol) {
        for (V1Session session : v1Sessions.values()) {
            if (session.market.symbol.equals(symbol)) {
                session.nextSequence++;
            }
        }
    }

    /**
     * A misbehaving server for trade deduplication: each new v1 socket is sent the symbol's last {@code count} trades
     * again right after its book (numbered in sequence). Real v1 sockets start with the book only.
     */
    public synchronized void repeatTradesOnConnect(int count) {
        repeatTradesOnConnect = count;
    }

    /** @return the v1 sockets open now, for tests */
    public synchronized int v1Sockets(String symbol) {
        return (int) v1Sessions.values().stream().filter(s -> s.market.symbol.equals(symbol)).count();
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
                        session.sendText(market.v2FullBook());
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

    /**
     * A v1 socket opened: the symbol is the path's last part (any case), the query's flags choose the later events;
     * the first message ({@code socket_sequence} 0) is the whole book, both sides, whatever the flags. An unknown
     * symbol or {@code top_of_book=true} (not generated here) is refused with a close.
     */
    private synchronized void openV1(TwinSession session) {
        String symbol = session.path().substring(V1_PATH.length()).toUpperCase(Locale.ROOT);
        GeminiMarket market = markets.get(symbol);
        if (market == null) {
            session.close(1008, "unknown symbol " + symbol);
            return;
        }
        if (flag(session, "top_of_book", false)) {
            session.close(1008, "the twin serves full depth only (top_of_book=false)");
            return;
        }
        // a type is left out of later events only when flagged false; the first message always has the whole book
        GeminiMarket.V1Filter filter = new GeminiMarket.V1Filter(flag(session, "bids", true),
                flag(session, "offers", true), flag(session, "trades", true));
        V1Session v1 = new V1Session(session, market, filter, flag(session, "heartbeat", false));
        v1Sessions.put(session.id(), v1);
        long nowMs = epochMillis.getAsLong();
        GeminiMarket.V1Update book = new GeminiMarket.V1Update(market.eventId(), nowMs,
                market.v1InitialEvents());
        v1.send(book::message);
        if (filter.trades()) {
            market.v1RecentTrades(repeatTradesOnConnect).forEach(update -> v1.send(update::message));
        }
    }

    private static boolean flag(TwinSession session, String name, boolean absent) {
        List<String> values = session.query().get(name);
        return values == null || values.isEmpty() ? absent : "true".equalsIgnoreCase(values.getFirst());
    }

    /** One v1 socket: its symbol's market, its filters and the {@code socket_sequence} it sends next. */
    private static final class V1Session {
        final TwinSession session;
        final GeminiMarket market;
        final GeminiMarket.V1Filter filter;
        final boolean heartbeat;
        long nextSequence; // guarded by the twin

        V1Session(TwinSession session, GeminiMarket market, GeminiMarket.V1Filter filter, boolean heartbeat) {
            this.session = session;
            this.market = market;
            this.filter = filter;
            this.heartbeat = heartbeat;
        }

        void send(LongFunction<String> message) {
            session.sendText(message.apply(nextSequence++));
        }
    }

    private final class V1Route implements WebSocketRoute {
        @Override
        public void onOpen(TwinSession session) {
            openV1(session);
        }

        @Override
        public void onClose(TwinSession session, int code, String reason) {
            synchronized (GeminiTwin.this) {
                v1Sessions.remove(session.id());
            }
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
