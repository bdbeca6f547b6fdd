package io.tributary.exchange.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import io.tributary.book.BookView;
import io.tributary.book.SyncState;
import io.tributary.core.error.BadInput;
import io.tributary.core.stream.Overflow;
import io.tributary.core.stream.StreamOptions;
import io.tributary.exchange.SymbolStats;
import io.tributary.model.GapReason;
import io.tributary.model.Side;
import io.tributary.model.event.BookGap;
import io.tributary.model.event.BookUpdate;
import io.tributary.model.event.ConnectionEvent;
import io.tributary.model.event.MarketEvent;
import io.tributary.model.event.Trade;
import io.tributary.simulator.binance.BinanceTwin;
import io.tributary.simulator.binance.DepthRequest;
import io.tributary.simulator.binance.MarketGenerator;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real connector against the Binance twin on loopback; the test drives the twin's market step by step. */
class BinanceConnectorTest {

    private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT", "BNBBTC");

    private BinanceTwin twin;
    private BinanceConnector connector;
    private final Queue<MarketEvent> events = new ConcurrentLinkedQueue<>();

    @AfterEach
    void stop() {
        if (connector != null) {
            connector.close();
        }
        if (twin != null) {
            twin.close();
        }
    }

    /** A twin whose snapshots trail the stream by 5 updates, as a REST cache may. */
    private void startTwin(BinanceTwin.Builder builder, boolean futures) {
        startTwin(builder, futures, 5);
    }

    private void startTwin(BinanceTwin.Builder builder, boolean futures, int snapshotLag) {
        twin = builder.stepsPerSecond(0)
                .market(MarketGenerator.builder().seed(7).futures(futures).snapshotLag(snapshotLag).build())
                .start();
        for (int i = 0; i < 5; i++) {
            twin.step(); // the market moves before anyone connects: the first snapshot ids are history
        }
    }

    private BinanceConnector.Builder connectorFor(BinanceMarket market) {
        return connectorFor(market, SYMBOLS);
    }

    private BinanceConnector.Builder connectorFor(BinanceMarket market, List<String> symbols) {
        return BinanceConnector.builder(market)
                .symbols(symbols)
                .channels(BinanceChannel.DEPTH, BinanceChannel.TRADE, BinanceChannel.BOOK_TICKER)
                .webSocketBase(twin.webSocketUri("/"))
                .restBase(twin.restUri("/"));
    }

    private void start(BinanceConnector.Builder builder) {
        connector = builder.build();
        connector.events().addHandler(events::add, StreamOptions.of(1 << 20, Overflow.DISCONNECT));
        connector.start();
    }

