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
     * Parses the decimal token starting at {@code start}: a quoted string, or a bare JSON number ending at a
     * delimiter ({@code , ] }} or whitespace) or at {@code limit}. Scanning and parsing are one pass.
     *
     * @return the index just past the token, with {@link #value()} and {@link #decimals()} set; or -1 if the slow
     *         path must decide
     */
    int parse(byte[] text, int start, int limit, int scale) {
        boolean quoted = text[start] == '"';
        int i = quoted ? start + 1 : start;
        boolean negative = i < limit && text[i] == '-';
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
        for (; i < limit; i++) {
            int c = text[i];
            if (c >= '0' && c <= '9') {
                anyDigit = true;
                int digit = c - '0';
                if (!point) {
                    if (mantissa != 0 || digit != 0) {
                        if (++digits > MAX_DIGITS) {
                            return -1;
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
                            return -1;
                        }
                        mantissa = mantissa * Decimals.pow10(shift) + digit;
                        fractionInMantissa += shift;
                        pendingZeros = 0;
                    }
                }
            } else if (c == '.' && !point) {
                point = true;
            } else {
                break;
            }
        }
        int end;
        if (quoted) {
            if (i >= limit || text[i] != '"') {
                return -1;
            }
            end = i + 1;
        } else {
            if (i < limit && !isDelimiter(text[i])) {
                return -1;
            }
            end = i;
        }
        if (!anyDigit || fractionInMantissa > scale || scale > DecimalParser.MAX_SCALE) {
            return -1;
        }
        int shift = scale - fractionInMantissa;
        if (mantissa > MAX_BEFORE_SCALING[shift]) {
            return -1;
        }
        long scaled = mantissa * Decimals.pow10(shift);
        value = negative ? -scaled : scaled;
        decimals = written;
        return end;
    }

    private static boolean isDelimiter(int c) {
        return c == ',' || c == ']' || c == '}' || c == ' ' || c == '\n' || c == '\r' || c == '\t';
    }

    long value() {
        return value;
    }

    /** @return the number of fraction digits the text wrote */
    int decimals() {
        return decimals;
    }
}
