package io.tributary.model.event;

import java.util.List;
import java.util.Objects;

/**
 * A change to a symbol's price-level (L2) book, applied after sequence checks: a full snapshot or a set of level
 * changes.
 *
 * @param snapshot      true if {@code bids} and {@code asks} replace the whole book
 * @param firstUpdateId the exchange's first update id covered (Binance {@code U}), or {@code lastUpdateId} if it has one id
 * @param lastUpdateId  the exchange's last update id covered (Binance {@code u}, OKX {@code seqId}), or -1 if none
 */
public record BookUpdate(String exchange, String symbol, boolean snapshot, List<Level> bids, List<Level> asks,
                         long firstUpdateId, long lastUpdateId, long exchangeTimeNs, long receivedNs)
        implements MarketEvent {

    public BookUpdate {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(symbol, "symbol");
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
    }
}
