package io.tributary.model.event;

import java.util.Objects;

/**
 * A socket of a feed changed state (connected, subscribed, rotated, lost, ...). {@link #symbol()} is empty.
 *
 * @param connectionId the feed's id for the socket
 * @param endpoint     where it connects (no credentials)
 * @param detail       why, in words (close code and reason, watchdog timeout, ...); empty if nothing to add
 */
public record ConnectionEvent(String exchange, long connectionId, State state, String endpoint, String detail,
                              long exchangeTimeNs, long receivedNs) implements MarketEvent {

    public ConnectionEvent {
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(detail, "detail");
    }

    @Override
    public String symbol() {
        return "";
    }

    /** The states a consumer can see. */
    public enum State {
        CONNECTING, CONNECTED, SUBSCRIBED, ROTATING, DISCONNECTED, CLOSED
    }
}
