package io.tributary.exchange.bitstamp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.book.L3Book;
import io.tributary.book.SyncState;
import io.tributary.core.error.BadInput;
import io.tributary.exchange.SymbolStats;
import io.tributary.model.event.Aggressor;
import io.tributary.model.event.BookGap;
import io.tributary.model.event.MarketEvent;
import io.tributary.model.event.Trade;
import io.tributary.core.stream.StreamOptions;
import io.tributary.core.stream.Overflow;
import io.tributary.simulator.bitstamp.BitstampTwin;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The real connector against the Bitstamp twin on loopback; the test steps the twin's markets. */
class BitstampConnectorTest {

    private static final List<String> SYMBOLS = List.of("btcusd", "ethusd", "xrpeur");
    private static final int CHECK_EVERY = 10;

    private BitstampTwin twin;
    private BitstampConnector connector;
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

    private void start(BitstampChannel... channels) {
        start(builder -> { }, channels);
    }

    private void start(Consumer<BitstampConnector.Builder> settings, BitstampChannel... channels) {
        twin = BitstampTwin.manual(SYMBOLS, CHECK_EVERY);
        for (int i = 0; i < 5; i++) {
            twin.step(); // the market moves before anyone connects
        }
        BitstampConnector.Builder builder = BitstampConnector.builder().symbols(SYMBOLS).channels(channels)
                .webSocketBase(twin.webSocketUri()).restBase(twin.restBase())
                .heartbeatInterval(Duration.ofMillis(100))
                .feed(feed -> feed.rotationOverlap(Duration.ofSeconds(2)));
        settings.accept(builder);
        connector = builder.build();
        connector.events().addHandler(events::add, StreamOptions.of(1 << 20, Overflow.DISCONNECT));
        connector.start();
    }

