package io.tributary.exchange.gemini;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.book.BookView;
import io.tributary.core.error.BadInput;
import io.tributary.core.stream.Overflow;
import io.tributary.core.stream.StreamOptions;
import io.tributary.model.Side;
import io.tributary.model.event.Aggressor;
import io.tributary.model.event.BookGap;
import io.tributary.model.event.BookUpdate;
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
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The real Gemini connector speaking market data v1 to the Gemini twin on loopback, one socket per symbol. */
class GeminiV1ConnectorTest {

    private static final List<String> SYMBOLS = List.of("BTCUSD", "ETHUSD");
    private static final long TWIN_TIME_MS = 1_700_000_000_123L;

    private GeminiTwin twin;
    private GeminiConnector connector;
    private final AtomicLong twinTimeMs = new AtomicLong(TWIN_TIME_MS);
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
        twin = builder.symbol("BTCUSD", 4_500_000).symbol("ETHUSD", 300_000).seed(7).clock(twinTimeMs::get).start();
        for (int i = 0; i < 60; i++) {
            twin.step(); // history before anyone connects
        }
    }

    private void startConnector(Duration watchdog) {
        connector = GeminiConnector.builder().api(GeminiApi.V1).symbols(SYMBOLS).webSocketBase(twin.webSocketBase())
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

    private TwinSession socketOf(String symbol) {
        return twin.server().sessions().stream().filter(s -> s.path().endsWith("/" + symbol)).findFirst()
                .orElseThrow();
    }

    @Test
    void oneSocketPerSymbolBringsTheInitialBookThenUpdatesAndTrades() {
        start();
        awaitBooksEqualTheTwins();
        twinTimeMs.set(TWIN_TIME_MS + 5);
        for (int i = 0; i < 200; i++) {
            twin.step();
        }
        awaitBooksEqualTheTwins();

        assertThat(twin.server().sessionsOpened()).isEqualTo(2);
        TwinSession btc = socketOf("BTCUSD");
        assertThat(btc.path()).isEqualTo("/v1/marketdata/BTCUSD");
        assertThat(btc.query()).containsEntry("heartbeat", List.of("true")).containsEntry("top_of_book",
                List.of("false")).containsEntry("bids", List.of("true")).containsEntry("offers", List.of("true"))
                .containsEntry("trades", List.of("true"));
        assertThat(btc.textsReceived()).isZero(); // connecting is subscribing
        // a v1 socket starts with the book only: one trade per step since
        await().atMost(Duration.ofSeconds(10)).until(() -> trades("BTCUSD").size() == 200
                && trades("ETHUSD").size() == 200);
        List<Trade> trades = trades("BTCUSD");
        assertThat(trades).allMatch(t -> t.aggressor() != Aggressor.UNKNOWN);
        assertThat(trades).allMatch(t -> t.exchangeTimeNs() == (TWIN_TIME_MS + 5) * 1_000_000L);
        assertThat(trades.stream().map(Trade::tradeId).distinct()).hasSize(200);
        assertThat(trades).allMatch(t -> t.price().scale() == 2 && t.size().scale() == 6); // as written, exact
        BookUpdate first = events.stream().filter(e -> e instanceof BookUpdate u && u.symbol().equals("BTCUSD"))
                .map(e -> (BookUpdate) e).findFirst().orElseThrow();
        assertThat(first.snapshot()).isTrue();
        assertThat(first.exchangeTimeNs()).isEqualTo(TWIN_TIME_MS * 1_000_000L);
        assertThat(gaps("BTCUSD")).isEmpty();
        assertThat(gaps("ETHUSD")).isEmpty();
        assertThat(connector.symbolStats().get("ETHUSD").crossed()).isZero();
        assertThat(connector.feedStats().badInput()).isEmpty();
    }

    @Test
    void heartbeatsTakeTheirPlaceInTheSequenceAndKeepQuietSocketsOpen() {
        startTwin(GeminiTwin.builder().heartbeatInterval(Duration.ofMillis(100)));
        startConnector(Duration.ofMillis(900));
        awaitBooksEqualTheTwins();
        long btcFramesBefore = socketOf("BTCUSD").framesSent();
        // no market data for three watchdog periods: numbered heartbeats alone keep both sockets
        await().during(Duration.ofMillis(2700)).atMost(Duration.ofSeconds(5))
                .until(() -> twin.server().sessionsOpened() == 2);
        assertThat(socketOf("BTCUSD").framesSent() - btcFramesBefore).isGreaterThanOrEqualTo(10);
        for (int i = 0; i < 20; i++) {
            twin.step();
        }
        awaitBooksEqualTheTwins();
        assertThat(gaps("BTCUSD")).isEmpty(); // the updates after the heartbeats continue their numbers
        assertThat(gaps("ETHUSD")).isEmpty();
        assertThat(twin.server().sessionsOpened()).isEqualTo(2);
        assertThat(connector.feedStats().watchdogTimeouts()).isZero();
    }

    @Test
    void aSkippedSocketSequenceReconnectsThatSymbolOnly() {
        start();
        awaitBooksEqualTheTwins();
        long ethApplied = connector.symbolStats().get("ETHUSD").applied();
        TwinSession ethSocket = socketOf("ETHUSD");

        twin.skipSocketSequence("BTCUSD");
        twin.step();
        await().atMost(Duration.ofSeconds(10)).until(() -> !gaps("BTCUSD").isEmpty());
        assertThat(connector.book("BTCUSD")).isEmpty();
        assertThat(connector.book("ETHUSD")).isPresent(); // live all along
        stepUntil(() -> twin.server().sessionsOpened() == 3 && SYMBOLS.stream().allMatch(this::sameAsTwin));

        assertThat(gaps("BTCUSD")).hasSize(1);
        assertThat(connector.symbolStats().get("BTCUSD").resyncs()).isEqualTo(1);
        await().atMost(Duration.ofSeconds(10)).until(() -> twin.v1Sockets("BTCUSD") == 1); // the broken one closed
        assertThat(gaps("ETHUSD")).isEmpty();
        assertThat(connector.symbolStats().get("ETHUSD").resyncs()).isZero();
        assertThat(connector.symbolStats().get("ETHUSD").applied()).isGreaterThan(ethApplied);
        assertThat(ethSocket.isOpen()).isTrue();
        assertThat(socketOf("ETHUSD").id()).isEqualTo(ethSocket.id());
    }

    @Test
    void aDroppedSocketReconnectsAndItsBookIsRebuilt() {
        start();
        awaitBooksEqualTheTwins();
        TwinSession ethSocket = socketOf("ETHUSD");

        socketOf("BTCUSD").faults().dropNow();
        await().atMost(Duration.ofSeconds(20)).until(() -> twin.server().sessionsOpened() == 3);
        stepUntil(() -> SYMBOLS.stream().allMatch(this::sameAsTwin));

        assertThat(connector.feedStats().reconnects()).isEqualTo(1);
        assertThat(gaps("BTCUSD")).hasSize(1); // the lost socket voided its book until the new initial book
        assertThat(connector.symbolStats().get("BTCUSD").resyncs()).isEqualTo(1);
        assertThat(gaps("ETHUSD")).isEmpty();
        assertThat(ethSocket.isOpen()).isTrue();
    }

    @Test
    void badFramesAreCountedAndTheSequenceGoesOn() {
        start();
        awaitBooksEqualTheTwins();
        TwinSession btc = socketOf("BTCUSD");

        twin.server().faults().sendMalformed();
        twin.step();
        btc.sendText("{\"type\":\"update\",\"events\":[]}");
        btc.sendText("[1,2,3]");
        twin.step();
        awaitBooksEqualTheTwins();

        await().atMost(Duration.ofSeconds(5)).until(() -> connector.feedStats().badInput().values().stream()
                .mapToLong(Long::longValue).sum() == 4);
        assertThat(connector.feedStats().badInput(BadInput.INVALID_JSON)).isEqualTo(2); // one per socket
        assertThat(connector.feedStats().badInput(BadInput.WRONG_FIELD_TYPE)).isEqualTo(1);
        assertThat(connector.feedStats().badInput(BadInput.UNKNOWN_MESSAGE)).isEqualTo(1);
        assertThat(twin.server().sessionsOpened()).isEqualTo(2);
        assertThat(gaps("BTCUSD")).isEmpty();
        assertThat(gaps("ETHUSD")).isEmpty();
    }

    @Test
    void tradesRepeatedToANewSocketAreDeliveredOnce() {
        startTwin(GeminiTwin.builder().heartbeatInterval(Duration.ZERO));
        twin.repeatTradesOnConnect(5);
        startConnector(Duration.ofSeconds(20));
        awaitBooksEqualTheTwins();
        for (int i = 0; i < 10; i++) {
            twin.step();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> trades("BTCUSD").size() == 15);

        socketOf("BTCUSD").faults().dropNow();
        await().atMost(Duration.ofSeconds(20)).until(() -> twin.server().sessionsOpened() == 3);
        awaitBooksEqualTheTwins();
        twin.step();
        await().atMost(Duration.ofSeconds(10)).until(() -> trades("BTCUSD").size() == 16);

        // the new socket repeated the last 5 trades: none delivered twice
        assertThat(connector.duplicateTrades()).isEqualTo(5);
        assertThat(trades("BTCUSD").stream().map(Trade::tradeId).distinct()).hasSize(16);
    }
}
