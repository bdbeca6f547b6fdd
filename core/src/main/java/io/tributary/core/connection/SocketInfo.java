package io.tributary.core.connection;

import io.tributary.core.error.BadInput;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One socket of a feed, at one instant.
 *
 * @param id               unique in the process; {@link RawMessage#connectionId()} of the messages it carried
 * @param endpoint         where it connects
 * @param state            where it is in its life
 * @param age              time since the connection attempt started
 * @param subscriptions    what it carries
 * @param messagesReceived frames received (data, heartbeats and bad input alike)
 * @param badInput         bad input by kind (only kinds seen)
 */
public record SocketInfo(long id, URI endpoint, SocketState state, Duration age, List<String> subscriptions,
                         long messagesReceived, Map<BadInput, Long> badInput) {
}
