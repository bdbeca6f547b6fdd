package io.tributary.exchange;

import io.tributary.core.connection.FeedListener;
import io.tributary.core.connection.SocketInfo;
import io.tributary.core.stream.Hub;
import io.tributary.core.time.NanoClock;
import io.tributary.model.event.ConnectionEvent;
import io.tributary.model.event.MarketEvent;
import java.net.URI;
import java.util.Objects;

/** Turns a feed's socket lifecycle into {@link ConnectionEvent}s on a connector's event hub. */
public class ConnectionEvents implements FeedListener {

    private final String exchange;
    private final Hub<MarketEvent> events;
    private final NanoClock clock;

    public ConnectionEvents(String exchange, Hub<MarketEvent> events, NanoClock clock) {
        this.exchange = exchange;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void connecting(URI endpoint) {
        publish(-1, ConnectionEvent.State.CONNECTING, endpoint, "");
    }

    @Override
    public void socketOpened(SocketInfo socket) {
        publish(socket.id(), ConnectionEvent.State.CONNECTED, socket.endpoint(), "");
    }

    @Override
    public void socketClosed(SocketInfo socket, String reason) {
        publish(socket.id(), ConnectionEvent.State.DISCONNECTED, socket.endpoint(), Objects.toString(reason, ""));
    }

    @Override
    public void rotated(SocketInfo replaced, SocketInfo replacement, String reason) {
        publish(replacement.id(), ConnectionEvent.State.ROTATING, replacement.endpoint(),
                "replaced socket " + replaced.id() + ": " + reason);
    }

    private void publish(long id, ConnectionEvent.State state, URI endpoint, String detail) {
        events.publish(new ConnectionEvent(exchange, id, state, String.valueOf(endpoint), detail,
                MarketEvent.NO_TIME, clock.epochNanos()));
    }
}
