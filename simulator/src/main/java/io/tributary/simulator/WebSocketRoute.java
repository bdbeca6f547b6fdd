package io.tributary.simulator;

/**
 * What a twin does on one WebSocket path. Callbacks run on the session's I/O thread: keep them short, and send
 * through the session (never block).
 */
public interface WebSocketRoute {
    default void onOpen(TwinSession session) {}

    default void onText(TwinSession session, String text) {}

    default void onBinary(TwinSession session, byte[] data) {}

    /** A pong from the client (the twin never answers or expects them by itself). */
    default void onPong(TwinSession session, byte[] payload) {}

    /** Called once when the session ends; {@code code} 1006 when no close frame was exchanged. */
    default void onClose(TwinSession session, int code, String reason) {}
}
