package io.tributary.cli;

import io.tributary.exchange.Scales;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-symbol scales chosen from the values a recording holds, for exchanges whose instruments differ by many orders
 * of magnitude and whose instrument metadata was not recorded (HTX quotes sizes to up to 15 decimals on one market
 * and in the hundreds of millions on another). A symbol's scale is the widest fraction seen, lowered only as far
 * as its largest value needs to fit a {@code long}; a value that then still does not fit is rejected by the book
 * like any other, never rounded.
 */
final class ObservedScales {

    /** What one column (prices or sizes) of one symbol needs. */
    private static final class Needs {
        int widestFraction;
        BigDecimal largest = BigDecimal.ZERO;

        void see(BigDecimal value) {
            widestFraction = Math.max(widestFraction, value.stripTrailingZeros().scale());
            if (value.abs().compareTo(largest) > 0) {
                largest = value.abs();
            }
        }

        int scale() {
            int scale = Math.min(widestFraction, MAX_SCALE);
            while (scale > 0 && largest.movePointRight(scale).compareTo(LONG_MAX) > 0) {
                scale--;
            }
            return scale;
        }

        /** @return why some values cannot fit, or null if they all do */
        String misfit(String symbol, String column) {
            int scale = scale();
            return scale >= widestFraction ? null : symbol + ": " + column + " need " + widestFraction
                    + " decimals and reach " + largest.toPlainString() + ", so at most " + scale
                    + " decimals fit a 64-bit value; those with more are rejected, not rounded";
        }
    }

    private static final int MAX_SCALE = 18;
    private static final BigDecimal LONG_MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private final Map<String, Needs[]> bySymbol = new LinkedHashMap<>();

    /** Notes one level's price and size. */
    void see(String symbol, BigDecimal price, BigDecimal size) {
        Needs[] needs = bySymbol.computeIfAbsent(symbol, s -> new Needs[] {new Needs(), new Needs()});
        needs[0].see(price);
        needs[1].see(size);
    }

    /** @return one line per symbol and column whose values cannot all fit one scale */
    List<String> misfits() {
        List<String> lines = new ArrayList<>();
        bySymbol.forEach((symbol, needs) -> {
            for (String line : new String[] {needs[0].misfit(symbol, "prices"), needs[1].misfit(symbol, "sizes")}) {
                if (line != null) {
                    lines.add(line);
                }
            }
        });
        return lines;
    }

    /** @return the scales for every symbol seen; {@code fallback} for the others */
    Scales scales(Scales fallback) {
        Scales scales = fallback;
        for (Map.Entry<String, Needs[]> entry : bySymbol.entrySet()) {
            scales = scales.with(entry.getKey(), entry.getValue()[0].scale(), entry.getValue()[1].scale());
        }
        return scales;
    }
}