    /** Steps until every L2 book is live (their snapshots are requested on the first diffs). */
    private void stepUntilLive() {
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            twin.step();
            return SYMBOLS.stream().allMatch(s -> stats(s) != null && stats(s).state() == SyncState.LIVE);
        });
    }

    private void stepTo(long multipleOf) {
        while (twin.steps() % multipleOf != 0) {
            twin.step();
        }
    }

    private SymbolStats stats(String symbol) {
        return connector.symbolStats().get(symbol);
    }

    @Test
    void subscribesWithAcksAndHeartbeatsBothWays() {
        start(BitstampChannel.DIFF_BOOK, BitstampChannel.TRADES);
        int channels = SYMBOLS.size() * 3; // diff_order_book, order_book, live_trades
        await().atMost(Duration.ofSeconds(10)).until(() -> connector.subscriptionAcks() == channels);
        assertThat(twin.subscribeRequests()).isEqualTo(channels);
        await().atMost(Duration.ofSeconds(10)).until(() -> twin.heartbeatsAnswered() >= 3);
        // every answer came back as a heartbeat, none as bad input, and the one socket stays up
        assertThat(connector.feedStats().badInput().values().stream().mapToLong(Long::longValue).sum()).isZero();
        assertThat(connector.errorReplies()).isZero();
        assertThat(connector.feedStats().reconnects()).isZero();
    }

    @Test
    void booksSyncBehindALaggingSnapshotAndMatchEveryTopBook() {
        start(BitstampChannel.DIFF_BOOK);
        await().atMost(Duration.ofSeconds(10)).until(() -> twin.subscribedSessions() == 1
                && connector.subscriptionAcks() == SYMBOLS.size() * 2);
        // The REST book trails the stream by 3 steps: the diffs it already covers are dropped. A first snapshot taken
        // before the subscription misses diffs nobody sent us; only the top-100 check can see that, and resyncs.
        twin.snapshotLagSteps(3);
        stepUntilLive();
        long settled = twin.steps() + 3 * CHECK_EVERY;
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            twin.step();
            return twin.steps() >= settled
                    && SYMBOLS.stream().allMatch(s -> stats(s).state() == SyncState.LIVE);
        });
        long mismatchesBefore = connector.bookMismatches();
        assertThat(mismatchesBefore).isLessThanOrEqualTo(SYMBOLS.size());
        long checksBefore = connector.bookChecks();
        for (int i = 0; i < 300; i++) {
            twin.step();
        }
        long expectedChecks = checksBefore + (300 / CHECK_EVERY - 1) * SYMBOLS.size();
        await().atMost(Duration.ofSeconds(10)).until(() -> connector.bookChecks() >= expectedChecks);
        System.out.printf("bitstamp L2 vs lagging REST: %d top-100 checks, %d mismatches while the first snapshots "
                + "settled, 0 after%n", connector.bookChecks(), mismatchesBefore);
        assertThat(connector.bookMismatches()).isEqualTo(mismatchesBefore);
        for (String symbol : SYMBOLS) {
            SymbolStats stats = stats(symbol);
            assertThat(stats.resyncs()).as(symbol).isLessThanOrEqualTo(1);
            assertThat(stats.crossed()).as(symbol).isZero();
            assertThat(connector.book(symbol)).as(symbol).isPresent();
        }
        assertThat(SYMBOLS.stream().mapToLong(s -> stats(s).stale()).sum()).isPositive();
        assertThat(connector.rejected()).isZero();
    }

    @Test
    void aMissedDiffResyncsThatSymbolAloneAtTheNextTopBook() {
        start(BitstampChannel.DIFF_BOOK);
        await().atMost(Duration.ofSeconds(10)).until(() -> connector.subscriptionAcks() == SYMBOLS.size() * 2);
        stepUntilLive();
        stepTo(CHECK_EVERY);
        for (int i = 0; i < CHECK_EVERY - 1; i++) {
            twin.step();
        }
        twin.skipNextDiff("ethusd"); // lost in the very step whose top-100 snapshot follows it
        twin.step();
        await().atMost(Duration.ofSeconds(10)).until(() -> connector.bookMismatches() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            twin.step();
            return stats("ethusd").resyncs() == 1 && stats("ethusd").state() == SyncState.LIVE;
        });
        for (String other : List.of("btcusd", "xrpeur")) {
            assertThat(stats(other).resyncs()).as(other).isZero();
            assertThat(stats(other).state()).as(other).isEqualTo(SyncState.LIVE);
        }
        assertThat(events).filteredOn(BookGap.class::isInstance).map(e -> ((BookGap) e).gap().symbol())
                .containsExactly("ethusd");
        // after the resync every top-100 snapshot matches again
        long checks = connector.bookChecks();
        for (int i = 0; i < 5 * CHECK_EVERY; i++) {
            twin.step();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> connector.bookChecks() >= checks + 5 * SYMBOLS.size() - 1);
        assertThat(connector.bookMismatches()).isEqualTo(1);
    }

    @Test
    void requestReconnectRotatesResubscribesAndDeduplicatesTrades() {
        start(BitstampChannel.DIFF_BOOK, BitstampChannel.TRADES);
        int channels = SYMBOLS.size() * 3;
        await().atMost(Duration.ofSeconds(10)).until(() -> connector.subscriptionAcks() == channels);
        stepUntilLive();
        long tradesBefore = twin.tradesSent();
        twin.requestReconnect();
        await().atMost(Duration.ofSeconds(10)).until(() -> connector.subscriptionAcks() == 2L * channels);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            twin.step(); // both sockets carry the same frames until the feed cuts over
            return connector.feedStats().rotations() == 1;
        });
        for (int i = 0; i < 70; i++) {
            twin.step();
        }
        long sent = twin.tradesSent();
        await().atMost(Duration.ofSeconds(10)).until(() -> events.stream().filter(Trade.class::isInstance).count()
                == sent);
        List<String> ids = events.stream().filter(Trade.class::isInstance).map(e -> ((Trade) e).tradeId()).toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(sent).isGreaterThan(tradesBefore);
        assertThat(events).filteredOn(Trade.class::isInstance)
                .allSatisfy(e -> assertThat(((Trade) e).aggressor()).isIn(Aggressor.BUY, Aggressor.SELL));
        assertThat(connector.feedStats().duplicates()).isPositive();
        await().atMost(Duration.ofSeconds(10)).until(() -> twin.subscribedSessions() == 1);
        for (String symbol : SYMBOLS) {
            assertThat(stats(symbol).gaps() + stats(symbol).resyncs()).as(symbol).isZero();
        }
        assertThat(connector.bookMismatches()).isZero();
    }

    @Test
    void theWrongOrderChangedReadingIsCaughtByTheDetailOrderBookCheck() {
        start(builder -> builder.orderChangedAmount(OrderChangedAmount.REMAINING), BitstampChannel.LIVE_ORDERS);
        twin.orderChangedAmount(BitstampTwin.OrderChangedAmount.TRADED);
        await().atMost(Duration.ofSeconds(10)).until(() -> connector.subscriptionAcks() == SYMBOLS.size() * 2);
        for (int i = 0; i < 20 * CHECK_EVERY; i++) {
            twin.step();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> connector.orderBookMismatches() > 0);
    }

    @Test
    void requestReconnectKeepsTheOrderByOrderBookExact() {
        start(BitstampChannel.LIVE_ORDERS);
        int channels = SYMBOLS.size() * 2;
        await().atMost(Duration.ofSeconds(10)).until(() -> connector.subscriptionAcks() == channels);
        for (int i = 0; i < 3 * CHECK_EVERY; i++) {
            twin.step();
        }
        twin.requestReconnect();
        await().atMost(Duration.ofSeconds(10)).until(() -> connector.subscriptionAcks() == 2L * channels);
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            twin.step();
            return connector.feedStats().rotations() == 1;
        });
        for (int i = 0; i < 5 * CHECK_EVERY; i++) {
            twin.step();
        }
        stepTo(CHECK_EVERY);
        long total = (twin.steps() - 5) * SYMBOLS.size(); // one order event per market and step since we connected
        await().atMost(Duration.ofSeconds(10)).until(() -> connector.orderEvents() == total);
        await().atMost(Duration.ofSeconds(10)).until(() -> twin.subscribedSessions() == 1);
        assertThat(connector.feedStats().duplicates()).isPositive();
        assertThat(connector.orderBookChecks()).isPositive();
        assertThat(connector.orderBookMismatches()).isZero();
        for (String symbol : SYMBOLS) {
            assertThat(connector.orderBook(symbol).orElseThrow().orderCount()).as(symbol)
                    .isEqualTo(twin.orderCount(symbol));
        }
    }

    @Test
    void aLostSocketReconnectsResubscribesAndResyncsEveryBookAtOnce() {
        start(BitstampChannel.DIFF_BOOK, BitstampChannel.LIVE_ORDERS);
        int channels = SYMBOLS.size() * 4;
        await().atMost(Duration.ofSeconds(10)).until(() -> connector.subscriptionAcks() == channels);
        stepUntilLive();
        stepTo(CHECK_EVERY); // the detail_order_book of this step seeds the L3 books
        await().atMost(Duration.ofSeconds(10)).until(() -> SYMBOLS.stream()
                .allMatch(s -> connector.orderBook(s).isPresent()));
        twin.server().faults().stall(); // what the twin sends from now on never arrives ...
        for (int i = 0; i < 3; i++) {
            twin.step(); // ... so these diffs and order events are lost, and nothing in the stream says so
        }
        twin.server().faults().dropNow(); // ... then the socket is lost
        twin.server().faults().resume();
        await().atMost(Duration.ofSeconds(10)).until(() -> connector.subscriptionAcks() == 2L * channels);
        stepUntilLive();
        long checks = connector.bookChecks();
        long orderChecks = connector.orderBookChecks();
        for (int i = 0; i < 3 * CHECK_EVERY; i++) {
            twin.step();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> connector.bookChecks() >= checks + 2 * SYMBOLS.size()
                && connector.orderBookChecks() >= orderChecks + 2 * SYMBOLS.size());
        assertThat(connector.reconnectResyncs()).isEqualTo(1);
        assertThat(connector.bookMismatches()).isZero(); // resynced at once, not caught later by a check
        assertThat(connector.orderBookMismatches()).isZero();
        for (String symbol : SYMBOLS) {
            assertThat(stats(symbol).resyncs()).as(symbol).isEqualTo(1);
            assertThat(connector.orderBook(symbol).orElseThrow().orderCount()).as(symbol)
                    .isEqualTo(twin.orderCount(symbol));
        }
    }

    @Test
    void badFramesAreCountedAndTheBooksGoOn() {
        start(BitstampChannel.DIFF_BOOK);
        await().atMost(Duration.ofSeconds(10)).until(() -> connector.subscriptionAcks() == SYMBOLS.size() * 2);
        stepUntilLive();
        twin.server().faults().sendMalformed();
        twin.server().sessions().getFirst().sendText("{\"event\":\"surprise\",\"channel\":\"nope\",\"data\":{}}");
        twin.server().sessions().getFirst().sendText("{\"event\":\"data\",\"channel\":\"diff_order_book_btcusd\","
                + "\"data\":{\"bids\":[]}}");
        await().atMost(Duration.ofSeconds(10)).until(() -> connector.feedStats().badInput(BadInput.INVALID_JSON)
                + connector.feedStats().badInput(BadInput.UNKNOWN_MESSAGE)
                + connector.feedStats().badInput(BadInput.WRONG_FIELD_TYPE) >= 3);
        long checks = connector.bookChecks();
        for (int i = 0; i < 3 * CHECK_EVERY; i++) {
            twin.step();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> connector.bookChecks() >= checks + 2 * SYMBOLS.size());
        assertThat(connector.bookMismatches()).isZero();
        assertThat(connector.feedStats().reconnects()).isZero();
    }

    /** Both readings of {@code order_changed} (the sources disagree): the twin sends one, the connector reads it. */
    @ParameterizedTest
    @EnumSource(OrderChangedAmount.class)
    void orderByOrderBookEqualsDetailOrderBookAfterThousandsOfEvents(OrderChangedAmount reading) {
        start(builder -> builder.orderChangedAmount(reading), BitstampChannel.LIVE_ORDERS);
        twin.orderChangedAmount(BitstampTwin.OrderChangedAmount.valueOf(reading.name()));
        await().atMost(Duration.ofSeconds(10)).until(() -> connector.subscriptionAcks() == SYMBOLS.size() * 2);
        int steps = 2000;
        for (int i = 0; i < steps; i++) {
            twin.step();
        }
        stepTo(CHECK_EVERY);
        long total = twin.steps() - 5;
        await().atMost(Duration.ofSeconds(20)).until(() -> connector.orderEvents() == total * SYMBOLS.size());
        await().atMost(Duration.ofSeconds(10)).until(() -> connector.orderBookChecks()
                >= (total / CHECK_EVERY - 1) * SYMBOLS.size());
        System.out.printf("bitstamp L3 (order_changed = %s): %d order events, %d detail_order_book checks, "
                + "%d mismatches%n", reading, connector.orderEvents(), connector.orderBookChecks(),
                connector.orderBookMismatches());
        assertThat(connector.orderBookMismatches()).isZero();
        for (String symbol : SYMBOLS) {
            L3Book book = connector.orderBook(symbol).orElseThrow();
            assertThat(book.orderCount()).as(symbol).isEqualTo(twin.orderCount(symbol));
            assertThat(book.isCrossed()).isFalse();
            assertThat(connector.book(symbol)).as(symbol).isPresent(); // the aggregated view is the L2 book
        }
        assertThat(connector.rejected()).isZero();
    }
}
