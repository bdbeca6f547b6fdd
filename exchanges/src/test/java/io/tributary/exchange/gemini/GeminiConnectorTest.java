package io.tributary.exchange.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.book.BookView;
import io.tributary.core.error.BadInput;
import io.tributary.core.stream.Overflow;
import io.tributary.core.stream.StreamOptions;
import io.tributary.model.GapReason;
import io.tributary.model.Side;
import io.tributary.model.event.Aggressor;
import io.tributary.model.event.BookGap;
import io.tributary.model.event.MarketEvent;
import io.tributary.model.event.Trade;
import io.tributary.simulator.TwinSession;
import io.tributary.simulator.gemini.GeminiTwin;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real Gemini connector against the Gemini twin on loopback; the test moves the twin's market step by step. */
class GeminiConnectorTest {

    private static final List<String> SYMBOLS = List.of("BTCUSD", "ETHUSD");

    private GeminiTwin twin;
    private GeminiConnector connector;
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

    private void startTwin(GeminiTwin.Builder builder) {
        twin = builder.symbol("BTCUSD", 4_500_000).symbol("ETHUSD", 300_000).seed(5).start();
        for (int i = 0; i < 60; i++) {
            twin.step(); // history before anyone connects: the first book holds 50 earlier trades
        }
    }

    private void startConnector(Duration watchdog) {
        connector = GeminiConnector.builder().symbols(SYMBOLS).webSocketBase(twin.webSocketBase())
                .watchdogTimeout(watchdog).build();
        connector.events().addHandler(events::add, StreamOptions.of(1 << 20, Overflow.DISCONNECT));
        connector.start();
    }

    private void start() {
        startTwin(GeminiTwin.builder().heartbeatInterval(Duration.ZERO));
        startConnector(Duration.ofSeconds(20));
    }

