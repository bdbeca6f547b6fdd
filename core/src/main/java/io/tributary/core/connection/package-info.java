/**
 * Exchange WebSocket feeds on Netty: {@link io.tributary.core.connection.Feed} (sockets, auto-split, heartbeats,
 * watchdog, reconnect with backoff, make-before-break rotation with dedupe, bad-input survival), the
 * {@link io.tributary.core.connection.ExchangeProtocol} SPI an exchange adapter implements, and
 * {@link io.tributary.core.connection.RawMessage}.
 */
package io.tributary.core.connection;
