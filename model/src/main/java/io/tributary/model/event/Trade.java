package io.tributary.model.event;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One trade.
 *
 * @param tradeId   the exchange's trade id as sent (a string: some exchanges' ids do not fit a {@code long})
 * @param aggressor the side of the order that took liquidity
 */
public record Trade(String exchange, String symbol, String tradeId, BigDecimal price, BigDecimal size,
                    Aggressor aggressor, long exchangeTimeNs, long receivedNs) implements MarketEvent {

    public Trade {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(tradeId, "tradeId");
        Objects.requireNonNull(price, "price");
        Objects.requireNonNull(size, "size");
        Objects.requireNonNull(aggressor, "aggressor");
    }
}
