package io.tributary.cli;

import java.math.BigDecimal;
import java.util.List;

/**
 * One asset's spread across exchanges: the best bid anywhere against the best ask anywhere, and where each is. When
 * the best bid is above the best ask the market is crossed: buying on one exchange and selling on the other would
 * pay (before fees).
 *
 * @param asset       e.g. {@code BTC/USD}
 * @param bid         the highest bid of all exchanges, or null if none has a bid
 * @param bidExchange where it is
 * @param ask         the lowest ask of all exchanges, or null if none has an ask
 * @param askExchange where it is
 */
record CrossSpread(String asset, BigDecimal bid, String bidExchange, BigDecimal ask, String askExchange) {

    /** One exchange's best prices for the asset (null: that side is empty or the book is not in sync). */
    record Quote(String exchange, BigDecimal bid, BigDecimal ask) {
    }

    static CrossSpread of(String asset, List<Quote> quotes) {
        Quote bestBid = null;
        Quote bestAsk = null;
        for (Quote quote : quotes) {
            if (quote.bid() != null && (bestBid == null || quote.bid().compareTo(bestBid.bid()) > 0)) {
                bestBid = quote;
            }
            if (quote.ask() != null && (bestAsk == null || quote.ask().compareTo(bestAsk.ask()) < 0)) {
                bestAsk = quote;
            }
        }
        return new CrossSpread(asset, bestBid == null ? null : bestBid.bid(),
                bestBid == null ? null : bestBid.exchange(), bestAsk == null ? null : bestAsk.ask(),
                bestAsk == null ? null : bestAsk.exchange());
    }

    /** @return whether the best bid anywhere is above the best ask anywhere */
    boolean crossed() {
        return bid != null && ask != null && bid.compareTo(ask) > 0;
    }

    /** @return one table line: best bid and where, best ask and where, the spread, and whether it is crossed */
    String line() {
        if (bid == null || ask == null) {
            return String.format("%-10s no bid and ask yet", asset);
        }
        return String.format("%-10s best bid %14s on %-9s best ask %14s on %-9s spread %10s%s", asset,
                DemoCommand.plain(bid), bidExchange, DemoCommand.plain(ask), askExchange,
                DemoCommand.plain(ask.subtract(bid)),
                crossed() ? "  CROSSED" : bid.compareTo(ask) == 0 ? "  locked" : "");
    }
}
