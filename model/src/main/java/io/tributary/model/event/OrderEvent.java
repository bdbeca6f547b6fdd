package io.tributary.model.event;

import io.tributary.model.Side;
import java.math.BigDecimal;
import java.util.Objects;

/**
 * One order-by-order (L3) change.
 *
 * @param orderId the exchange's order id as sent
 * @param size    the order's remaining size after the change (zero for a delete)
 */
public record OrderEvent(String exchange, String symbol, OrderAction action, String orderId, Side side,
                         BigDecimal price, BigDecimal size, long exchangeTimeNs, long receivedNs)
        implements MarketEvent {

    public OrderEvent {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(side, "side");
    }

    /** What happened to the order. */
    public enum OrderAction {
        ADD, CHANGE, DELETE, EXECUTE
    }
}
