package io.tributary.exchange.gemini;

import io.tributary.model.event.Aggressor;
import java.math.BigDecimal;

/**
 * One decoded Gemini v2 trade.
 *
 * @param eventId     Gemini's {@code event_id}: increasing per symbol, the dedupe key
 * @param taker       from {@code side}, which is the taker's side in v2
 * @param timestampMs exchange time, epoch milliseconds
 */
public record GeminiTrade(String symbol, long eventId, BigDecimal price, BigDecimal quantity, Aggressor taker,
                          long timestampMs) {
}
