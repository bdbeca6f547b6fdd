package io.tributary.model;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable ASCII byte buffer with exact renderings of scaled decimals, reused to build checksum input without
 * allocating. Single-threaded.
 */
public final class AsciiBuffer {

    private static final byte[] LONG_MIN = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

    private byte[] bytes;
    private int length;

    public AsciiBuffer(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    /** Empties the buffer, keeping its storage. */
    public AsciiBuffer clear() {
        length = 0;
        return this;
    }

    /** @return the backing array; bytes {@code [0, length())} are the content */
    public byte[] array() {
        return bytes;
    }

    public int length() {
        return length;
    }

    public AsciiBuffer append(char c) {
        ensure(1);
        bytes[length++] = (byte) c;
        return this;
    }

    public AsciiBuffer append(CharSequence text) {
        ensure(text.length());
        for (int i = 0; i < text.length(); i++) {
            bytes[length++] = (byte) text.charAt(i);
        }
        return this;
    }

    /** Appends a whole number in decimal. */
    public AsciiBuffer append(long number) {
        if (number == Long.MIN_VALUE) {
            ensure(LONG_MIN.length);
            System.arraycopy(LONG_MIN, 0, bytes, length, LONG_MIN.length);
            length += LONG_MIN.length;
            return this;
        }
        if (number < 0) {
            append('-');
            number = -number;
        }
        int digits = digitCount(number);
        ensure(digits);
        for (int i = length + digits - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + number % 10);
            number /= 10;
        }
        length += digits;
        return this;
    }

    /**
     * Appends the value in plain notation with exactly {@code decimals} fraction digits, or more if the value
     * needs them ({@code 500} at scale 8 with 8 decimals is {@code 0.00000500}; with 0 decimals {@code 0.000005}).
     */
    public AsciiBuffer appendPlain(long value, int scale, int decimals) {
        int shown = Math.max(decimals, Decimals.minimalDecimals(value, scale));
        if (value < 0) {
            append('-');
        }
        long magnitude = Math.abs(value);
        long integerPart = magnitude / Decimals.pow10(scale);
        long fraction = magnitude % Decimals.pow10(scale);
        append(integerPart);
        if (shown > 0) {
            append('.');
            int fromScale = Math.min(shown, scale);
            if (fromScale > 0) {
                appendPadded(fraction / Decimals.pow10(scale - fromScale), fromScale);
            }
            for (int i = fromScale; i < shown; i++) {
                append('0');
            }
        }
        return this;
    }

    /**
     * Appends the digits of the value as written with {@code decimals} fraction digits, without the point, the
     * sign and leading zeros (Kraken's checksum form: {@code 0.00000500} → {@code 500}).
     */
    public AsciiBuffer appendDigits(long value, int scale, int decimals) {
        int shown = Math.max(decimals, Decimals.minimalDecimals(value, scale));
        long magnitude = Math.abs(value);
        if (shown <= scale) {
            return append(magnitude / Decimals.pow10(scale - shown));
        }
        // more digits written than the scale holds: the extra ones are zeros
        append(magnitude);
        for (int i = scale; i < shown && magnitude != 0; i++) {
            append('0');
        }
        return this;
    }

    /**
     * Appends the value as JavaScript's {@code Number.prototype.toString} renders the number (Bitfinex computes
     * checksums in JavaScript): no trailing zeros ({@code 7255}), exponent form below 1e-6 ({@code 1e-8},
     * {@code -2.5e-7}). Matches JavaScript for values with at most 15 significant digits (every double then
     * round-trips the decimal); beyond that JavaScript itself would show the nearest double's digits.
     */
    public AsciiBuffer appendJs(long value, int scale) {
        if (value == 0) {
            return append('0');
        }
        if (value < 0) {
            append('-');
        }
        long digits = Math.abs(value);
        int exponent = -scale; // |value| = digits * 10^exponent
        while (digits % 10 == 0) {
            digits /= 10;
            exponent++;
        }
        int digitCount = digitCount(digits);
        int pointPosition = digitCount + exponent; // |value| = 0.<digits> * 10^pointPosition
        if (pointPosition > -6) {
            return appendPlain(Math.abs(value), scale, 0);
        }
        int start = length;
        append(digits);
        if (digitCount > 1) {
            ensure(1);
            System.arraycopy(bytes, start + 1, bytes, start + 2, digitCount - 1);
            bytes[start + 1] = '.';
            length++;
        }
        append('e').append('-').append((long) -(pointPosition - 1));
        return this;
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.US_ASCII);
    }

    private void appendPadded(long number, int width) {
        int digits = digitCount(number);
        for (int i = digits; i < width; i++) {
            append('0');
        }
        append(number);
    }

    private static int digitCount(long nonNegative) {
        int digits = 1;
        while (nonNegative >= 10) {
            nonNegative /= 10;
            digits++;
        }
        return digits;
    }

    private void ensure(int extra) {
        if (length + extra > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + extra));
        }
    }
}
