package io.tributary.bench;

import java.nio.charset.StandardCharsets;

/**
 * The benchmark frames: {@code {"e":"bench","seq":N,"t":NANOS,"pad":"…"}}, about 165 bytes like a Binance depth
 * update, where {@code t} is the server's {@link System#nanoTime()} just before the write. Server and consumers share
 * one JVM, so the stamps compare directly with the consumer's clock.
 */
final class StampedFrames {
    private static final String PAD = "x".repeat(110);
    private static final byte[] SEQ_KEY = "\"seq\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] TIME_KEY = "\"t\":".getBytes(StandardCharsets.US_ASCII);

    private StampedFrames() {}

    static String frame(long sequence) {
        return "{\"e\":\"bench\",\"seq\":" + sequence + ",\"t\":" + System.nanoTime() + ",\"pad\":\"" + PAD + "\"}";
    }

    static long sequence(byte[] frame) {
        return numberAfter(frame, SEQ_KEY);
    }

    static long sentNanos(byte[] frame) {
        return numberAfter(frame, TIME_KEY);
    }

    /** The (possibly negative) integer right after {@code key}; the frames are ours, so no JSON parser is needed. */
    private static long numberAfter(byte[] frame, byte[] key) {
        int at = indexOf(frame, key);
        if (at < 0) {
            throw new IllegalArgumentException("not a benchmark frame: " + new String(frame, StandardCharsets.UTF_8));
        }
        int i = at + key.length;
        boolean negative = frame[i] == '-';
        if (negative) {
            i++;
        }
        long value = 0;
        for (; i < frame.length && frame[i] >= '0' && frame[i] <= '9'; i++) {
            value = value * 10 + (frame[i] - '0');
        }
        return negative ? -value : value;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
