package io.tributary.exchange.json;

import io.tributary.model.DecimalParser;
import io.tributary.model.Decimals;

/**
 * The fast path of decimal parsing for what exchanges nearly always send: plain text ({@code "64123.45000000"},
 * {@code -0.5}) with at most 18 significant digits. Such a value cannot overflow while its digits are gathered, so
 * the loop needs no division; scaling needs one comparison against a table. Anything else (exponents, more
 * digits, a value that does not fit) returns false and is left to {@link DecimalParser}, which gives the same
 * results on this path and classifies the rejections. Single-threaded.
 */
final class PlainDecimalParser {

    private static final int MAX_DIGITS = 18;
    private static final long[] MAX_BEFORE_SCALING = new long[DecimalParser.MAX_SCALE + 1];

    static {
        for (int i = 0; i < MAX_BEFORE_SCALING.length; i++) {
            MAX_BEFORE_SCALING[i] = Long.MAX_VALUE / Decimals.pow10(i);
        }
    }

    private long value;
    private int decimals;

    /**
     * Parses {@code text[from, to)} (surrounding quotes allowed) at {@code scale}.
     *
     * @return true with {@link #value()} and {@link #decimals()} set; false if the slow path must decide
     */
    boolean tryParse(byte[] text, int from, int to, int scale) {
        if (to - from >= 2 && text[from] == '"' && text[to - 1] == '"') {
            from++;
            to--;
        }
        int i = from;
        boolean negative = i < to && text[i] == '-';
        if (negative) {
            i++;
        }
        long mantissa = 0;
        int digits = 0;           // significant digits gathered into the mantissa
        int fractionInMantissa = 0;
        int pendingZeros = 0;     // fraction zeros not yet multiplied in (trailing zeros never are)
        int written = 0;          // fraction digits as written
        boolean point = false;
        boolean anyDigit = false;
        for (; i < to; i++) {
            int c = text[i];
            if (c >= '0' && c <= '9') {
                anyDigit = true;
                int digit = c - '0';
                if (!point) {
                    if (mantissa != 0 || digit != 0) {
                        if (++digits > MAX_DIGITS) {
                            return false;
                        }
                        mantissa = mantissa * 10 + digit;
                    }
                } else {
                    written++;
                    if (digit == 0) {
                        pendingZeros++;
                    } else {
                        int shift = pendingZeros + 1;
                        digits += mantissa == 0 ? 1 : shift;
                        if (digits > MAX_DIGITS || shift > DecimalParser.MAX_SCALE) {
                            return false;
                        }
                        mantissa = mantissa * Decimals.pow10(shift) + digit;
                        fractionInMantissa += shift;
                        pendingZeros = 0;
                    }
                }
            } else if (c == '.' && !point) {
                point = true;
            } else {
                return false;
            }
        }
        if (!anyDigit || fractionInMantissa > scale || scale > DecimalParser.MAX_SCALE) {
            return false;
        }
        int shift = scale - fractionInMantissa;
        if (mantissa > MAX_BEFORE_SCALING[shift]) {
            return false;
        }
        long scaled = mantissa * Decimals.pow10(shift);
        value = negative ? -scaled : scaled;
        decimals = written;
        return true;
    }

    long value() {
        return value;
    }

    /** @return the number of fraction digits the text wrote */
    int decimals() {
        return decimals;
    }
}
