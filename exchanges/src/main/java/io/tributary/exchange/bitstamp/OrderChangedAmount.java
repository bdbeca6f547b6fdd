package io.tributary.exchange.bitstamp;

/**
 * What the {@code amount} of a {@code live_orders} {@code order_changed} event means. Bitstamp's page says only
 * "order amount"; client libraries read it as the amount left (JKorf's Bitstamp.Net, phil8192's order book), while
 * ccxt's private-channel parser and its maintainers' test suggest otherwise (docs/protocols/bitstamp.md). Both are
 * supported until a recording settles it; the {@code detail_order_book} check counts a wrong choice as mismatches.
 */
public enum OrderChangedAmount {
    /** The order's remaining amount after the change (the default). */
    REMAINING,
    /** The amount that left the order in this change: the remaining amount is the book's minus this. */
    TRADED
}
