package io.tributary.model.event;

import java.util.List;
import java.util.Objects;

/**
 * A periodic local copy of the top of a live L2 book (not an exchange message): stored so that a book can be rebuilt
 * at any instant from the nearest snapshot and the {@link BookUpdate}s after it, without replaying from the start.
 *
 * @param bids           best first, at most the configured depth
 * @param asks           best first, at most the configured depth
 * @param updateId       the book's update id when copied (the last applied {@link BookUpdate#lastUpdateId()}), or -1
 * @param exchangeTimeNs exchange time of the last message applied to the book, or {@link #NO_TIME}
 * @param receivedNs     local wall-clock time the copy was taken
 */
public record BookSnapshot(String exchange, String symbol, List<Level> bids, List<Level> asks, long updateId,
                           long exchangeTimeNs, long receivedNs) implements MarketEvent {

    public BookSnapshot {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(symbol, "symbol");
        bids = List.copyOf(bids);
        asks = List.copyOf(asks);
    }
}
