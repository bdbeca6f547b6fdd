package io.tributary.cli;

import io.tributary.exchange.MarketDataConnector;
import io.tributary.exchange.bitstamp.BitstampChannel;
import io.tributary.exchange.bitstamp.BitstampConnector;
import io.tributary.model.event.MarketEvent;
import io.tributary.model.event.OrderEvent;
import io.tributary.simulator.bitstamp.BitstampFlood;
import io.tributary.simulator.bitstamp.BitstampTwin;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bitstamp L3 for the {@link LivePathBench}: the twin plays one market's {@code live_orders} events
 * ({@link BitstampTwin#flood}, rendered before the clock starts) into the real {@link BitstampConnector}, which keeps
 * them order by order (its aggregated view is the market's L2 book). Latency per {@link OrderEvent} by its
 * {@code microtimestamp}; the final order book and its aggregated view are compared with the twin's
 * {@code detail_order_book} (which holds the whole book: the twin keeps under 100 orders a side).
 */
final class BitstampBenchFeed implements BenchFeed {

    private static final String SYMBOL = "btcusd";

    private final BitstampTwin twin;
    private final BitstampConnector connector;

    BitstampBenchFeed(int bookQueue) {
        // a detail_order_book on every step: one step seeds the connector's order book
        this.twin = BitstampTwin.manual(List.of(SYMBOL), 1);
        this.connector = BitstampConnector.builder()
                .symbols(SYMBOL)
                .channels(BitstampChannel.LIVE_ORDERS)
                .webSocketBase(twin.webSocketUri())
                .restBase(twin.restBase())
                .bookQueueCapacity(bookQueue)
                .build();
    }

    @Override
    public String name() {
        return "bitstamp-l3-live";
    }

    @Override
    public MarketDataConnector connector() {
        return connector;
    }

    @Override
    public long floodKey(MarketEvent event) {
        return event instanceof OrderEvent order ? order.exchangeTimeNs() / 1000 : NOT_MEASURED;
    }

    /** One step: an order event and a {@code detail_order_book} that seeds the connector's order book. */
    @Override
    public void bringLive(Duration timeout) throws InterruptedException {
        // live_orders_ and detail_order_book_: both subscriptions in place
        BenchFeed.await("the connector's subscriptions", timeout, () -> twin.subscribeRequests() >= 2);
        twin.step();
        BenchFeed.await("the order book being seeded", timeout, () -> connector.orderBook(SYMBOL).isPresent());
    }

    @Override
    public Flood prepare(int updates) {
        BitstampFlood flood = twin.flood(SYMBOL, updates);
        return new Flood(flood::writeNanos, flood.lastMicros(), flood::start, flood.finished());
    }

    /** Order by order, then the aggregated view (the market's L2 book) level by level. */
    @Override
    public String compareBooks() {
        String detail = twin.detailOrderBook(SYMBOL);
        String orders = BookCheck.compareOrders(connector.orderBook(SYMBOL), detail);
        return orders.isEmpty() ? BookCheck.compare(connector.book(SYMBOL), BookCheck.levels(detail), BookCheck.NO_ID)
                : orders;
    }

    @Override
    public Map<String, Long> faults() {
        Map<String, Long> faults = new LinkedHashMap<>();
        faults.put("queueOverflows", connector.queueOverflows());
        faults.put("rejected", connector.rejected());
        faults.put("orderBookMismatches", connector.orderBookMismatches());
        return faults;
    }

    @Override
    public Map<String, Object> details() {
        return Map.of("orderBookOrders", connector.orderBook(SYMBOL).map(book -> (Object) book.orderCount()).orElse(0));
    }

    @Override
    public void close() {
        connector.close();
        twin.close();
    }
}
