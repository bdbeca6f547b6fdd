package io.tributary.core.connection;

import java.net.URI;
import java.time.Duration;

/**
 * Lifecycle events of a feed's sockets, for monitoring. Called on the feed's event-loop thread: return quickly and
 * never block. A listener that throws is logged and otherwise ignored.
 */
public interface FeedListener {

    /** A connection attempt to {@code endpoint} starts now (after any wait for the exchange's connection rate). */
    default void connecting(URI endpoint) {
    }

    /** A socket finished its handshake. */
    default void socketOpened(SocketInfo socket) {
    }

    /** A socket closed, for {@code reason}. */
    default void socketClosed(SocketInfo socket, String reason) {
    }

    /** The watchdog declared a socket dead after {@code silence} without any frame; it is being replaced. */
    default void watchdogTimeout(SocketInfo socket, Duration silence) {
    }

    /** A rotation completed: {@code replacement} carries the data of {@code replaced}. */
    default void rotated(SocketInfo replaced, SocketInfo replacement, String reason) {
    }
}
