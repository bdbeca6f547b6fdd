package io.tributary.exchange.huobi;

import io.tributary.model.event.Aggressor;
import java.math.BigDecimal;

/**
 * One decoded HTX trade.
 *
 * @param tradeId    {@code tradeId} (spot), or the {@code id} of swaps, which have no {@code tradeId}; kept as text
 *                   because the deprecated spot {@code id} overflows a {@code long}
 * @param amount     base quantity ({@code amount}; contracts on swaps), exact
 * @param aggressor  the taker side, from {@code direction}
 * @param timeMs     trade time, epoch milliseconds
 */
public record HuobiTrade(String symbol, String tradeId, BigDecimal price, BigDecimal amount, Aggressor aggressor,
                         long timeMs) {
}
