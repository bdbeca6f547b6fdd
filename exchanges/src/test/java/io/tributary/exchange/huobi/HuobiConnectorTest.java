package io.tributary.exchange.huobi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.book.BookView;
import io.tributary.core.error.BadInput;
import io.tributary.core.stream.Overflow;
import io.tributary.core.stream.StreamOptions;
import io.tributary.model.Side;
import io.tributary.model.event.Trade;
import io.tributary.simulator.huobi.HuobiTwin;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link HuobiConnector} against {@link HuobiTwin} over real loopback sockets. */
class HuobiConnectorTest {

    private static final List<String> SYMBOLS = List.of("btcusdt", "ethusdt");
    private static final Duration WAIT = Duration.ofSeconds(20);

    private HuobiTwin twin;
    private HuobiConnector connector;

    @AfterEach
    void tearDown() {
        if (connector != null) {
            connector.close();
        }
        if (twin != null) {
            twin.close();
        }
    }

    private void start(HuobiTwin.Builder twinBuilder, HuobiConnector.Builder connectorBuilder) {
        twin = twinBuilder.symbols(SYMBOLS).start();
        connector = connectorBuilder.symbols(SYMBOLS).webSocketBase(twin.webSocketBase()).build();
        connector.start();
    }

    private void start() {
        start(HuobiTwin.builder(), HuobiConnector.builder());
    }

