package io.tributary.cli;

import io.tributary.book.BookView;
import io.tributary.exchange.MarketDataConnector;
import io.tributary.exchange.SymbolStats;
import io.tributary.exchange.huobi.HuobiChannel;
import io.tributary.exchange.huobi.HuobiConnector;
import io.tributary.model.Side;
import io.tributary.model.event.BookUpdate;
import io.tributary.model.event.MarketEvent;
import io.tributary.simulator.huobi.HuobiFlood;
import io.tributary.simulator.huobi.HuobiTwin;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HTX for the {@link LivePathBench}: the twin plays one symbol's MBP increments ({@link HuobiTwin#flood}: generated
 * and gzip-compressed before the clock starts) into the real {@link HuobiConnector}, which inflates every frame on
 * its socket thread, chains it by {@code seqNum}/{@code prevSeqNum} and applies it on its book thread. Latency per
 * {@link BookUpdate} by its {@code seqNum}; the final book is compared with the twin's, and the {@code seqNum}.
 */
final class HuobiBenchFeed implements BenchFeed {

    private static final String SYMBOL = "btcusdt";
    private static final String TOPIC = "market." + SYMBOL + ".mbp.150";

    private final int levels;
    private final HuobiTwin twin;
    private final HuobiConnector connector;
    private long frames;
    private long compressedBytes;

    HuobiBenchFeed(int levels, int bookQueue) {
        this.levels = levels;
        this.twin = HuobiTwin.builder().symbols(List.of(SYMBOL)).seed(42).start();
        this.connector = HuobiConnector.builder()
                .symbols(SYMBOL)
                .channels(HuobiChannel.MBP_150)
                .webSocketBase(twin.webSocketBase())
                .bookQueueCapacity(bookQueue)
                .build();
    }

    @Override
    public String name() {
        return "huobi-live";
    }

    @Override
    public MarketDataConnector connector() {
        return connector;
    }

    @Override
    public long floodKey(MarketEvent event) {
        return event instanceof BookUpdate update && !update.snapshot() ? update.lastUpdateId() : NOT_MEASURED;
    }

    /** One increment: the connector buffers it and sends a {@code req}, whose answer bridges it. */
    @Override
    public void bringLive(Duration timeout) throws InterruptedException {
        BenchFeed.await("the connector's subscription", timeout,
                () -> twin.subscriptions().stream().anyMatch(topics -> topics.contains(TOPIC)));
        twin.step();
        long seqNum = twin.seqNum(SYMBOL);
        BenchFeed.await("the book going live", timeout,
                () -> connector.book(SYMBOL).map(BookView::updateId).orElse(-1L) >= seqNum);
    }

    @Override
    public Flood prepare(int updates) {
        HuobiFlood flood = twin.flood(SYMBOL, updates, levels);
        frames += flood.updates();
        compressedBytes += flood.compressedBytes();
        return new Flood(flood::writeNanos, flood.lastSeqNum(), flood::start, flood.finished());
    }

    @Override
    public String compareBooks() {
        List<Map<BigDecimal, BigDecimal>> book = twin.book(SYMBOL);
        Map<Side, Map<BigDecimal, BigDecimal>> expected = BookCheck.emptyBook();
        expected.get(Side.BID).putAll(book.get(0));
        expected.get(Side.ASK).putAll(book.get(1));
        return BookCheck.compare(connector.book(SYMBOL), expected, twin.seqNum(SYMBOL));
    }

    @Override
    public Map<String, Long> faults() {
        SymbolStats stats = connector.symbolStats().get(SYMBOL);
        Map<String, Long> faults = new LinkedHashMap<>();
        faults.put("queueOverflows", connector.queueOverflows());
        faults.put("gaps", stats == null ? 0 : stats.gaps());
        faults.put("rejected", connector.rejected());
        faults.put("badFrames", connector.feedStats().badInput().values().stream().mapToLong(Long::longValue).sum());
        return faults;
    }

    @Override
    public Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("levels", levels);
        details.put("gzipBytesPerFrame", frames == 0 ? 0 : compressedBytes / frames);
        return details;
    }

    @Override
    public void close() {
        connector.close();
        twin.close();
    }
}
