package io.tributary.model.event;

/** The side of the order that took liquidity in a trade (exchange-protocols.md §2.4 says how each exchange tells). */
public enum Aggressor {
    BUY, SELL, UNKNOWN
}
