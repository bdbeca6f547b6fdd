package io.tributary.exchange.binance;

import java.util.Locale;

/** The public streams a connector can follow for each symbol (exchange-protocols.md §3.2). */
public enum BinanceChannel {
    /** Diff depth every 1000 ms, kept as an exact book. */
    DEPTH("@depth"),
    /** Diff depth every 100 ms, kept as an exact book. */
    DEPTH_100MS("@depth@100ms"),
    /** Every trade. */
    TRADE("@trade"),
    /** Trades aggregated per taker order and price. */
    AGG_TRADE("@aggTrade"),
    /** Best bid and ask, on every change. */
    BOOK_TICKER("@bookTicker");

    private final String suffix;

    BinanceChannel(String suffix) {
        this.suffix = suffix;
    }

    /** @return the stream name for {@code symbol}, e.g. {@code btcusdt@depth@100ms} */
    public String stream(String symbol) {
        return symbol.toLowerCase(Locale.ROOT) + suffix;
    }

    boolean isDepth() {
        return this == DEPTH || this == DEPTH_100MS;
    }
}
