package io.tributary.simulator;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * One client's WebSocket connection to a twin. Every method is thread-safe and never blocks: sends are queued
 * onto the session's I/O thread, which writes them through the fault layer (server-wide and per-session
 * {@link Faults}), only as fast as the socket takes them.
 */
public interface TwinSession {
    long id();

    /** The request path, without the query. */
    String path();

    Map<String, List<String>> query();

    boolean isOpen();

    /** A text frame; discarded when sent while stalled (a stalled server sends nothing). */
    void sendText(String text);

    void sendBinary(byte[] data);

    /** A text frame with arbitrary bytes, e.g. invalid UTF-8. */
    void sendRawText(byte[] payload);

    /** A ping control frame (withheld while stalled). */
    void sendPing(byte[] payload);

    /** A close frame, then TCP close once the client answers (or after a short grace period). */
    void close(int code, String reason);

    /** Data frames (text and binary) written to the socket. */
    long framesSent();

    /** Payload bytes of those data frames. */
    long bytesSent();

    long pingsReceived();

    long pongsReceived();

    long textsReceived();

    /** False while the socket's outbound buffer is above its high-water mark (the client reads too slowly). */
    boolean isWritable();

    /** Whether a route should refuse subscription requests: set on this session's or the server's faults. */
    boolean subscriptionsRefused();

    /** Per-session faults; the server-wide ones apply as well. */
    Faults faults();

    CompletableFuture<Void> closeFuture();

    /**
     * Plays a source into this session at {@code messagesPerSecond} (no drift: a late frame is followed by a catch-up),
     * or, when {@code <= 0}, as fast as the socket takes them. A source is only read while the socket is writable, so
     * a slow client never makes the twin buffer without bound.
     */
    Playback play(MessageSource source, double messagesPerSecond);

    /** {@link #play} for binary frames, e.g. frames compressed before the clock starts. */
    Playback playBinary(BinarySource source, double framesPerSecond);
}