    private void stepUntil(BooleanSupplier done) {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(3)).until(() -> {
            if (!done.getAsBoolean()) {
                twin.step();
            }
            return done.getAsBoolean();
        });
    }

    /** The connector's book shows the twin's best bid, best ask and number of levels. */
    private boolean sameAsTwin(String symbol) {
        Optional<BookView> book = connector.book(symbol);
        if (book.isEmpty()) {
            return false;
        }
        BookView view = book.get();
        List<String> twinBest = twin.bestBidAsk(symbol);
        return view.depth(Side.BID) + view.depth(Side.ASK) == twin.depth(symbol)
                && view.priceDecimal(Side.BID, 0).compareTo(new BigDecimal(twinBest.get(0))) == 0
                && view.priceDecimal(Side.ASK, 0).compareTo(new BigDecimal(twinBest.get(1))) == 0;
    }

    private void awaitBooksEqualTheTwins() {
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5))
                .until(() -> SYMBOLS.stream().allMatch(this::sameAsTwin));
    }

    private List<Trade> trades(String symbol) {
        return events.stream().filter(e -> e instanceof Trade t && t.symbol().equals(symbol)).map(e -> (Trade) e)
                .toList();
    }

    private List<BookGap> gaps(String symbol) {
        return events.stream().filter(e -> e instanceof BookGap g && g.symbol().equals(symbol))
                .map(e -> (BookGap) e).toList();
    }

    @Test
    void subscribesOnceAndKeepsEveryBookEqualToTheTwins() {
        start();
        awaitBooksEqualTheTwins();
        for (int i = 0; i < 200; i++) {
            twin.step();
        }
        awaitBooksEqualTheTwins();

        assertThat(twin.subscribeMessages()).isEqualTo(1);
        TwinSession session = twin.server().sessions().getFirst();
        assertThat(twin.subscriptions(session)).containsExactlyInAnyOrderElementsOf(SYMBOLS);
        // 50 from the first book plus one per step since
        await().atMost(Duration.ofSeconds(10)).until(() -> trades("BTCUSD").size() == 250);
        assertThat(trades("BTCUSD")).allMatch(t -> t.aggressor() != Aggressor.UNKNOWN);
        assertThat(trades("BTCUSD").stream().map(Trade::tradeId).distinct()).hasSize(250);
        assertThat(connector.symbolStats().get("ETHUSD").crossed()).isZero();
        assertThat(connector.feedStats().badInput()).isEmpty();
    }

    @Test
    void serverHeartbeatsKeepAQuietSocketAndTheClientPingsASilentOne() {
        startTwin(GeminiTwin.builder().heartbeatInterval(Duration.ofMillis(100)));
        startConnector(Duration.ofMillis(900));
        awaitBooksEqualTheTwins();
        TwinSession session = twin.server().sessions().getFirst();
        // no market data for three watchdog periods: the heartbeats alone keep the socket; no ping was needed
        await().during(Duration.ofMillis(2700)).atMost(Duration.ofSeconds(5))
                .until(() -> twin.server().sessionsOpened() == 1);
        assertThat(session.pingsReceived()).isZero();
        twin.close();

        startTwin(GeminiTwin.builder().heartbeatInterval(Duration.ZERO));
        connector.close();
        startConnector(Duration.ofMillis(900));
        awaitBooksEqualTheTwins();
        TwinSession silent = twin.server().sessions().getFirst();
        // silent server: the client pings after a third of its watchdog; the twin answers, the socket stays
        await().atMost(Duration.ofSeconds(5)).until(() -> silent.pingsReceived() >= 2);
        assertThat(twin.server().sessionsOpened()).isEqualTo(1);
    }

    @Test
    void aBookThatArrivesLateStartsTheSymbolAndEarlierUpdatesAreDropped() {
        startTwin(GeminiTwin.builder().heartbeatInterval(Duration.ZERO));
        twin.holdBooks(true);
        startConnector(Duration.ofSeconds(20));
        await().atMost(Duration.ofSeconds(10)).until(() -> twin.subscribeMessages() == 1);
        for (int i = 0; i < 30; i++) {
            twin.step();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> trades("ETHUSD").size() == 30);
        assertThat(connector.book("BTCUSD")).isEmpty();
        assertThat(connector.symbolStats().get("BTCUSD")).isNotNull();

        twin.holdBooks(false);
        awaitBooksEqualTheTwins();
        stepUntil(() -> SYMBOLS.stream().allMatch(this::sameAsTwin));
        assertThat(gaps("BTCUSD")).isEmpty();
        assertThat(connector.symbolStats().get("BTCUSD").crossed()).isZero();
    }

    @Test
    void aLostDiffResubscribesThatSymbolOnly() {
        start();
        awaitBooksEqualTheTwins();
        long ethApplied = connector.symbolStats().get("ETHUSD").applied();

        twin.loseDiff("BTCUSD");
        twin.step();
        await().atMost(Duration.ofSeconds(10)).until(() -> !gaps("BTCUSD").isEmpty());
        awaitBooksEqualTheTwins();
        stepUntil(() -> SYMBOLS.stream().allMatch(this::sameAsTwin));

        assertThat(gaps("BTCUSD")).hasSize(1);
        assertThat(connector.resubscriptions()).isEqualTo(1);
        assertThat(twin.unsubscribeMessages()).isEqualTo(1);
        assertThat(twin.subscribeMessages()).isEqualTo(2);
        assertThat(connector.symbolStats().get("BTCUSD").resyncs()).isEqualTo(1);
        assertThat(gaps("ETHUSD")).isEmpty();
        assertThat(connector.symbolStats().get("ETHUSD").resyncs()).isZero();
        assertThat(connector.symbolStats().get("ETHUSD").applied()).isGreaterThan(ethApplied);
        assertThat(twin.server().sessionsOpened()).isEqualTo(1);
    }

    @Test
    void aDroppedSocketReconnectsResubscribesAndRepeatedTradesAreDeduplicated() {
        start();
        awaitBooksEqualTheTwins();
        for (int i = 0; i < 10; i++) {
            twin.step();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> trades("BTCUSD").size() == 60);

        twin.server().faults().dropNow();
        await().atMost(Duration.ofSeconds(20)).until(() -> twin.server().sessionsOpened() == 2
                && twin.subscribeMessages() == 2);
        awaitBooksEqualTheTwins();
        twin.step();
        await().atMost(Duration.ofSeconds(10)).until(() -> trades("BTCUSD").size() == 61);

        assertThat(connector.feedStats().reconnects()).isPositive();
        // the new subscription's first book repeated the last 50 trades of each symbol: none delivered twice
        assertThat(connector.duplicateTrades()).isEqualTo(100);
        assertThat(trades("BTCUSD").stream().map(Trade::tradeId).distinct()).hasSize(61);
        assertThat(connector.symbolStats().get("BTCUSD").crossed()).isZero();
    }

    @Test
    void badFramesAreCountedAndTheBooksGoOn() {
        start();
        awaitBooksEqualTheTwins();
        TwinSession session = twin.server().sessions().getFirst();

        twin.server().faults().sendMalformed();
        twin.step();
        session.sendText("{\"type\":\"l2_updates\",\"changes\":[]}");
        session.sendText("{\"result\":\"error\",\"reason\":\"NoValidTradingPairs\"}");
        session.sendText("{\"type\":\"trade\",\"symbol\":\"BTCUSD\",\"price\":\"1\"}");
        twin.step();
        awaitBooksEqualTheTwins();

        await().atMost(Duration.ofSeconds(5)).until(() -> connector.feedStats().badInput().values().stream()
                .mapToLong(Long::longValue).sum() == 4);
        assertThat(connector.feedStats().badInput(BadInput.INVALID_JSON)).isEqualTo(1);
        assertThat(connector.feedStats().badInput(BadInput.WRONG_FIELD_TYPE)).isEqualTo(2);
        assertThat(connector.feedStats().badInput(BadInput.UNKNOWN_MESSAGE)).isEqualTo(1);
        assertThat(twin.server().sessionsOpened()).isEqualTo(1);
        assertThat(gaps("BTCUSD")).isEmpty();
    }

    @Test
    void anUnreadableChangeResubscribesThatSymbolOnly() {
        start();
        awaitBooksEqualTheTwins();
        TwinSession session = twin.server().sessions().getFirst();

        // eleven decimals do not fit the book's ten: the message cannot be applied, so the book is unknown
        session.sendText("{\"type\":\"l2_updates\",\"symbol\":\"BTCUSD\",\"changes\":[[\"buy\",\"1.00\","
                + "\"0.00000000001\"]]}");
        await().atMost(Duration.ofSeconds(10)).until(() -> !gaps("BTCUSD").isEmpty());
        stepUntil(() -> SYMBOLS.stream().allMatch(this::sameAsTwin));
        // the same for a change that cannot be read at all
        session.sendText("{\"type\":\"l2_updates\",\"symbol\":\"BTCUSD\",\"changes\":[[\"up\",\"1.00\",\"1\"]]}");
        await().atMost(Duration.ofSeconds(10)).until(() -> gaps("BTCUSD").size() == 2);
        stepUntil(() -> SYMBOLS.stream().allMatch(this::sameAsTwin));

        assertThat(gaps("BTCUSD")).hasSize(2).allSatisfy(g -> assertThat(g.gap().reason())
                .isEqualTo(GapReason.VALUE_REJECTED));
        assertThat(connector.resubscriptions()).isEqualTo(2);
        assertThat(twin.subscribeMessages()).isEqualTo(3);
        assertThat(connector.rejected()).isEqualTo(2);
        assertThat(gaps("ETHUSD")).isEmpty();
        assertThat(twin.server().sessionsOpened()).isEqualTo(1);
    }

    @Test
    void aSilentSocketIsReplacedAndItsSymbolsSubscribedAgain() {
        startTwin(GeminiTwin.builder().heartbeatInterval(Duration.ZERO));
        startConnector(Duration.ofMillis(900));
        awaitBooksEqualTheTwins();

        twin.server().sessions().getFirst().faults().stall(); // no data, no heartbeat, no pong
        await().atMost(Duration.ofSeconds(10)).until(() -> connector.feedStats().watchdogTimeouts() >= 1
                && twin.server().sessionsOpened() == 2 && twin.subscribeMessages() == 2);
        stepUntil(() -> SYMBOLS.stream().allMatch(this::sameAsTwin));

        assertThat(twin.server().sessions()).hasSize(1);
        assertThat(twin.subscriptions(twin.server().sessions().getFirst()))
                .containsExactlyInAnyOrderElementsOf(SYMBOLS);
    }
}
