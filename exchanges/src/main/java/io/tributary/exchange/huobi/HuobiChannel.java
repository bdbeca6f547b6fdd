package io.tributary.exchange.huobi;

/** The HTX market-data channels the connector follows (exchange-protocols.md §4.5, §4.8). */
public enum HuobiChannel {
    /** Incremental market-by-price book, 150 levels, on {@code /feed}, synced by a {@code req} snapshot. */
    MBP_150("mbp.150", true),
    /** Incremental MBP, 20 levels, tick by tick (fewer symbols), on {@code /feed}. */
    MBP_20("mbp.20", true),
    /** Incremental MBP, 5 levels, tick by tick, on {@code /feed}. */
    MBP_5("mbp.5", true),
    /** Full 150-level snapshots about once a second, on {@code /ws}; each replaces the book. */
    DEPTH_STEP0("depth.step0", false),
    /** Tick-by-tick trades, on {@code /ws}. */
    TRADE("trade.detail", false),
    /** Tick-by-tick best bid and offer, on {@code /ws}. */
    BBO("bbo", false);

    private final String suffix;
    private final boolean onFeedPath;

    HuobiChannel(String suffix, boolean onFeedPath) {
        this.suffix = suffix;
        this.onFeedPath = onFeedPath;
    }

    /** @return the topic of {@code symbol} on this channel, e.g. {@code market.btcusdt.mbp.150} */
    public String topic(String symbol) {
        return "market." + symbol + "." + suffix;
    }

    /** @return true for the incremental MBP channels, served on {@code /feed} rather than {@code /ws} */
    public boolean onFeedPath() {
        return onFeedPath;
    }

    /** @return true if this channel carries an order book */
    public boolean isBook() {
        return onFeedPath || this == DEPTH_STEP0;
    }

    static HuobiChannel ofSuffix(String suffix) {
        for (HuobiChannel channel : values()) {
            if (channel.suffix.equals(suffix)) {
                return channel;
            }
        }
        return null;
    }
}
