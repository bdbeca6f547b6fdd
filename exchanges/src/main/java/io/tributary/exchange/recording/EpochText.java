package io.tributary.exchange.recording;

/** Parses recorder timestamps into epoch nanoseconds without floating point. */
final class EpochText {

    static final long INVALID = Long.MIN_VALUE;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;
    /** Epoch values at or above this are nanoseconds; below, microseconds (1e17 ns is 1973, 1e17 us is year 5138). */
    private static final long NANOS_THRESHOLD = 100_000_000_000_000_000L;

    private EpochText() {
    }

    /** Decimal seconds such as {@code 1617666423.1245198}; at most 9 fraction digits (more would lose precision). */
    static long secondsToNanos(byte[] text, int from, int to) {
        long seconds = 0;
        int i = from;
        int digits = 0;
        while (i < to && text[i] >= '0' && text[i] <= '9') {
            if (++digits > 11) {
                return INVALID;
            }
            seconds = seconds * 10 + (text[i++] - '0');
        }
        if (digits == 0) {
            return INVALID;
        }
        long fraction = 0;
        int fractionDigits = 0;
        if (i < to && text[i] == '.') {
            i++;
            while (i < to && text[i] >= '0' && text[i] <= '9') {
                if (++fractionDigits > 9) {
                    return INVALID;
                }
                fraction = fraction * 10 + (text[i++] - '0');
            }
        }
        if (i != to) {
            return INVALID;
        }
        for (int d = fractionDigits; d < 9; d++) {
            fraction *= 10;
        }
        return seconds * NANOS_PER_SECOND + fraction;
    }

    /** An integer epoch time in nanoseconds or microseconds, told apart by magnitude (hftbacktest writes both). */
    static long integerToNanos(byte[] text, int from, int to) {
        if (from >= to || to - from > 19) {
            return INVALID;
        }
        try {
            long value = 0;
            for (int i = from; i < to; i++) {
                if (text[i] < '0' || text[i] > '9') {
                    return INVALID;
                }
                value = Math.addExact(Math.multiplyExact(value, 10L), text[i] - '0');
            }
            return value >= NANOS_THRESHOLD ? value : Math.multiplyExact(value, 1000L);
        } catch (ArithmeticException overflow) {
            return INVALID;
        }
    }
}
