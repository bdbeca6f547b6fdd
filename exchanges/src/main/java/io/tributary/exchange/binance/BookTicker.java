package io.tributary.exchange.binance;

/**
 * Binance {@code bookTicker}: best bid/ask with the order book update id {@code u} it reflects. A reusable carrier
 * the decoder refills; prices and sizes are scaled {@code long}s at the decoder's scales.
 */
public final class BookTicker {

    String symbol;
    long updateId;
    long bidPrice;
    long bidSize;
    long askPrice;
    long askSize;

    public String symbol() {
        return symbol;
    }

    /** The {@code u} field: the last depth update id this best bid/ask includes. */
    public long updateId() {
        return updateId;
    }

    public long bidPrice() {
        return bidPrice;
    }

    public long bidSize() {
        return bidSize;
    }

    public long askPrice() {
        return askPrice;
    }

    public long askSize() {
        return askSize;
    }
}
