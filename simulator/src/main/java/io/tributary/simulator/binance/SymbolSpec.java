package io.tributary.simulator.binance;

import java.util.Locale;

/**
 * One generated symbol: its name (upper case, e.g. "BTCUSDT"), starting mid price, tick and lot sizes, all as exact
 * decimals with 8 places.
 */
public record SymbolSpec(String symbol, long midE8, long tickE8, long lotE8) {
    public SymbolSpec {
        if (!symbol.equals(symbol.toUpperCase(Locale.ROOT)) || symbol.isEmpty()) {
            throw new IllegalArgumentException("symbols are upper case, e.g. BTCUSDT: " + symbol);
        }
        if (tickE8 <= 0 || lotE8 <= 0 || midE8 <= 0 || midE8 % tickE8 != 0) {
            throw new IllegalArgumentException("mid must be a positive multiple of a positive tick: " + symbol);
        }
    }

    /** From decimal strings, e.g. {@code of("BTCUSDT", "65000.00", "0.01", "0.00001")}. */
    public static SymbolSpec of(String symbol, String mid, String tick, String lot) {
        return new SymbolSpec(symbol, Decimals.parse(mid), Decimals.parse(tick), Decimals.parse(lot));
    }

    /** The lower-case name used in stream names ("btcusdt"). */
    public String streamName() {
        return symbol.toLowerCase(Locale.ROOT);
    }
}
