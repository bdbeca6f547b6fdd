package io.tributary.simulator.bitstamp;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import io.tributary.simulator.HttpReply;
import io.tributary.simulator.TwinServer;
import io.tributary.simulator.TwinSession;
import io.tributary.simulator.WebSocketRoute;
import io.tributary.simulator.bitstamp.BitstampMarket.Change;
import io.tributary.simulator.bitstamp.BitstampMarket.Order;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Bitstamp WebSocket v2 twin (exchange-protocols.md §5) on one {@link TwinServer}: {@code bts:subscribe} /
 * {@code bts:unsubscribe} with their replies, {@code bts:error} for anything else, {@code bts:heartbeat} answers,
 * {@code bts:request_reconnect} on demand; channels {@code live_orders}, {@code diff_order_book},
 * {@code order_book} and {@code detail_order_book} (top 100, every {@code checkEvery} steps), {@code live_trades};
 * REST {@code /api/v2/order_book/{m}/}. Every message of a step carries the same strictly increasing
 * {@code microtimestamp}, all derived from one order-by-order book per market, so {@code live_orders} replayed onto
 * a {@code detail_order_book} reproduces the later ones. Bitstamp's own faults: a missed diff, a lagging REST snapshot.
 * The framework's faults (drops, stalls, malformed frames, ...) are on {@link #server()}.
 */
public final class BitstampTwin implements AutoCloseable {

    private static final int TOP = 100;
    /** Where the microtimestamps of a deterministic twin start (a real Bitstamp recording's). */
    private static final long FIXED_START_MICROS = 1_641_343_691_000_000L;

    private final Map<String, BitstampMarket> markets = new LinkedHashMap<>();
    private final Map<TwinSession, Set<String>> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, Deque<String>> restHistory = new LinkedHashMap<>();
    private final Set<String> skipNextDiff = new HashSet<>();
    private final AtomicLong heartbeats = new AtomicLong();
    private final AtomicLong subscribes = new AtomicLong();
    private final AtomicLong snapshotRequests = new AtomicLong();
    private final AtomicLong tradesSent = new AtomicLong();
    private final int checkEvery;
    private final TwinServer server;
    private final ScheduledExecutorService ticker;
    private long micros;
    private long steps;
    private long nextTradeId = 216_000_000;
    private int snapshotLagSteps;
    private OrderChangedAmount orderChangedAmount = OrderChangedAmount.REMAINING;

    /** What the {@code amount} of an {@code order_changed} event means; the sources disagree (docs/protocols/bitstamp.md). */
    public enum OrderChangedAmount {
        /** The order's amount left after the change (JKorf's Bitstamp.Net, phil8192's order book). */
        REMAINING,
        /** The amount that left the order in this change. */
        TRADED
    }

