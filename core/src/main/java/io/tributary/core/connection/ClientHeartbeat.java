package io.tributary.core.connection;

import java.time.Duration;
import java.util.Objects;

/**
 * An application-level heartbeat the client sends (e.g. OKX text {@code ping}, Bitstamp
 * {@code {"event":"bts:heartbeat"}}).
 *
 * @param text     the message to send
 * @param interval how often, from the moment the socket is subscribed
 */
public record ClientHeartbeat(String text, Duration interval) {

    public ClientHeartbeat {
        Objects.requireNonNull(text, "text");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("heartbeat interval must be positive: " + interval);
        }
    }
}