    /** Steps the twin until every book is live and equal to the twin's own book. */
    private void stepUntilBooksEqualTheTwins() {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> {
            if (!SYMBOLS.stream().allMatch(this::caughtUp)) {
                twin.step();
                return false;
            }
            return true;
        });
        for (String symbol : SYMBOLS) {
            BookView view = connector.book(symbol).orElseThrow();
            List<Map<BigDecimal, BigDecimal>> expected = twin.book(symbol);
            assertThat(levels(view, Side.BID)).isEqualTo(stripped(expected.get(0)));
            assertThat(levels(view, Side.ASK)).isEqualTo(stripped(expected.get(1)));
            assertThat(view.isCrossed()).isFalse();
        }
    }

    private boolean caughtUp(String symbol) {
        return connector.book(symbol).map(view -> view.updateId() == twin.seqNum(symbol)).orElse(false);
    }

    private static Map<BigDecimal, BigDecimal> levels(BookView view, Side side) {
        Map<BigDecimal, BigDecimal> levels = new LinkedHashMap<>();
        for (int i = 0; i < view.depth(side); i++) {
            levels.put(view.priceDecimal(side, i).stripTrailingZeros(), view.sizeDecimal(side, i).stripTrailingZeros());
        }
        return levels;
    }

    private static Map<BigDecimal, BigDecimal> stripped(Map<BigDecimal, BigDecimal> levels) {
        Map<BigDecimal, BigDecimal> out = new LinkedHashMap<>();
        levels.forEach((p, s) -> out.put(p.stripTrailingZeros(), s.stripTrailingZeros()));
        return out;
    }

    @Test
    void subscribesOnBothPathsAndCountsTheAcks() {
        start();
        // MBP on /feed for each symbol; trades and bbo on /ws
        await().atMost(WAIT).until(() -> connector.acks() == 6);
        Set<String> topics = new HashSet<>();
        twin.subscriptions().forEach(topics::addAll);
        assertThat(topics).containsExactlyInAnyOrder("market.btcusdt.mbp.150", "market.ethusdt.mbp.150",
                "market.btcusdt.trade.detail", "market.ethusdt.trade.detail", "market.btcusdt.bbo",
                "market.ethusdt.bbo");
        assertThat(connector.errorReplies()).isZero();
    }

    @Test
    void anUnknownSymbolGetsTheDocumentedErrorAndTheOthersFlow() {
        twin = HuobiTwin.builder().symbols(SYMBOLS).start();
        connector = HuobiConnector.builder().symbols("btcusdt", "nosuchcoin").webSocketBase(twin.webSocketBase())
                .build();
        connector.start();
        await().atMost(WAIT).until(() -> connector.errorReplies() == 3 && connector.acks() == 3);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> {
            twin.step();
            return caughtUp("btcusdt");
        });
    }

    @Test
    void syncsEachBookFromItsReqSnapshotAndEndsEqualToTheTwinsBook() {
        start();
        stepUntilBooksEqualTheTwins();
        for (int i = 0; i < 200; i++) {
            twin.step();
        }
        stepUntilBooksEqualTheTwins();
        assertThat(connector.symbolStats().get("btcusdt").gaps()).isZero();
        assertThat(connector.snapshotRequests()).isEqualTo(2);
    }

    @Test
    void aSnapshotThatArrivesLateIsBridgedByTheBufferedIncrements() {
        twin = HuobiTwin.builder().symbols(SYMBOLS).start();
        twin.holdSnapshots(true);
        connector = HuobiConnector.builder().symbols(SYMBOLS).webSocketBase(twin.webSocketBase()).build();
        connector.start();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(5)).until(() -> {
            twin.step(); // increments flow while the snapshots are held, so they are buffered
            return twin.requests() == 2;
        });
        for (int i = 0; i < 50; i++) {
            twin.step();
        }
        assertThat(connector.book("btcusdt")).isEmpty();
        twin.holdSnapshots(false);
        stepUntilBooksEqualTheTwins();
        assertThat(connector.symbolStats().get("btcusdt").stale()).isPositive(); // increments before the snapshot
        assertThat(connector.symbolStats().get("btcusdt").gaps()).isZero();
    }

    @Test
    void aRequestRefusedWith429IsSentAgainAndTheBookSyncs() {
        twin = HuobiTwin.builder().symbols(SYMBOLS).start();
        twin.refuseNextRequests(2);
        connector = HuobiConnector.builder().symbols(SYMBOLS).webSocketBase(twin.webSocketBase())
                .snapshotRetryDelay(Duration.ofMillis(50)).build();
        connector.start();
        stepUntilBooksEqualTheTwins();
        assertThat(connector.errorReplies()).isEqualTo(2);
        assertThat(connector.snapshotRetries()).isEqualTo(2);
        assertThat(connector.snapshotRequests()).isEqualTo(4);
        assertThat(connector.symbolStats().get("btcusdt").gaps()).isZero();
    }

    @Test
    void aMissedIncrementResyncsThatSymbolOnly() {
        start();
        stepUntilBooksEqualTheTwins();
        twin.missNextIncrement("btcusdt");
        twin.step();
        stepUntilBooksEqualTheTwins();
        assertThat(connector.symbolStats().get("btcusdt").gaps()).isEqualTo(1);
        assertThat(connector.symbolStats().get("btcusdt").resyncs()).isEqualTo(1);
        assertThat(connector.symbolStats().get("ethusdt").gaps()).isZero();
        assertThat(connector.symbolStats().get("ethusdt").resyncs()).isZero();
        assertThat(connector.snapshotRequests()).isEqualTo(3);
    }

    @Test
    void answersTheTwinsPingsWithTheSameNumber() {
        // generous interval: two pings unanswered (2 s) is a real failure even on a loaded machine
        start(HuobiTwin.builder().pingInterval(Duration.ofSeconds(1)), HuobiConnector.builder());
        await().atMost(WAIT).until(() -> twin.pongs() >= 6); // both sockets, three pings each at least
        assertThat(twin.heartbeatCloses()).isZero();
        assertThat(connector.feedStats().reconnects()).as(connector.feedStats().toString()).isZero();
    }

    @Test
    void twinClosesAClientThatLeavesTwoPingsUnansweredAndAnswersClientPings() throws Exception {
        twin = HuobiTwin.builder().symbols(SYMBOLS).pingInterval(Duration.ofMillis(300)).start();
        List<String> received = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> closed = new CompletableFuture<>();
        HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(twin.webSocketBase().resolve("/ws"), new WebSocket.Listener() {
                    @Override
                    public void onOpen(WebSocket webSocket) {
                        webSocket.sendText("{\"ping\":12345}", true); // a client ping, answered; server pings are not
                        webSocket.request(1);
                    }

                    @Override
                    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
                        byte[] bytes = new byte[data.remaining()];
                        data.get(bytes);
                        received.add(gunzip(bytes));
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        closed.complete(statusCode);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
        assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo(1000);
        assertThat(received).contains("{\"pong\":12345}");
        assertThat(received.stream().filter(m -> m.startsWith("{\"ping\":")).count()).isEqualTo(2);
        assertThat(twin.heartbeatCloses()).isEqualTo(1);
    }

    @Test
    void reconnectsResubscribesResyncsAndDropsTheRepeatedTrade() {
        List<Trade> trades = new CopyOnWriteArrayList<>();
        start();
        connector.events().addHandler(e -> e instanceof Trade, e -> trades.add((Trade) e),
                StreamOptions.of(1 << 14, Overflow.DISCONNECT));
        stepUntilBooksEqualTheTwins();
        await().atMost(WAIT).until(() -> connector.acks() == 6);
        twin.server().faults().dropNow();
        await().atMost(WAIT).until(() -> connector.feedStats().reconnects() >= 2 && connector.acks() == 12);
        stepUntilBooksEqualTheTwins();
        assertThat(connector.duplicateTrades()).isEqualTo(2); // the twin repeats each symbol's last trade
        await().atMost(WAIT).until(() -> trades.size() == connector.symbolStats().values().stream()
                .mapToLong(s -> s.trades()).sum());
        List<String> ids = new ArrayList<>(trades.stream().map(t -> t.symbol() + t.tradeId()).toList());
        assertThat(new HashSet<>(ids)).hasSameSizeAs(ids);
        assertThat(trades).allSatisfy(t -> assertThat(t.aggressor()).isNotEqualTo(
                io.tributary.model.event.Aggressor.UNKNOWN));
    }

    @Test
    void badFramesAreCountedAndTheStreamGoesOn() {
        start(HuobiTwin.builder(), HuobiConnector.builder().maxInflatedBytes(64 * 1024));
        stepUntilBooksEqualTheTwins();
        twin.sendCorruptFrame();
        twin.sendInflatingFrame(1 << 20);
        await().atMost(WAIT).until(() -> connector.feedStats().badInput(BadInput.CORRUPT_COMPRESSION) == 2
                && connector.feedStats().badInput(BadInput.INFLATED_TOO_LARGE) == 2);
        for (int i = 0; i < 20; i++) {
            twin.step();
        }
        stepUntilBooksEqualTheTwins();
        assertThat(connector.feedStats().reconnects()).isZero();
        assertThat(connector.symbolStats().get("btcusdt").gaps()).isZero();
    }

    private static String gunzip(byte[] gzip) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