    private BitstampTwin(List<String> symbols, Map<String, Long> midCents, long startMicros, int checkEvery,
                         String host, int port, double stepsPerSecond) {
        this.checkEvery = checkEvery;
        this.micros = startMicros;
        long seed = 7;
        for (String symbol : symbols) {
            long marketSeed = seed++;
            markets.put(symbol, new BitstampMarket(symbol, marketSeed, midCents.getOrDefault(symbol, 100_000 * seed)));
            restHistory.put(symbol, new ArrayDeque<>());
        }
        TwinServer.Builder builder = TwinServer.builder().host(host).port(port).webSocket("/", new Route());
        for (String symbol : symbols) {
            builder.http("/api/v2/order_book/" + symbol + "/", request -> restSnapshot(symbol));
            builder.http("/api/v2/order_book/" + symbol, request -> restSnapshot(symbol));
        }
        this.server = builder.start();
        synchronized (this) {
            symbols.forEach(this::remember);
        }
        if (stepsPerSecond > 0) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "bitstamp-twin-steps"));
            ticker.scheduleAtFixedRate(this::step, 0, (long) (1_000_000 / stepsPerSecond), TimeUnit.MICROSECONDS);
        } else {
            ticker = null;
        }
    }

    /** Starts a twin for the CLI ({@code tributary twin bitstamp}) or tests; {@code stepsPerSecond <= 0}: manual. */
    public static BitstampTwin start(List<String> symbols, String host, int port, double stepsPerSecond) {
        return new BitstampTwin(symbols, Map.of(), FIXED_START_MICROS, 10, host, port, stepsPerSecond);
    }

    /**
     * As {@link #start(List, String, int, double)}, each market's book starting around the given mid (cents, the
     * twin's 0.01 tick), so one asset can trade near one price everywhere, and its microtimestamps starting now
     * (still one microsecond per event), so what is stored from it can be found by time.
     */
    public static BitstampTwin start(Map<String, Long> midCentsBySymbol, String host, int port,
                                     double stepsPerSecond) {
        return new BitstampTwin(List.copyOf(midCentsBySymbol.keySet()), midCentsBySymbol,
                System.currentTimeMillis() * 1000, 10, host, port, stepsPerSecond);
    }

    /** A manually stepped twin on an ephemeral port, top-100 checks every {@code checkEvery} steps. */
    public static BitstampTwin manual(List<String> symbols, int checkEvery) {
        return new BitstampTwin(symbols, Map.of(), FIXED_START_MICROS, checkEvery, "127.0.0.1", 0, 0);
    }

    public TwinServer server() {
        return server;
    }

    /** @return the WebSocket endpoint, e.g. {@code ws://127.0.0.1:port/} */
    public URI webSocketUri() {
        return server.webSocketUri("/");
    }

    /** @return the REST base, e.g. {@code http://127.0.0.1:port} */
    public URI restBase() {
        return URI.create(server.httpUri("/").toString().replaceAll("/+$", ""));
    }

    /** One order event in every market, with its diff, a trade every 7th step and the top-100 snapshots. */
    public synchronized void step() {
        steps++;
        for (BitstampMarket market : markets.values()) {
            long time = ++micros;
            String timeFields = ",\"datetime\":\"" + time / 1_000_000 + "\",\"microtimestamp\":\"" + time + "\"}";
            Change change = market.step(orderChangedAmount == OrderChangedAmount.TRADED);
            broadcast("live_orders_" + market.symbol, "{\"data\":" + change.orderJson() + timeFields
                    + ",\"channel\":\"live_orders_" + market.symbol + "\",\"event\":\"" + change.orderEvent() + "\"}");
            String level = "[[\"" + BitstampMarket.price(change.price()) + "\",\""
                    + BitstampMarket.amount(market.levelAmount(change.bid(), change.price())) + "\"]]";
            String diff = "{\"data\":{\"timestamp\":\"" + time / 1_000_000 + "\",\"microtimestamp\":\"" + time
                    + "\",\"bids\":" + (change.bid() ? level : "[]") + ",\"asks\":" + (change.bid() ? "[]" : level)
                    + "},\"channel\":\"diff_order_book_" + market.symbol + "\",\"event\":\"data\"}";
            if (!skipNextDiff.remove(market.symbol)) {
                broadcast("diff_order_book_" + market.symbol, diff);
            }
            if (steps % 7 == 0) {
                trade(market, time);
            }
            if (steps % checkEvery == 0) {
                broadcast("order_book_" + market.symbol, "{\"data\":" + book(market, time)
                        + ",\"channel\":\"order_book_" + market.symbol + "\",\"event\":\"data\"}");
                broadcast("detail_order_book_" + market.symbol, "{\"data\":" + detail(market, time)
                        + ",\"channel\":\"detail_order_book_" + market.symbol + "\",\"event\":\"data\"}");
            }
            remember(market.symbol);
        }
    }

    private void trade(BitstampMarket market, long time) {
        int type = (int) (nextTradeId % 2);
        long id = nextTradeId++;
        String price = BitstampMarket.price(market.midTicks());
        broadcast("live_trades_" + market.symbol, "{\"data\":{\"id\":" + id + ",\"timestamp\":\"" + time / 1_000_000
                + "\",\"amount\":0.0792,\"amount_str\":\"0.07920000\",\"price\":" + price + ",\"price_str\":\""
                + price + "\",\"type\":" + type + ",\"microtimestamp\":\"" + time + "\",\"buy_order_id\":1,"
                + "\"sell_order_id\":2},\"channel\":\"live_trades_" + market.symbol + "\",\"event\":\"trade\"}");
        tradesSent.incrementAndGet();
    }

    private static String book(BitstampMarket market, long time) {
        StringBuilder json = new StringBuilder("{\"timestamp\":\"").append(time / 1_000_000)
                .append("\",\"microtimestamp\":\"").append(time).append('"');
        for (boolean bid : new boolean[] {true, false}) {
            json.append(bid ? ",\"bids\":[" : ",\"asks\":[");
            List<long[]> levels = market.levels(bid, Integer.MAX_VALUE);
            for (int i = 0; i < levels.size() && i < TOP; i++) {
                json.append(i == 0 ? "" : ",").append("[\"").append(BitstampMarket.price(levels.get(i)[0]))
                        .append("\",\"").append(BitstampMarket.amount(levels.get(i)[1])).append("\"]");
            }
            json.append(']');
        }
        return json.append('}').toString();
    }

    private static String detail(BitstampMarket market, long time) {
        StringBuilder json = new StringBuilder("{\"timestamp\":\"").append(time / 1_000_000)
                .append("\",\"microtimestamp\":\"").append(time).append('"');
        for (boolean bid : new boolean[] {true, false}) {
            json.append(bid ? ",\"bids\":[" : ",\"asks\":[");
            List<Order> orders = market.orders(bid, TOP);
            for (int i = 0; i < orders.size(); i++) {
                Order o = orders.get(i);
                json.append(i == 0 ? "" : ",").append("[\"").append(BitstampMarket.price(o.price())).append("\",\"")
                        .append(BitstampMarket.amount(o.amount())).append("\",\"").append(o.id()).append("\"]");
            }
            json.append(']');
        }
        return json.append('}').toString();
    }

    /** Keeps the REST answers of the last steps, so a lagging snapshot can be served. */
    private void remember(String symbol) {
        Deque<String> history = restHistory.get(symbol);
        history.addFirst(book(markets.get(symbol), micros));
        while (history.size() > 64) {
            history.removeLast();
        }
    }

    private synchronized HttpReply restSnapshot(String symbol) {
        snapshotRequests.incrementAndGet();
        List<String> history = new ArrayList<>(restHistory.get(symbol));
        // REST order_book: the full book (the real one is deep); it may lag the stream by a few steps
        return HttpReply.json(200, history.get(Math.min(snapshotLagSteps, history.size() - 1)));
    }

    private void broadcast(String channel, String message) {
        subscriptions.forEach((session, channels) -> {
            if (channels.contains(channel)) {
                session.sendText(message);
            }
        });
    }

    // ---- faults and observations -----------------------------------------------------------------------------

    /** The next diff of {@code symbol} is not sent (the book still changes): invisible without the top-100 check. */
    public synchronized void skipNextDiff(String symbol) {
        skipNextDiff.add(symbol);
    }

    /** REST snapshots answer the book as it was {@code lagSteps} steps ago (Bitstamp's REST book lags the stream). */
    public synchronized void snapshotLagSteps(int lagSteps) {
        this.snapshotLagSteps = lagSteps;
    }

    /** Chooses what {@code order_changed} events carry from the next step on; default {@code REMAINING}. */
    public synchronized void orderChangedAmount(OrderChangedAmount reading) {
        this.orderChangedAmount = reading;
    }

    /** Sends {@code bts:request_reconnect} on every open session. */
    public void requestReconnect() {
        subscriptions.keySet().forEach(session ->
                session.sendText("{\"event\":\"bts:request_reconnect\",\"channel\":\"\",\"data\":\"\"}"));
    }

    /** @return open sessions with at least one subscription */
    public int subscribedSessions() {
        return (int) subscriptions.values().stream().filter(channels -> !channels.isEmpty()).count();
    }

    /** @return steps made so far (a top-100 snapshot goes out when it is a multiple of {@code checkEvery}) */
    public synchronized long steps() {
        return steps;
    }

    /** @return orders resting in the market's book now */
    public synchronized int orderCount(String symbol) {
        BitstampMarket market = markets.get(symbol);
        return market.orders(true, Integer.MAX_VALUE).size() + market.orders(false, Integer.MAX_VALUE).size();
    }

    public long heartbeatsAnswered() {
        return heartbeats.get();
    }

    public long subscribeRequests() {
        return subscribes.get();
    }

    public long snapshotRequests() {
        return snapshotRequests.get();
    }

    public long tradesSent() {
        return tradesSent.get();
    }

    /**
     * A benchmark flood of {@code events} {@code live_orders} events of {@code symbol}, rendered now, for the one
     * session subscribed to them; {@link BitstampFlood#start} sends it.
     *
     * @throws IllegalStateException unless exactly one session is subscribed
     */
    public synchronized BitstampFlood flood(String symbol, int events) {
        String channel = "live_orders_" + symbol;
        List<TwinSession> subscribed = subscriptions.entrySet().stream()
                .filter(entry -> entry.getValue().contains(channel)).map(Map.Entry::getKey).toList();
        if (subscribed.size() != 1) {
            throw new IllegalStateException(subscribed.size() + " sessions subscribed to " + channel + ", need 1");
        }
        BitstampMarket market = markets.get(symbol);
        String[] frames = new String[events];
        long firstMicros = micros + 1;
        for (int i = 0; i < events; i++) {
            long time = ++micros;
            Change change = market.step(orderChangedAmount == OrderChangedAmount.TRADED);
            // the frame step() sends
            frames[i] = "{\"data\":" + change.orderJson() + ",\"datetime\":\"" + time / 1_000_000
                    + "\",\"microtimestamp\":\"" + time + "\"},\"channel\":\"live_orders_" + market.symbol
                    + "\",\"event\":\"" + change.orderEvent() + "\"}";
        }
        remember(symbol);
        return new BitstampFlood(frames, firstMicros, subscribed.getFirst());
    }

    /** @return {@code symbol}'s {@code detail_order_book} data now (top 100 orders a side), as the channel sends it */
    public synchronized String detailOrderBook(String symbol) {
        return detail(markets.get(symbol), micros);
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        server.close();
    }

    private final class Route implements WebSocketRoute {
        @Override
        public void onOpen(TwinSession session) {
            subscriptions.put(session, ConcurrentHashMap.newKeySet());
        }

        @Override
        public void onText(TwinSession session, String text) {
            JSONObject request;
            try {
                request = JSON.parseObject(text);
            } catch (RuntimeException e) {
                request = null;
            }
            String event = request == null ? null : request.getString("event");
            JSONObject data = request == null ? null : request.getJSONObject("data");
            String channel = data == null ? null : data.getString("channel");
            if ("bts:heartbeat".equals(event)) {
                heartbeats.incrementAndGet();
                session.sendText("{\"event\":\"bts:heartbeat\",\"channel\":\"\",\"data\":{\"status\":\"success\"}}");
            } else if (("bts:subscribe".equals(event) || "bts:unsubscribe".equals(event)) && known(channel)
                    && !session.subscriptionsRefused()) {
                boolean subscribe = "bts:subscribe".equals(event);
                Set<String> channels = subscriptions.get(session);
                if (subscribe) {
                    subscribes.incrementAndGet();
                    channels.add(channel);
                } else {
                    channels.remove(channel);
                }
                session.sendText("{\"event\":\"bts:" + (subscribe ? "subscription" : "unsubscription")
                        + "_succeeded\",\"channel\":\"" + channel + "\",\"data\":{}}");
            } else {
                session.sendText("{\"event\":\"bts:error\",\"channel\":\"\",\"data\":{\"code\":null,"
                        + "\"message\":\"Incorrect JSON format.\"}}");
            }
        }

        private boolean known(String channel) {
            if (channel == null) {
                return false;
            }
            for (String market : markets.keySet()) {
                for (String prefix : List.of("live_orders_", "diff_order_book_", "order_book_", "detail_order_book_",
                        "live_trades_")) {
                    if (channel.equals(prefix + market)) {
                        return true;
                    }
                }
            }
            return false;
        }

        @Override
        public void onClose(TwinSession session, int code, String reason) {
            subscriptions.remove(session);
        }
    }
}
