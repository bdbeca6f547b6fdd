package io.tributary.model;

/**
 * Reads decimal text (a JSON string such as {@code "0.00000500"} or a JSON number such as {@code 7255.0} or
 * {@code -2e-8}) into a {@code long} scaled by a caller-chosen number of decimals, without allocating and without
 * ever rounding: a value with more significant decimals than the scale, or one too large for a {@code long}, is
 * rejected with a distinct {@link DecimalResult}.
 *
 * <p>Besides the value it reports how many decimals the text wrote ({@code "0.00000500"} wrote 8), so that
 * checksums which hash the exchange's own digits can render the number exactly as it was sent. For exponent text
 * the reported decimals are the fewest that render the value in plain notation.
 *
 * <p>One instance is reused by one thread; results are valid until the next {@code parse}.
 */
public final class DecimalParser {

    /** Largest scale a {@code long} can carry with at least one integer digit. */
    public static final int MAX_SCALE = 18;

    /** Texts that write more fraction digits than this are rejected: their rendering could not be kept. */
    public static final int MAX_WRITTEN_DECIMALS = 60;

    private static final int EXPONENT_LIMIT = 10_000;

    /** {@code SAFE_BEFORE_SHIFT[s]}: any mantissa up to this survives {@code * 10^s + 9} (fast path, no division). */
    private static final long[] SAFE_BEFORE_SHIFT = new long[MAX_SCALE + 1];

    static {
        for (int shift = 0; shift <= MAX_SCALE; shift++) {
            SAFE_BEFORE_SHIFT[shift] = (Long.MAX_VALUE - 9) / Decimals.pow10(shift);
        }
    }

    private long value;
    private int decimals;

    /**
     * Parses {@code text[from, to)}. Surrounding double quotes, if both are present, are skipped.
     *
     * @param scale number of decimals of the result, 0..{@value #MAX_SCALE}
     * @return {@link DecimalResult#OK} when {@link #value()} and {@link #decimals()} hold the result
     */
    public DecimalResult parse(byte[] text, int from, int to, int scale) {
        return parse(text, null, from, to, scale);
    }

    /** Same as {@link #parse(byte[], int, int, int)} over a character range. */
    public DecimalResult parse(CharSequence text, int from, int to, int scale) {
        return parse(null, text, from, to, scale);
    }

    /** Same as {@link #parse(CharSequence, int, int, int)} over the whole sequence. */
    public DecimalResult parse(CharSequence text, int scale) {
        return parse(null, text, 0, text.length(), scale);
    }

    /** @return the value of the last successful parse, scaled by the scale it was asked for */
    public long value() {
        return value;
    }

    /** @return the number of fraction digits the last successfully parsed text wrote (see class comment) */
    public int decimals() {
        return decimals;
    }

