package io.tributary.exchange;

import java.util.HashMap;
import java.util.Map;

/**
 * How many decimals each symbol's prices and sizes keep as scaled {@code long}s: a default plus per-symbol
 * exceptions (from instrument metadata, e.g. a coin quoted to 11 decimals whose sizes run into the trillions).
 * A value with more significant decimals than its scale, or too large for it, is rejected, never rounded.
 * Immutable; lookups do not allocate.
 */
public final class Scales {

    private final int defaultPriceScale;
    private final int defaultSizeScale;
    private final Map<String, int[]> bySymbol;

    private Scales(int defaultPriceScale, int defaultSizeScale, Map<String, int[]> bySymbol) {
        this.defaultPriceScale = defaultPriceScale;
        this.defaultSizeScale = defaultSizeScale;
        this.bySymbol = bySymbol;
    }

    /** The same scales for every symbol. */
    public static Scales of(int priceScale, int sizeScale) {
        return new Scales(priceScale, sizeScale, Map.of());
    }

    /** @return a copy with {@code symbol}'s own scales */
    public Scales with(String symbol, int priceScale, int sizeScale) {
        Map<String, int[]> copy = new HashMap<>(bySymbol);
        copy.put(symbol, new int[] {priceScale, sizeScale});
        return new Scales(defaultPriceScale, defaultSizeScale, Map.copyOf(copy));
    }

    public int priceScale(String symbol) {
        int[] scales = bySymbol.get(symbol);
        return scales == null ? defaultPriceScale : scales[0];
    }

    public int sizeScale(String symbol) {
        int[] scales = bySymbol.get(symbol);
        return scales == null ? defaultSizeScale : scales[1];
    }
}
