package io.tributary.simulator.binance;

import java.math.BigDecimal;

/** Fixed-point values with 8 decimals (Binance's precision), as {@code long}; exact both ways. */
final class Decimals {
    static final int SCALE = 8;
    private static final long ONE = 100_000_000L;

    private Decimals() {}

    /** "65000.01" → 6500001000000; rejects more than 8 decimals or values that do not fit. */
    static long parse(String decimal) {
        return new BigDecimal(decimal).setScale(SCALE).unscaledValue().longValueExact();
    }

    /** 6500001000000 → "65000.01000000", the way Binance prints prices and quantities. */
    static String format(long e8) {
        StringBuilder text = new StringBuilder(24);
        appendTo(text, e8);
        return text.toString();
    }

    static void appendTo(StringBuilder out, long e8) {
        if (e8 < 0) {
            out.append('-');
            e8 = -e8; // values are prices and sizes, far from Long.MIN_VALUE
        }
        out.append(e8 / ONE).append('.');
        String fraction = Long.toString(e8 % ONE);
        out.repeat('0', SCALE - fraction.length()).append(fraction);
    }
}