    /** Steps the market until {@code done}; each step moves every symbol's book. */
    private void stepUntil(BooleanSupplier done) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(3))
                .until(() -> {
            if (!done.getAsBoolean()) {
                twin.step();
            }
            return done.getAsBoolean();
        });
    }

    private void steps(int count) {
        for (int i = 0; i < count; i++) {
            twin.step();
        }
    }

    private boolean allLive() {
        return SYMBOLS.stream().allMatch(symbol -> connector.book(symbol).isPresent());
    }

    private SymbolStats stats(String symbol) {
        return connector.symbolStats().get(symbol);
    }

    /**
     * Steps until every book is live and has applied the twin's last update (stepping on, so that a frame lost on a
     * closing socket is exposed by the next one), then compares the books level by level.
     */
    private void assertBooksEqualTheTwins() {
        stepUntil(() -> SYMBOLS.stream().allMatch(symbol -> connector.book(symbol)
                .map(view -> view.updateId() == twin.market().lastUpdateId(symbol)).orElse(false)));
        for (String symbol : SYMBOLS) {
            JSONObject expected = JSON.parseObject(twin.market().liveBook(symbol, Integer.MAX_VALUE));
            BookView actual = connector.book(symbol).orElseThrow();
            assertThat(actual.updateId()).isEqualTo(expected.getLongValue("lastUpdateId"));
            assertThat(levels(actual, Side.BID)).as(symbol + " bids").isEqualTo(levels(expected.getJSONArray("bids")));
            assertThat(levels(actual, Side.ASK)).as(symbol + " asks").isEqualTo(levels(expected.getJSONArray("asks")));
            assertThat(actual.depth(Side.BID)).isPositive();
        }
    }

    private static List<String> levels(BookView view, Side side) {
        return IntStream.range(0, view.depth(side))
                .mapToObj(i -> plain(view.priceDecimal(side, i)) + "x" + plain(view.sizeDecimal(side, i))).toList();
    }

    private static List<String> levels(JSONArray side) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < side.size(); i++) {
            JSONArray level = side.getJSONArray(i);
            out.add(plain(new BigDecimal(level.getString(0))) + "x" + plain(new BigDecimal(level.getString(1))));
        }
        return out;
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }

    private List<Long> tradeIds(String symbol) {
        return events.stream().filter(e -> e instanceof Trade t && t.symbol().equals(symbol))
                .map(e -> Long.parseLong(((Trade) e).tradeId())).toList();
    }

    private static void assertContiguous(List<Long> ids) {
        assertThat(ids).hasSizeGreaterThan(5);
        for (int i = 1; i < ids.size(); i++) {
            assertThat(ids.get(i)).as("trade after " + ids.get(i - 1)).isEqualTo(ids.get(i - 1) + 1);
        }
    }

    private long gapsTotal() {
        return connector.symbolStats().values().stream().mapToLong(SymbolStats::gaps).sum();
    }

    // ---- tests -------------------------------------------------------------------------------------------------

    @Test
    void syncsEachBookFromItsSnapshotAndEndsEqualToTheTwinsBook() {
        startTwin(BinanceTwin.builder(), false);
        start(connectorFor(BinanceMarket.SPOT));
        stepUntil(this::allLive);
        steps(200);
        assertBooksEqualTheTwins();

        assertThat(gapsTotal()).isZero();
        // one snapshot per symbol, plus one more for each that trailed the first buffered update
        long stale = connector.symbolStats().values().stream().mapToLong(SymbolStats::staleSnapshots).sum();
        assertThat(twin.depthRequests()).hasSize(SYMBOLS.size() + (int) stale)
                .extracting(DepthRequest::symbol).containsAll(SYMBOLS);
        // consumers got each book whole, then its changes, each carrying U/u and both times
        List<BookUpdate> btc = events.stream().filter(e -> e instanceof BookUpdate u && u.symbol().equals("BTCUSDT"))
                .map(BookUpdate.class::cast).toList();
        assertThat(btc.getFirst().snapshot()).isTrue();
        assertThat(btc.subList(1, btc.size())).allSatisfy(update -> {
            assertThat(update.snapshot()).isFalse();
            assertThat(update.exchangeTimeNs()).isPositive();
            assertThat(update.receivedNs()).isPositive();
        });
        for (int i = 2; i < btc.size(); i++) {
            assertThat(btc.get(i).firstUpdateId()).isEqualTo(btc.get(i - 1).lastUpdateId() + 1);
        }
        assertContiguous(tradeIds("ETHUSDT"));
        assertThat(stats("BNBBTC").bestBidAsks()).isPositive();
    }

    @Test
    void aStaleSnapshotIsFetchedAgainInsteadOfApplied() {
        startTwin(BinanceTwin.builder(), false, 0); // snapshots are current unless the fault makes them stale
        twin.restFaults().staleSnapshots(2);
        start(connectorFor(BinanceMarket.SPOT));
        stepUntil(this::allLive);
        steps(50);
        assertBooksEqualTheTwins();

        long stale = connector.symbolStats().values().stream().mapToLong(SymbolStats::staleSnapshots).sum();
        assertThat(stale).isEqualTo(2);
        assertThat(twin.depthRequests()).hasSize(SYMBOLS.size() + 2);
        assertThat(gapsTotal()).isZero();
    }

    @Test
    void aGapResyncsOnlyItsSymbolWhileTheOthersKeepFlowing() {
        startTwin(BinanceTwin.builder(), false);
        start(connectorFor(BinanceMarket.SPOT));
        stepUntil(this::allLive);
        steps(20);
        long ethApplied = stats("ETHUSDT").applied();

        twin.market().dropNextDepthUpdate("BTCUSDT");
        stepUntil(() -> stats("BTCUSDT").resyncs() >= 1 && stats("BTCUSDT").state() == SyncState.LIVE);
        steps(20);
        assertBooksEqualTheTwins();

        assertThat(stats("BTCUSDT").gaps()).isEqualTo(1);
        for (String other : List.of("ETHUSDT", "BNBBTC")) {
            assertThat(stats(other).gaps()).isZero();
            assertThat(stats(other).resyncs()).isZero();
        }
        assertThat(stats("ETHUSDT").applied()).isGreaterThan(ethApplied + 20);
        assertThat(stats("BTCUSDT").resyncs()).isEqualTo(1);
        assertThat(twin.depthRequests()).extracting(DepthRequest::symbol).filteredOn(s -> !s.equals("BTCUSDT"))
                .hasSize(2 + (int) (stats("ETHUSDT").staleSnapshots() + stats("BNBBTC").staleSnapshots()));
        List<BookGap> gaps = events.stream().filter(BookGap.class::isInstance).map(BookGap.class::cast).toList();
        assertThat(gaps).singleElement().satisfies(gap -> {
            assertThat(gap.symbol()).isEqualTo("BTCUSDT");
            assertThat(gap.gap().reason()).isEqualTo(GapReason.SEQUENCE_GAP);
        });
    }

    @Test
    void backsOffAsRetryAfterSaysOnA429() {
        startTwin(BinanceTwin.builder(), false);
        twin.restFaults().reject(1, 429, Duration.ofSeconds(1));
        start(connectorFor(BinanceMarket.SPOT, List.of("BTCUSDT")));
        stepUntil(() -> connector.book("BTCUSDT").isPresent());

        List<DepthRequest> requests = twin.depthRequests();
        assertThat(requests).extracting(DepthRequest::status).containsExactly(429, 200);
        assertThat(requests.get(1).atNanos() - requests.get(0).atNanos()).isGreaterThanOrEqualTo(1_000_000_000L);
        assertThat(connector.snapshotsRateLimited()).isEqualTo(1);
        assertThat(stats("BTCUSDT").gaps()).isZero();
    }

    @Test
    void manySymbolsResyncingAtOnceStayWithinTheRequestWeight() {
        // the twin answers 429 past 600 weight a minute: exactly twelve snapshots of limit 1000
        startTwin(BinanceTwin.builder().weightPerMinute(600), false, 0); // every snapshot usable: 12 requests
        start(connectorFor(BinanceMarket.SPOT).weightPerMinute(600));
        stepUntil(this::allLive);
        for (int round = 0; round < 3; round++) {
            SYMBOLS.forEach(symbol -> twin.market().dropNextDepthUpdate(symbol));
            int resynced = round + 1;
            stepUntil(() -> SYMBOLS.stream().allMatch(s -> stats(s).resyncs() == resynced && stats(s).state() == SyncState.LIVE));
        }
        assertThat(twin.depthRequests()).hasSize(12).allSatisfy(request -> assertThat(request.status()).isEqualTo(200));

        SYMBOLS.forEach(symbol -> twin.market().dropNextDepthUpdate(symbol));
        stepUntil(() -> SYMBOLS.stream().allMatch(s -> stats(s).state() == SyncState.OUT_OF_SYNC));
        steps(10);
        // the thirteenth request waits for the minute to free weight instead of earning a 429
        assertThat(twin.depthRequests()).hasSize(12);
        assertThat(connector.snapshotsRateLimited()).isZero();
    }

    @Test
    void rotatesBeforeTheCutWithoutLossOrDuplicate() {
        // the twin cuts sockets at 1.5 s as Binance does at 24 h; the connector replaces each at 0.6 s
        startTwin(BinanceTwin.builder().maxConnectionAge(Duration.ofMillis(1500)), false);
        start(connectorFor(BinanceMarket.SPOT).maxSocketAge(Duration.ofMillis(600)));
        stepUntil(() -> allLive() && connector.feedStats().rotations() >= 3);
        steps(20);
        assertBooksEqualTheTwins();

        assertThat(gapsTotal()).isZero();
        assertThat(connector.feedStats().reconnects()).as("sockets lost to the cut").isZero();
        SYMBOLS.forEach(symbol -> assertContiguous(tradeIds(symbol)));
        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ConnectionEvent.class,
                c -> assertThat(c.state()).isEqualTo(ConnectionEvent.State.ROTATING)));
    }

    @Test
    void serverShutdownRotatesAtOnce() {
        startTwin(BinanceTwin.builder(), false);
        start(connectorFor(BinanceMarket.SPOT));
        stepUntil(this::allLive);
        steps(10);
        twin.serverShutdown();
        stepUntil(() -> connector.feedStats().rotations() == 1);
        steps(20);
        assertBooksEqualTheTwins();

        assertThat(gapsTotal()).isZero();
        assertThat(connector.feedStats().reconnects()).isZero();
        SYMBOLS.forEach(symbol -> assertContiguous(tradeIds(symbol)));
    }

    @Test
    void aMissingPongGetsTheSocketClosedAndTheConnectorReconnectsAndResyncs() {
        startTwin(BinanceTwin.builder().pingInterval(Duration.ofMillis(100)).pongTimeout(Duration.ofMillis(300)),
                false);
        start(connectorFor(BinanceMarket.SPOT));
        stepUntil(this::allLive);
        twin.losePongs(true);
        stepUntil(() -> connector.feedStats().reconnects() >= 1);
        twin.losePongs(false);
        stepUntil(() -> allLive() && connector.feedStats().sockets().stream().allMatch(s -> s.state().name().equals("LIVE")));
        steps(20);
        assertBooksEqualTheTwins();

        assertThat(events).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(ConnectionEvent.class,
                c -> assertThat(c.detail()).contains("Pong timeout")));
    }

    @Test
    void malformedFramesAreCountedAndSkippedWhileTheBooksGoOn() {
        startTwin(BinanceTwin.builder(), false);
        start(connectorFor(BinanceMarket.SPOT));
        stepUntil(this::allLive);
        twin.server().faults().sendMalformed();
        twin.server().sessions().forEach(session -> {
            session.sendText("{\"stream\":\"btcusdt@trade\",\"data\":{\"e\":\"trade\",\"s\":\"BTCUSDT\",\"t\":\"x\"}}");
            session.sendText("[1,2,3]");
        });
        steps(30);
        assertBooksEqualTheTwins();

        Map<BadInput, Long> bad = connector.feedStats().badInput();
        assertThat(bad.getOrDefault(BadInput.INVALID_JSON, 0L)).isEqualTo(1);
        assertThat(bad.getOrDefault(BadInput.WRONG_FIELD_TYPE, 0L)).isEqualTo(1);
        assertThat(bad.getOrDefault(BadInput.UNKNOWN_MESSAGE, 0L)).isEqualTo(1);
        assertThat(gapsTotal()).isZero();
    }

    @Test
    void splitsPast1024StreamsPerSocketAndSubscribesLive() {
        startTwin(BinanceTwin.builder(), false);
        List<String> many = IntStream.range(0, 340).mapToObj(i -> "SYM" + i + "USDT").toList();
        start(connectorFor(BinanceMarket.SPOT).symbols(many)); // 343 symbols x 3 channels = 1029 streams
        stepUntil(this::allLive);
        await().until(() -> twin.connectionCount() == 2);
        assertThat(connector.feedStats().sockets()).hasSize(2)
                .allSatisfy(socket -> assertThat(socket.subscriptions()).hasSizeLessThanOrEqualTo(1024));
        assertThat(connector.feedStats().badInput()).isEmpty(); // no error reply to any SUBSCRIBE

        connector.unsubscribe(List.of("ETHUSDT")).join();
        assertThat(connector.book("ETHUSDT")).isEmpty();
        assertThat(connector.book("BTCUSDT")).isPresent();
    }

    @Test
    void framesLostFromAFullBookQueueResyncEveryBook() throws Exception {
        startTwin(BinanceTwin.builder(), false, 0);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean first = new java.util.concurrent.atomic.AtomicBoolean(true);
        // the first snapshot is held while the book thread waits for it, so the thread's small queue overflows
        start(connectorFor(BinanceMarket.SPOT).bookQueueCapacity(16).snapshotTap((url, body, ns, epochNs) -> {
            if (first.getAndSet(false)) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }));
        stepUntil(() -> !twin.depthRequests().isEmpty());
        steps(100); // about 250 frames against a queue of 16
        release.countDown();
        assertBooksEqualTheTwins();

        assertThat(connector.queueOverflows()).isPositive(); // a queue this small may overflow again while resyncing
        assertThat(gapsTotal()).isPositive();
    }

    @Test
    void futuresBooksFollowThePuChain() {
        startTwin(BinanceTwin.builder(), true);
        start(connectorFor(BinanceMarket.USD_M));
        stepUntil(this::allLive);
        twin.market().dropNextDepthUpdate("ETHUSDT");
        stepUntil(() -> stats("ETHUSDT").resyncs() >= 1 && stats("ETHUSDT").state() == SyncState.LIVE);
        steps(20);
        assertBooksEqualTheTwins();

        assertThat(stats("ETHUSDT").gaps()).isEqualTo(1);
        assertThat(stats("ETHUSDT").resyncs()).isEqualTo(1);
        assertThat(stats("BTCUSDT").gaps()).isZero();
        assertThat(connector.exchange()).isEqualTo("binance-usdm");
    }
}
