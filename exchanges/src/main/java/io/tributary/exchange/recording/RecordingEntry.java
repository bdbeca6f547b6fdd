package io.tributary.exchange.recording;

import java.nio.charset.StandardCharsets;

/**
 * One event of a recorded exchange session.
 *
 * @param kind          what the recorder saw
 * @param receivedNanos the recorder's local receive time in epoch nanoseconds, or {@link #NO_TIME} when the
 *                      recording has none (nautilus JSON arrays)
 * @param url           the socket or REST URL for {@link Kind#CONNECT}, {@link Kind#SENT} and {@link Kind#REST};
 *                      {@code null} otherwise
 * @param payload       the message bytes as received (JSON text, or the raw bytes of a binary frame)
 * @param binary        true when the payload is a binary frame (e.g. Huobi's gzip), false for text
 */
public record RecordingEntry(Kind kind, long receivedNanos, String url, byte[] payload, boolean binary) {

    /** Marks an entry without a receive time. */
    public static final long NO_TIME = Long.MIN_VALUE;

    /** The kinds of recorded events. */
    public enum Kind {
        /** The recorder's configuration line (cryptofeed). */
        CONFIGURATION,
        /** A WebSocket connect; {@link #url()} is the socket URL. */
        CONNECT,
        /** A message the recorder sent (subscriptions). */
        SENT,
        /** A message received on the last connected socket. */
        RECEIVED,
        /** A REST response body; {@link #url()} is the request URL. */
        REST
    }

    /** The payload as UTF-8 text (allocates; for tests and diagnostics). */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        String shown = binary ? payload.length + " binary bytes" : text();
        if (shown.length() > 120) {
            shown = shown.substring(0, 120) + "...";
        }
        return kind + "@" + receivedNanos + (url == null ? "" : " " + url) + ": " + shown;
    }
}
