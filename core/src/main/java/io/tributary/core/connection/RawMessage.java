package io.tributary.core.connection;

import com.alibaba.fastjson2.JSON;
import io.tributary.core.error.BadInput;
import io.tributary.core.error.BadInputException;
import java.nio.charset.StandardCharsets;

/**
 * One message as received from an exchange socket, before any exchange-specific parsing: the payload bytes (text
 * frames are validated UTF-8; compressed frames already inflated), where and when it was received, and its text
 * and JSON tree computed lazily, at most once, and only if someone asks.
 *
 * <p>Immutable for its users and safe to share between consumers: the lazily computed forms are published through
 * volatile fields (two threads may compute the same value concurrently; both get equal results). The JSON tree is a
 * fastjson2 {@code JSONObject}/{@code JSONArray} shared by all consumers: treat it as read-only. Decimal numbers in
 * it are {@code BigDecimal}, never {@code double}.
 */
public final class RawMessage {

    private static final Object INVALID = new Object();

    private final long connectionId;
    private long sequence; // assigned once, on the feed's thread, before the message is published
    private final long receivedNanos;
    private final long receivedEpochNanos;
    private final boolean binary;
    private final byte[] bytes;
    private volatile String text;
    private volatile Object json;

    /**
     * @param connectionId       the socket it arrived on
     * @param sequence           its position in the feed (see {@link #sequence()})
     * @param receivedNanos      local monotonic receive time ({@link io.tributary.core.time.NanoClock#nanoTime()})
     * @param receivedEpochNanos local wall-clock receive time, nanoseconds since the epoch
     * @param binary             true for a binary payload that is not text
     * @param bytes              the payload; not copied, must not be changed afterwards
     */
    public RawMessage(long connectionId, long sequence, long receivedNanos, long receivedEpochNanos, boolean binary,
                      byte[] bytes) {
        this.connectionId = connectionId;
        this.sequence = sequence;
        this.receivedNanos = receivedNanos;
        this.receivedEpochNanos = receivedEpochNanos;
        this.binary = binary;
        this.bytes = bytes;
    }

    /** A text message (tests, replays). */
    public static RawMessage ofText(long connectionId, long sequence, long receivedNanos, long receivedEpochNanos,
                                    String text) {
        RawMessage message = new RawMessage(connectionId, sequence, receivedNanos, receivedEpochNanos, false,
                text.getBytes(StandardCharsets.UTF_8));
        message.text = text;
        return message;
    }

    /** Sets the feed position just before publishing (the hub's queue locks publish it to consumers). */
    void assignSequence(long feedSequence) {
        this.sequence = feedSequence;
    }

    /** @return the id of the socket the message arrived on (see {@link SocketInfo#id()}) */
    public long connectionId() {
        return connectionId;
    }

    /**
     * @return the message's position among the messages the feed delivered: 1, 2, 3, ... without gaps, across
     *         sockets and rotations. Zero for a message the feed inspected but did not deliver.
     */
    public long sequence() {
        return sequence;
    }

    /** @return local monotonic receive time in nanoseconds (comparable with the feed clock's nanoTime) */
    public long receivedNanos() {
        return receivedNanos;
    }

    /** @return local wall-clock receive time in nanoseconds since 1970-01-01T00:00Z */
    public long receivedEpochNanos() {
        return receivedEpochNanos;
    }

    /** @return true if the payload is binary data rather than text */
    public boolean binary() {
        return binary;
    }

    /** @return the payload (UTF-8 text unless {@link #binary()}); shared, do not modify */
    public byte[] bytes() {
        return bytes;
    }

    /** @return the payload size in bytes */
    public int size() {
        return bytes.length;
    }

    /** @return the payload decoded as UTF-8 (computed once) */
    public String text() {
        String result = text;
        if (result == null) {
            result = new String(bytes, StandardCharsets.UTF_8);
            text = result;
        }
        return result;
    }

    /**
     * @return the payload parsed as JSON (computed once): a {@code JSONObject}, {@code JSONArray}, {@code String},
     *         {@code Number} or {@code Boolean}
     * @throws BadInputException of kind {@link BadInput#INVALID_JSON} if the payload is not JSON
     */
    public Object json() {
        Object result = json;
        if (result == null) {
            result = parse();
            json = result;
        }
        if (result == INVALID) {
            throw new BadInputException(BadInput.INVALID_JSON, "not JSON: " + preview());
        }
        return result;
    }

    private Object parse() {
        if (binary) {
            return INVALID;
        }
        try {
            Object parsed = JSON.parse(bytes);
            return parsed == null ? INVALID : parsed;
        } catch (RuntimeException e) {
            // fastjson2 reports truncated input with assorted runtime exceptions, not only JSONException.
            return INVALID;
        }
    }

    /** @return the start of the payload for log lines (at most 120 characters) */
    public String preview() {
        if (binary) {
            return "<" + bytes.length + " binary bytes>";
        }
        String all = bytes.length > 480 ? new String(bytes, 0, 480, StandardCharsets.UTF_8) : text();
        return all.length() > 120 ? all.substring(0, 120) + "... (" + bytes.length + " bytes)" : all;
    }

    @Override
    public String toString() {
        return "RawMessage[connection=" + connectionId + ", sequence=" + sequence + ", " + preview() + "]";
    }
}
