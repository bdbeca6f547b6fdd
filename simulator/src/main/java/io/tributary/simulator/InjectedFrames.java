package io.tributary.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The payloads that faults inject. */
final class InjectedFrames {
    private static final byte[] PREFIX = "{\"oversized\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SUFFIX = "\"}".getBytes(StandardCharsets.US_ASCII);
    static final int MIN_OVERSIZED_BYTES = PREFIX.length + SUFFIX.length;

    /** Truncated mid-array: no JSON parser accepts it. */
    static final byte[] MALFORMED = "{\"e\":\"depthUpdate\",\"b\":[[\"1.0\",".getBytes(StandardCharsets.US_ASCII);

    private InjectedFrames() {}

    /** Valid JSON of exactly {@code bytes} bytes: an object whose one string value is padding. */
    static byte[] oversized(int bytes) {
        byte[] frame = new byte[bytes];
        System.arraycopy(PREFIX, 0, frame, 0, PREFIX.length);
        Arrays.fill(frame, PREFIX.length, bytes - SUFFIX.length, (byte) 'x');
        System.arraycopy(SUFFIX, 0, frame, bytes - SUFFIX.length, SUFFIX.length);
        return frame;
    }
}
