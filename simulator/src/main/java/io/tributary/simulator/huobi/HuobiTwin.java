package io.tributary.simulator.huobi;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import io.tributary.simulator.TwinServer;
import io.tributary.simulator.TwinSession;
import io.tributary.simulator.WebSocketRoute;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.zip.GZIPOutputStream;

/**
 * A twin of HTX (Huobi) spot market data (exchange-protocols.md §4) on {@code /ws} and {@code /feed}: every frame
 * gzip-compressed binary; {@code {"ping":ts}} every ping interval and a close when a third ping would go out with
 * two unanswered; client pings answered; {@code sub}/{@code unsub}/{@code req} replies and the documented errors
 * ({@code invalid topic}, {@code unsub with not subbed topic}, {@code not json string}); per symbol an MBP 150
 * increment chain with non-contiguous {@code seqNum}s, {@code depth.step0} books, {@code bbo} and trades.
 * {@link #step()} advances the market one change per symbol (tests drive it; the CLI runs it on a timer).
 * HTX's own faults: {@link #missNextIncrement}, {@link #holdSnapshots}, the last trade repeated to a new
 * subscriber, {@link #sendCorruptFrame} and {@link #sendInflatingFrame}.
 */
public final class HuobiTwin implements AutoCloseable {

    private final TwinServer server;
    private final ScheduledExecutorService timer;
    private final LongSupplier epochMillis;
    private final Map<String, HuobiMarket> markets = new LinkedHashMap<>(); // guarded by `this`
    private final Map<TwinSession, Session> sessions = new ConcurrentHashMap<>();
    private final Set<String> missNext = ConcurrentHashMap.newKeySet();
    private final List<Runnable> heldSnapshots = new ArrayList<>(); // guarded by `this`
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong pongs = new AtomicLong();
    private final AtomicLong heartbeatCloses = new AtomicLong();
    private boolean holding; // guarded by `this`

