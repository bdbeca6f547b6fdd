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
    private byte[] ascii = new byte[32];

    /**
     * Parses {@code text[from, to)}. Surrounding double quotes, if both are present, are skipped.
     *
     * @param scale number of decimals of the result, 0..{@value #MAX_SCALE}
     * @return {@link DecimalResult#OK} when {@link #value()} and {@link #decimals()} hold the result
     */
    public DecimalResult parse(byte[] text, int from, int to, int scale) {
        if (scale < 0 || scale > MAX_SCALE) {
            throw new IllegalArgumentException("scale must be 0.." + MAX_SCALE + ": " + scale);
        }
        if (to - from >= 2 && text[from] == '"' && text[to - 1] == '"') {
            from++;
            to--;
        }
        return parseUnquoted(text, from, to, scale);
    }

    /** Same as {@link #parse(byte[], int, int, int)} over a character range (copied to ASCII first). */
    public DecimalResult parse(CharSequence text, int from, int to, int scale) {
        int length = to - from;
        if (ascii.length < length) {
            ascii = new byte[Math.max(length, ascii.length * 2)];
        }
        for (int i = 0; i < length; i++) {
            char c = text.charAt(from + i);
            ascii[i] = c < 0x80 ? (byte) c : (byte) '?'; // anything non-ASCII is malformed
        }
        return parse(ascii, 0, length, scale);
    }

    /** Same as {@link #parse(CharSequence, int, int, int)} over the whole sequence. */
    public DecimalResult parse(CharSequence text, int scale) {
        return parse(text, 0, text.length(), scale);
    }

    /** @return the value of the last successful parse, scaled by the scale it was asked for */
    public long value() {
        return value;
    }

    /** @return the number of fraction digits the last successfully parsed text wrote (see class comment) */
    public int decimals() {
        return decimals;
    }

    /** Sign, integer digits, optional fraction, optional exponent: one tight loop per part. */
    private DecimalResult parseUnquoted(byte[] text, int from, int to, int scale) {
        int i = from;
        boolean negative = false;
        if (i < to && text[i] == '-') {
            negative = true;
            i++;
        }
        long mantissa = 0;
        boolean mantissaOverflow = false;
        int integerDigits = 0;
        int lastNonZeroInteger = -1; // index among the integer digits
        for (; i < to; i++) {
            int digit = text[i] - '0';
            if (digit < 0 || digit > 9) {
                break;
            }
            if (digit != 0) {
                lastNonZeroInteger = integerDigits;
            }
            integerDigits++;
            if (mantissa <= SAFE_BEFORE_SHIFT[1] || mantissa <= (Long.MAX_VALUE - digit) / 10) {
                mantissa = mantissa * 10 + digit;
            } else {
                mantissaOverflow = true;
            }
        }
        int writtenDecimals = 0;
        int fractionDigitsInMantissa = 0;
        int pendingZeros = 0; // fraction zeros not yet multiplied in, so trailing zeros can never overflow
        int lastNonZeroDecimal = 0; // position after the point of the last non-zero fraction digit
        if (i < to && text[i] == '.') {
            for (i++; i < to; i++) {
                int digit = text[i] - '0';
                if (digit < 0 || digit > 9) {
                    break;
                }
                writtenDecimals++;
                if (digit == 0) {
                    pendingZeros++;
                    continue;
                }
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
        if (integerDigits + writtenDecimals == 0) {
            return DecimalResult.MALFORMED;
        }
        int exponent = 0;
        boolean exponentForm = i < to && (text[i] == 'e' || text[i] == 'E');
        if (exponentForm) {
            i++;
            boolean negativeExponent = false;
            if (i < to && (text[i] == '-' || text[i] == '+')) {
                negativeExponent = text[i] == '-';
                i++;
            }
            int exponentStart = i;
            for (; i < to; i++) {
                int digit = text[i] - '0';
                if (digit < 0 || digit > 9) {
                    break;
                }
                exponent = Math.min(exponent * 10 + digit, EXPONENT_LIMIT);
            }
            if (i == exponentStart) {
                return DecimalResult.MALFORMED;
            }
            if (negativeExponent) {
                exponent = -exponent;
            }
        } else if (writtenDecimals > MAX_WRITTEN_DECIMALS) {
            return DecimalResult.TOO_PRECISE;
        }
        if (i != to) {
            return DecimalResult.MALFORMED;
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
        decimals = exponentForm ? Decimals.minimalDecimals(scaled, scale) : writtenDecimals;
        return DecimalResult.OK;
    }
}
