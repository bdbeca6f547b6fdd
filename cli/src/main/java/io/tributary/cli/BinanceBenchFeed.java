package io.tributary.cli;

import io.tributary.book.BookView;
import io.tributary.book.L2Update;
import io.tributary.exchange.MarketDataConnector;
import io.tributary.exchange.Scales;
import io.tributary.exchange.SymbolStats;
import io.tributary.exchange.binance.BinanceChannel;
import io.tributary.exchange.binance.BinanceConnector;
import io.tributary.exchange.binance.BinanceDecoder;
import io.tributary.model.event.BookUpdate;
import io.tributary.model.event.MarketEvent;
import io.tributary.simulator.binance.BinanceTwin;
import io.tributary.simulator.binance.DepthFlood;
import io.tributary.simulator.binance.MarketGenerator;
import io.tributary.simulator.binance.SymbolSpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Binance for the {@link LivePathBench}: the twin floods one symbol's diff depth ({@link BinanceTwin#flood}, frames
 * printed around pre-rendered bodies as they are written) into the real {@link BinanceConnector}. Latency is
 * measured per {@link BookUpdate} by its last update id; the final book is compared with the twin's
 * {@code /api/v3/depth} answer, level by level, and the update id.
 */
final class BinanceBenchFeed implements BenchFeed {

    private static final String SYMBOL = "BTCUSDT";

    private final int levels;
    private final BinanceTwin twin;
    private final BinanceConnector connector;

    BinanceBenchFeed(int levels, int bookQueue) {
        this.levels = levels;
        MarketGenerator market = MarketGenerator.builder().seed(42)
                .symbol(SymbolSpec.of(SYMBOL, "65000.00", "0.01", "0.00001"))
                .bookDepth(Math.max(50, levels)).snapshotLag(0).build();
        this.twin = BinanceTwin.builder().market(market).stepsPerSecond(0).start();
        this.connector = BinanceConnector.builder()
                .symbols(SYMBOL)
                .channels(BinanceChannel.DEPTH_100MS)
                .webSocketBase(URI.create("ws://127.0.0.1:" + twin.server().port()))
                .restBase(URI.create("http://127.0.0.1:" + twin.server().port()))
                .bookQueueCapacity(bookQueue)
                .build();
    }

    @Override
    public String name() {
        return "binance-live";
    }

    @Override
    public MarketDataConnector connector() {
        return connector;
    }

    @Override
    public long floodKey(MarketEvent event) {
        return event instanceof BookUpdate update && !update.snapshot() ? update.lastUpdateId() : NOT_MEASURED;
    }

    /** One update: buffered, then the snapshot (fetched on the first update) bridges it. */
    @Override
    public void bringLive(Duration timeout) throws InterruptedException {
        // the connector subscribes with a live SUBSCRIBE after the socket opens: flood once the twin has it
        DepthFlood[] first = new DepthFlood[1];
        BenchFeed.await("the connector's subscription", timeout, () -> {
            try {
                first[0] = twin.flood(SYMBOL, 1, 1).start(0);
                return true;
            } catch (IllegalStateException notYet) {
                return false;
            }
        });
        BenchFeed.await("the book going live", timeout, () ->
                connector.book(SYMBOL).map(BookView::updateId).orElse(-1L) >= first[0].lastUpdateId());
    }

    @Override
    public Flood prepare(int updates) {
        DepthFlood flood = twin.flood(SYMBOL, updates, levels);
        return new Flood(flood::writeNanos, flood.lastUpdateId(), flood::start, flood.finished());
    }

    @Override
    public String compareBooks() {
        byte[] twinBook = twin.market().partialDepth(SYMBOL, 5000).getBytes(StandardCharsets.US_ASCII);
        L2Update expected = new L2Update();
        new BinanceDecoder(Scales.of(8, 8)).decodeSnapshot(twinBook, 0, twinBook.length, SYMBOL, expected);
        return BookCheck.compare(connector.book(SYMBOL), BookCheck.levels(expected), expected.lastUpdateId());
    }

    @Override
    public Map<String, Long> faults() {
        SymbolStats stats = connector.symbolStats().get(SYMBOL);
        Map<String, Long> faults = new LinkedHashMap<>();
        faults.put("queueOverflows", connector.queueOverflows());
        faults.put("gaps", stats == null ? 0 : stats.gaps());
        return faults;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("levels", levels);
    }

    @Override
    public void close() {
        connector.close();
        twin.close();
    }
}
