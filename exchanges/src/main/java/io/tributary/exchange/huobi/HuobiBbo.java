package io.tributary.exchange.huobi;

import java.math.BigDecimal;

/** One decoded {@code market.$symbol.bbo} push (exchange-protocols.md §4.5), exact. */
public record HuobiBbo(String symbol, BigDecimal bid, BigDecimal bidSize, BigDecimal ask, BigDecimal askSize,
                       long seqId, long quoteTimeMs) {
}