    private HuobiTwin(Builder builder) {
        this.epochMillis = builder.epochMillis;
        long seed = builder.seed;
        for (String symbol : builder.symbols) {
            markets.put(symbol, new HuobiMarket(symbol, seed++,
                    builder.mids.getOrDefault(symbol, HuobiMarket.DEFAULT_MID)));
        }
        Route route = new Route();
        this.server = TwinServer.builder().host(builder.host).port(builder.port)
                .webSocket("/ws", route).webSocket("/feed", route).faults(builder.faults).start();
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "huobi-twin-timer");
            thread.setDaemon(true);
            return thread;
        });
        long pingMs = builder.pingInterval.toMillis();
        timer.scheduleAtFixedRate(this::pingAll, pingMs, pingMs, TimeUnit.MILLISECONDS);
        if (builder.stepsPerSecond > 0) {
            long periodNs = (long) (1e9 / builder.stepsPerSecond);
            timer.scheduleAtFixedRate(this::step, periodNs, periodNs, TimeUnit.NANOSECONDS);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    public TwinServer server() {
        return server;
    }

    /** @return the base URI the connector's {@code /ws} and {@code /feed} resolve against */
    public URI webSocketBase() {
        return server.webSocketUri("/");
    }

    /** Advances every symbol by one book change, one trade and one bbo, sent to the subscribers. */
    public synchronized void step() {
        long nowMs = epochMillis.getAsLong();
        for (HuobiMarket market : markets.values()) {
            Object[] change = market.change();
            if (!missNext.remove(market.symbol)) {
                String side = (String) change[0];
                String level = "[[" + change[1] + "," + change[2] + "]]";
                publish("market." + market.symbol + ".mbp.150", "{\"ch\":\"market." + market.symbol
                        + ".mbp.150\",\"ts\":" + nowMs + ",\"tick\":{\"seqNum\":" + market.seqNum
                        + ",\"prevSeqNum\":" + change[3] + ",\"bids\":" + ("bids".equals(side) ? level : "[]")
                        + ",\"asks\":" + ("asks".equals(side) ? level : "[]") + "}}");
            }
            publish("market." + market.symbol + ".depth.step0", "{\"ch\":\"market." + market.symbol
                    + ".depth.step0\",\"ts\":" + nowMs + ",\"tick\":{" + levels(market) + ",\"version\":"
                    + market.version + ",\"ts\":" + nowMs + "}}");
            Object[] trade = market.trade();
            market.lastTrade = "{\"id\":" + trade[0] + "00000000000000000" + ",\"tradeId\":" + trade[0]
                    + ",\"amount\":" + trade[2] + ",\"price\":" + trade[1] + ",\"ts\":" + nowMs
                    + ",\"direction\":\"" + trade[3] + "\"}";
            publish("market." + market.symbol + ".trade.detail", tradeMessage(market, nowMs));
            var bid = market.bids.firstEntry();
            var ask = market.asks.firstEntry();
            publish("market." + market.symbol + ".bbo", "{\"ch\":\"market." + market.symbol + ".bbo\",\"ts\":"
                    + nowMs + ",\"tick\":{\"symbol\":\"" + market.symbol + "\",\"quoteTime\":" + nowMs
                    + ",\"bid\":" + bid.getKey() + ",\"bidSize\":" + bid.getValue() + ",\"ask\":" + ask.getKey()
                    + ",\"askSize\":" + ask.getValue() + ",\"seqId\":" + market.seqNum + "}}");
        }
    }

    /**
     * A benchmark flood of {@code updates} MBP increments of {@code levels} changes for the one session subscribed
     * to {@code symbol}'s MBP topic, compressed now; {@link HuobiFlood#start} sends it.
     *
     * @throws IllegalStateException unless exactly one session is subscribed
     */
    public synchronized HuobiFlood flood(String symbol, int updates, int levels) {
        String topic = "market." + symbol + ".mbp.150";
        List<TwinSession> subscribed = sessions.entrySet().stream()
                .filter(entry -> entry.getValue().topics.contains(topic)).map(Map.Entry::getKey).toList();
        if (subscribed.size() != 1) {
            throw new IllegalStateException(subscribed.size() + " sessions subscribed to " + topic + ", need 1");
        }
        return new HuobiFlood(markets.get(symbol), topic, updates, levels, epochMillis.getAsLong(),
                subscribed.getFirst());
    }

    /** The symbol's next MBP increment is applied to the twin's book but not sent: the chain breaks. */
    public void missNextIncrement(String symbol) {
        missNext.add(symbol);
    }

    /** While on, {@code req} answers are taken at once but sent only when holding stops (a late snapshot). */
    public void holdSnapshots(boolean hold) {
        List<Runnable> release;
        synchronized (this) {
            holding = hold;
            release = hold ? List.of() : List.copyOf(heldSnapshots);
            if (!hold) {
                heldSnapshots.clear();
            }
        }
        release.forEach(Runnable::run);
    }

    /** Sends every open session a binary frame that is not gzip. */
    public void sendCorruptFrame() {
        sessions.keySet().forEach(s -> s.sendBinary("not gzip at all".getBytes(StandardCharsets.US_ASCII)));
    }

    /** Sends every open session a small gzip frame that inflates to {@code inflatedBytes} (a gzip bomb). */
    public void sendInflatingFrame(int inflatedBytes) {
        byte[] spaces = new byte[inflatedBytes];
        java.util.Arrays.fill(spaces, (byte) ' ');
        sessions.keySet().forEach(s -> s.sendBinary(gzip(spaces)));
    }

    /** @return the twin's book of {@code symbol} as {@code [bids, asks]}, best first (for comparisons) */
    public synchronized List<Map<BigDecimal, BigDecimal>> book(String symbol) {
        HuobiMarket market = markets.get(symbol);
        return List.of(new LinkedHashMap<>(market.bids), new LinkedHashMap<>(market.asks));
    }

    /** @return the symbol's current {@code seqNum} */
    public synchronized long seqNum(String symbol) {
        return markets.get(symbol).seqNum;
    }

    /** @return {@code req} messages received */
    public long requests() {
        return requests.get();
    }

    /** @return client pongs received (answers to the twin's pings) */
    public long pongs() {
        return pongs.get();
    }

    /** @return sessions closed for two unanswered pings */
    public long heartbeatCloses() {
        return heartbeatCloses.get();
    }

    /** @return the open sessions and the topics each has subscribed */
    public List<Set<String>> subscriptions() {
        return sessions.values().stream().map(s -> Set.copyOf(s.topics)).toList();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        server.close();
    }

    // ---- wire --------------------------------------------------------------------------------------------------

    private void publish(String topic, String json) {
        byte[] frame = null;
        for (Map.Entry<TwinSession, Session> entry : sessions.entrySet()) {
            if (entry.getValue().topics.contains(topic)) {
                if (frame == null) {
                    frame = gzip(json.getBytes(StandardCharsets.UTF_8));
                }
                entry.getKey().sendBinary(frame);
            }
        }
    }

    private static void send(TwinSession session, String json) {
        session.sendBinary(gzip(json.getBytes(StandardCharsets.UTF_8)));
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 4 + 64);
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static String levels(HuobiMarket market) {
        return "\"bids\":" + side(market.bids) + ",\"asks\":" + side(market.asks);
    }

    private static String side(Map<BigDecimal, BigDecimal> levels) {
        StringBuilder out = new StringBuilder("[");
        levels.forEach((price, size) -> out.append(out.length() > 1 ? "," : "").append('[').append(price)
                .append(',').append(size).append(']'));
        return out.append(']').toString();
    }

    private static String tradeMessage(HuobiMarket market, long nowMs) {
        return "{\"ch\":\"market." + market.symbol + ".trade.detail\",\"ts\":" + nowMs + ",\"tick\":{\"id\":"
                + market.tradeId + ",\"ts\":" + nowMs + ",\"data\":[" + market.lastTrade + "]}}";
    }

    private void pingAll() {
        long nowMs = epochMillis.getAsLong();
        sessions.forEach((session, state) -> {
            if (state.unanswered.get() >= 2) {
                heartbeatCloses.incrementAndGet();
                session.close(1000, "two pings unanswered");
                return;
            }
            state.unanswered.incrementAndGet();
            send(session, "{\"ping\":" + nowMs + "}");
        });
    }

    private void onMessage(TwinSession session, Session state, String text) {
        JSONObject message;
        try {
            message = JSON.parseObject(text);
        } catch (RuntimeException e) {
            message = null;
        }
        long nowMs = epochMillis.getAsLong();
        if (message == null) {
            send(session, error(null, "not json string", nowMs));
            return;
        }
        Object id = message.get("id");
        if (message.containsKey("pong")) {
            state.unanswered.set(0);
            pongs.incrementAndGet();
        } else if (message.get("ping") instanceof Number ping) {
            send(session, "{\"pong\":" + ping + "}");
        } else if (message.containsKey("ping")) {
            send(session, error(id, "invalid ping", nowMs));
        } else if (message.getString("sub") != null) {
            subscribe(session, state, message.getString("sub"), id, nowMs);
        } else if (message.getString("unsub") != null) {
            String topic = message.getString("unsub");
            send(session, state.topics.remove(topic)
                    ? "{\"id\":" + quote(id) + ",\"status\":\"ok\",\"unsubbed\":\"" + topic + "\",\"ts\":" + nowMs + "}"
                    : error(id, "unsub with not subbed topic", nowMs));
        } else if (message.getString("req") != null) {
            request(session, message.getString("req"), id, nowMs);
        } else {
            send(session, error(id, "invalid request", nowMs));
        }
    }

    private void subscribe(TwinSession session, Session state, String topic, Object id, long nowMs) {
        HuobiMarket market = market(topic, session.path());
        if (market == null || session.subscriptionsRefused()) {
            send(session, error(id, market == null ? "invalid topic " + topic : "429 too many request", nowMs));
            return;
        }
        synchronized (this) {
            state.topics.add(topic);
            send(session, "{\"id\":" + quote(id) + ",\"status\":\"ok\",\"subbed\":\"" + topic + "\",\"ts\":" + nowMs
                    + "}");
            if (topic.endsWith(".trade.detail") && market.lastTrade != null) {
                send(session, tradeMessage(market, nowMs)); // §4.8: a trade the client may already have seen
            }
        }
    }

    private void request(TwinSession session, String topic, Object id, long nowMs) {
        requests.incrementAndGet();
        HuobiMarket market = market(topic, session.path());
        if (market == null || !topic.contains(".mbp.")) {
            send(session, error(id, "invalid topic " + topic, nowMs));
            return;
        }
        synchronized (this) {
            String reply = "{\"id\":" + quote(id) + ",\"rep\":\"" + topic + "\",\"status\":\"ok\",\"ts\":" + nowMs
                    + ",\"data\":{\"seqNum\":" + market.seqNum + "," + levels(market) + "}}";
            if (holding) {
                heldSnapshots.add(() -> send(session, reply));
            } else {
                send(session, reply);
            }
        }
    }

    /** @return the market a topic names, if it exists and is served on {@code path} (MBP only on /feed) */
    private synchronized HuobiMarket market(String topic, String path) {
        String[] parts = topic.split("\\.", 3);
        if (parts.length < 3 || !"market".equals(parts[0])) {
            return null;
        }
        boolean mbp = parts[2].equals("mbp.150");
        boolean ws = parts[2].equals("depth.step0") || parts[2].equals("trade.detail") || parts[2].equals("bbo");
        if (!(mbp && "/feed".equals(path) || ws && "/ws".equals(path))) {
            return null;
        }
        return markets.get(parts[1]);
    }

    private static String error(Object id, String message, long nowMs) {
        return "{\"ts\":" + nowMs + ",\"status\":\"error\",\"err-code\":\"bad-request\",\"err-msg\":\"" + message
                + "\"" + (id == null ? "" : ",\"id\":" + quote(id)) + "}";
    }

    private static String quote(Object id) {
        return id instanceof Number ? id.toString() : "\"" + id + "\"";
    }

    /** A client's subscriptions and unanswered pings. */
    private static final class Session {
        final Set<String> topics = ConcurrentHashMap.newKeySet();
        final AtomicInteger unanswered = new AtomicInteger();
    }

    private final class Route implements WebSocketRoute {
        @Override
        public void onOpen(TwinSession session) {
            sessions.put(session, new Session());
        }

        @Override
        public void onText(TwinSession session, String text) {
            onMessage(session, sessions.computeIfAbsent(session, s -> new Session()), text);
        }

        @Override
        public void onClose(TwinSession session, int code, String reason) {
            sessions.remove(session);
        }
    }

    /** Builds a {@link HuobiTwin}. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private List<String> symbols = List.of("btcusdt", "ethusdt");
        private long seed = 42;
        private final Map<String, BigDecimal> mids = new HashMap<>();
        private Duration pingInterval = Duration.ofSeconds(5);
        private double stepsPerSecond;
        private String faults = "";
        private LongSupplier epochMillis = System::currentTimeMillis;

        public Builder host(String value) {
            this.host = value;
            return this;
        }

        /** 0 (default): any free port. */
        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** Lower-case symbols, e.g. {@code btcusdt}. */
        public Builder symbols(List<String> value) {
            this.symbols = List.copyOf(value);
            return this;
        }

        /**
         * Where {@code symbol}'s book starts (default 100.00), so one asset can trade near one price everywhere.
         *
         * @throws ArithmeticException if {@code mid} is not a whole number of 0.01 ticks
         */
        public Builder startingMid(String symbol, BigDecimal mid) {
            this.mids.put(symbol, mid.setScale(2, RoundingMode.UNNECESSARY));
            return this;
        }

        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /** How often the twin pings each session (HTX: 5 s); two unanswered and it closes. */
        public Builder pingInterval(Duration value) {
            this.pingInterval = value;
            return this;
        }

        /** Market steps per second on a timer; 0 (default): only {@link HuobiTwin#step()}. */
        public Builder stepsPerSecond(double value) {
            this.stepsPerSecond = value;
            return this;
        }

        /** Framework faults, e.g. {@code drop-after=100}. */
        public Builder faults(String spec) {
            this.faults = spec;
            return this;
        }

        public Builder clock(LongSupplier value) {
            this.epochMillis = value;
            return this;
        }

        public HuobiTwin start() {
            return new HuobiTwin(this);
        }
    }
}
