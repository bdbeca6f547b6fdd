package io.tributary.model.event;

/**
 * A normalized market-data event, the same shape for every exchange. Prices and sizes are exact decimals; every
 * event carries the exchange's own time and the local receive time.
 */
public sealed interface MarketEvent permits Trade, BookUpdate, BestBidAsk, BookGap, OrderEvent, ConnectionEvent,
        BookSnapshot {

    /** {@link #exchangeTimeNs()} when the exchange sends no time with the message. */
    long NO_TIME = Long.MIN_VALUE;

    /** @return the exchange's name, e.g. {@code "binance"} */
    String exchange();

    /** @return the exchange's own symbol, e.g. {@code "BTCUSDT"}; empty for connection events */
    String symbol();

    /**
     * @return the exchange's event time in nanoseconds since the epoch, exact at the source's precision (a
     *         millisecond source gives multiples of 1,000,000), or {@link #NO_TIME}
     */
    long exchangeTimeNs();

    /** @return the local wall-clock receive time of the frame that carried the event, nanoseconds since the epoch */
    long receivedNs();
}
