package io.tributary.model;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Exact decimals as scaled {@code long}s: {@code value / 10^scale}. Conversions to and from {@link BigDecimal}
 * and text, all exact; a value that does not fit is rejected, never rounded.
 */
public final class Decimals {

    private static final long[] POW10 = new long[DecimalParser.MAX_SCALE + 1];

    static {
        POW10[0] = 1;
        for (int i = 1; i < POW10.length; i++) {
            POW10[i] = POW10[i - 1] * 10;
        }
    }

    private Decimals() {
    }

    /** @return 10^exponent for exponent 0..18 */
    public static long pow10(int exponent) {
        return POW10[exponent];
    }

    /**
     * Parses text exactly (for configuration, snapshots from REST and tests; the hot path uses
     * {@link DecimalParser}).
     *
     * @throws DecimalRejectedException if the text is malformed or does not fit the scale exactly
     */
    public static long parse(CharSequence text, int scale) {
        DecimalParser parser = new DecimalParser();
        DecimalResult result = parser.parse(text, scale);
        if (result != DecimalResult.OK) {
            throw new DecimalRejectedException(result, "'" + text + "' at scale " + scale + ": " + result);
        }
        return parser.value();
    }

    /** @return the exact {@link BigDecimal} of a scaled value, with the given scale */
    public static BigDecimal toBigDecimal(long value, int scale) {
        return BigDecimal.valueOf(value, scale);
    }

    /**
     * @param decimals the number of fraction digits to show (as written on the wire); more are shown when the
     *                 value needs them
     * @return the exact {@link BigDecimal} with that many fraction digits
     */
    public static BigDecimal toBigDecimal(long value, int scale, int decimals) {
        return BigDecimal.valueOf(value, scale).setScale(Math.max(decimals, minimalDecimals(value, scale)),
                RoundingMode.UNNECESSARY);
    }

    /**
     * @return {@code value} scaled by {@code scale}
     * @throws DecimalRejectedException if it has more significant decimals than the scale or does not fit a long
     */
    public static long fromBigDecimal(BigDecimal value, int scale) {
        BigDecimal scaled;
        try {
            scaled = value.setScale(scale, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new DecimalRejectedException(DecimalResult.TOO_PRECISE, value + " at scale " + scale);
        }
        try {
            return scaled.unscaledValue().longValueExact();
        } catch (ArithmeticException e) {
            throw new DecimalRejectedException(DecimalResult.OVERFLOW, value + " at scale " + scale);
        }
    }

    /** @return the fewest fraction digits that show {@code value} (at {@code scale}) exactly */
    public static int minimalDecimals(long value, int scale) {
        int decimals = scale;
        while (decimals > 0 && value % 10 == 0) {
            value /= 10;
            decimals--;
        }
        return decimals;
    }

    /** @return plain text of the value with {@code decimals} fraction digits (more if the value needs them) */
    public static String toPlainString(long value, int scale, int decimals) {
        return new AsciiBuffer(24).appendPlain(value, scale, decimals).toString();
    }

    /** @return plain text of the value with no trailing fraction zeros ({@code 7255}, {@code 0.5}) */
    public static String toPlainString(long value, int scale) {
        return toPlainString(value, scale, 0);
    }
}
