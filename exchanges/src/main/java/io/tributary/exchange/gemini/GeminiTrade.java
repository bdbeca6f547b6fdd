package io.tributary.exchange.gemini;

import io.tributary.model.event.Aggressor;
import java.math.BigDecimal;

/**
 * One decoded Gemini trade (v1 or v2).
 *
 * @param eventId     the trade's id and dedupe key, increasing per symbol: v2 {@code event_id}, v1 {@code tid}
 * @param taker       v2: {@code side}, the taker's side; v1: the side opposite {@code makerSide}
 * @param timestampMs exchange time, epoch milliseconds ({@link Long#MIN_VALUE} if the message had none)
 */
public record GeminiTrade(String symbol, long eventId, BigDecimal price, BigDecimal quantity, Aggressor taker,
                          long timestampMs) {
}
