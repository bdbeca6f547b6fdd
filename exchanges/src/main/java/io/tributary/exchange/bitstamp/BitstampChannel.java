package io.tributary.exchange.bitstamp;

import java.util.List;

/** What the connector follows per market; each names the Bitstamp channels it subscribes to. */
public enum BitstampChannel {
    /** L2: {@code diff_order_book} synced with REST {@code order_book}, checked by {@code order_book} top-100. */
    DIFF_BOOK("diff_order_book_", "order_book_"),
    /** L3: {@code live_orders}, seeded and checked by {@code detail_order_book}. */
    LIVE_ORDERS("live_orders_", "detail_order_book_"),
    /** Trades: {@code live_trades}. */
    TRADES("live_trades_");

    private final List<String> prefixes;

    BitstampChannel(String... prefixes) {
        this.prefixes = List.of(prefixes);
    }

    /** @return the channel names for {@code market}, e.g. {@code diff_order_book_btcusd} */
    List<String> channels(String market) {
        return prefixes.stream().map(prefix -> prefix + market).toList();
    }
}