    private DecimalResult parse(byte[] bytes, CharSequence chars, int from, int to, int scale) {
        if (scale < 0 || scale > MAX_SCALE) {
            throw new IllegalArgumentException("scale must be 0.." + MAX_SCALE + ": " + scale);
        }
        if (to - from >= 2 && at(bytes, chars, from) == '"' && at(bytes, chars, to - 1) == '"') {
            from++;
            to--;
        }
        int i = from;
        boolean negative = false;
        if (i < to && at(bytes, chars, i) == '-') {
            negative = true;
            i++;
        }
        long mantissa = 0;
        boolean mantissaOverflow = false;
        int fractionDigitsInMantissa = 0;
        int pendingZeros = 0; // fraction zeros not yet multiplied in, so trailing zeros can never overflow
        int writtenDecimals = 0;
        int integerDigits = 0;
        int lastNonZeroInteger = -1; // index among the integer digits
        int lastNonZeroDecimal = 0; // position after the point of the last non-zero fraction digit
        boolean point = false;
        boolean exponentFollows = false;
        for (; i < to; i++) {
            char c = at(bytes, chars, i);
            if (c >= '0' && c <= '9') {
                int digit = c - '0';
                if (!point) {
                    if (digit != 0) {
                        lastNonZeroInteger = integerDigits;
                    }
                    integerDigits++;
                    if (mantissa <= SAFE_BEFORE_SHIFT[1] || mantissa <= (Long.MAX_VALUE - digit) / 10) {
                        mantissa = mantissa * 10 + digit;
                    } else {
                        mantissaOverflow = true;
                    }
                } else {
                    writtenDecimals++;
                    if (digit == 0) {
                        pendingZeros++;
                    } else {
                        lastNonZeroDecimal = writtenDecimals;
                        int shift = pendingZeros + 1;
                        if (!mantissaOverflow && shift <= MAX_SCALE && (mantissa <= SAFE_BEFORE_SHIFT[shift]
                                || mantissa <= (Long.MAX_VALUE - digit) / Decimals.pow10(shift))) {
                            mantissa = mantissa * Decimals.pow10(shift) + digit;
                            fractionDigitsInMantissa += shift;
                        } else {
                            mantissaOverflow = true;
                        }
                        pendingZeros = 0;
                    }
                }
            } else if (c == '.' && !point) {
                point = true;
            } else if ((c == 'e' || c == 'E') && integerDigits + writtenDecimals > 0) {
                exponentFollows = true;
                i++;
                break;
            } else {
                return DecimalResult.MALFORMED;
            }
        }
        if (integerDigits + writtenDecimals == 0) {
            return DecimalResult.MALFORMED;
        }
        int exponent = 0;
        if (exponentFollows) {
            boolean negativeExponent = false;
            if (i < to && (at(bytes, chars, i) == '-' || at(bytes, chars, i) == '+')) {
                negativeExponent = at(bytes, chars, i) == '-';
                i++;
            }
            if (i == to) {
                return DecimalResult.MALFORMED;
            }
            for (; i < to; i++) {
                char c = at(bytes, chars, i);
                if (c < '0' || c > '9') {
                    return DecimalResult.MALFORMED;
                }
                exponent = Math.min(exponent * 10 + (c - '0'), EXPONENT_LIMIT);
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        } else if (writtenDecimals > MAX_WRITTEN_DECIMALS) {
            return DecimalResult.TOO_PRECISE;
        }
        if (mantissaOverflow) {
            // Too many significant digits for a long: say why it cannot fit. The last significant digit's place
            // after the point decides between "needs more decimals" and "too large".
            int lastSignificant = lastNonZeroDecimal > 0 ? lastNonZeroDecimal
                    : lastNonZeroInteger - (integerDigits - 1);
            return lastSignificant - exponent > scale ? DecimalResult.TOO_PRECISE : DecimalResult.OVERFLOW;
        }

        long scaled;
        if (mantissa == 0) {
            scaled = 0;
        } else {
            int shift = scale + exponent - fractionDigitsInMantissa;
            if (shift >= 0) {
                if (shift > MAX_SCALE
                        || mantissa > SAFE_BEFORE_SHIFT[shift] && mantissa > Long.MAX_VALUE / Decimals.pow10(shift)) {
                    return DecimalResult.OVERFLOW;
                }
                scaled = mantissa * Decimals.pow10(shift);
            } else {
                if (-shift > MAX_SCALE || mantissa % Decimals.pow10(-shift) != 0) {
                    return DecimalResult.TOO_PRECISE;
                }
                scaled = mantissa / Decimals.pow10(-shift);
            }
        }
        value = negative ? -scaled : scaled;
        decimals = exponentFollows ? Decimals.minimalDecimals(scaled, scale) : writtenDecimals;
        return DecimalResult.OK;
    }

    private static char at(byte[] bytes, CharSequence chars, int index) {
        return bytes != null ? (char) (bytes[index] & 0xFF) : chars.charAt(index);
    }
}
