package io.tributary.model.event;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * The top of a book: best bid and ask with their sizes. A side with no orders has a null price and size.
 *
 * @param updateId the exchange's update id for this top of book (Binance {@code u}), or -1 if none
 */
public record BestBidAsk(String exchange, String symbol, BigDecimal bidPrice, BigDecimal bidSize,
                         BigDecimal askPrice, BigDecimal askSize, long updateId, long exchangeTimeNs, long receivedNs)
        implements MarketEvent {

    public BestBidAsk {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(symbol, "symbol");
    }

    /** @return ask minus bid, or null when a side is empty */
    public BigDecimal spread() {
        return bidPrice == null || askPrice == null ? null : askPrice.subtract(bidPrice);
    }
}
