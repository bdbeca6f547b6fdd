package io.tributary.core.connection;

/** The life of one socket of a feed. */
public enum SocketState {
    /** TCP, TLS and the WebSocket handshake are under way. */
    CONNECTING,
    /** Open; subscription messages are being sent. */
    SUBSCRIBING,
    /** Open and subscribed: carrying data. */
    LIVE,
    /** Being closed (replaced, dead, or the feed is closing). */
    CLOSING,
    /** Closed. */
    CLOSED
}
