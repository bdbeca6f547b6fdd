package io.tributary.model;

import java.util.Objects;

/**
 * A symbol's book stopped being trustworthy and is being resynchronised. Only that symbol is affected; other
 * symbols on the same connection keep flowing.
 *
 * @param exchange exchange name, e.g. {@code "binance"}
 * @param symbol   the exchange's symbol
 * @param expected what should have been: the sequence number (or previous id) the rule expected, or for a
 *                 checksum mismatch the checksum the exchange sent; {@code Long.MIN_VALUE} if not applicable
 * @param received what was: the sequence number (or previous id) that arrived, or the checksum of the local book;
 *                 {@code Long.MIN_VALUE} if not applicable
 * @param reason   why
 */
public record GapEvent(String exchange, String symbol, long expected, long received, GapReason reason) {

    public GapEvent {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(reason, "reason");
    }
}
