package io.tributary.simulator.binance;

import io.tributary.simulator.TwinSession;
import io.tributary.simulator.WebSocketRoute;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Binance's market-data WebSocket paths: {@code /ws} (raw, subscribe live), {@code /ws/<stream>} (raw, one stream)
 * and {@code /stream?streams=a/b} (combined wrapper).
 */
final class StreamsRoute implements WebSocketRoute {
    private static final Pattern PARTIAL_DEPTH = Pattern.compile("([a-z0-9]+)@depth(5|10|20)(@100ms)?");

    private final ControlMessages control;
    private final Map<Long, BinanceConnection> connections = new ConcurrentHashMap<>();
    private final LongSupplier epochMillis;
    private final int inboundPerSecond;
    private volatile boolean losePongs;

    StreamsRoute(int maxStreamsPerConnection, int inboundPerSecond, LongSupplier epochMillis) {
        control = new ControlMessages(maxStreamsPerConnection);
        this.inboundPerSecond = inboundPerSecond;
        this.epochMillis = epochMillis;
    }

    Collection<BinanceConnection> connections() {
        return connections.values();
    }

    @Override
    public void onOpen(TwinSession session) {
        boolean combined = session.path().equals("/stream");
        List<String> streams;
        if (combined) {
            List<String> param = session.query().getOrDefault("streams", List.of());
            streams = param.stream().flatMap(s -> Arrays.stream(s.split("/"))).filter(s -> !s.isEmpty()).toList();
        } else if (session.path().startsWith("/ws/")) {
            streams = List.of(session.path().substring("/ws/".length()));
        } else {
            streams = List.of();
        }
        connections.put(session.id(), new BinanceConnection(session, combined, streams, epochMillis.getAsLong()));
    }

    @Override
    public void onText(TwinSession session, String text) {
        BinanceConnection connection = connections.get(session.id());
        if (connection != null && withinInboundLimit(connection)) {
            session.sendText(control.answer(connection, text, session.subscriptionsRefused()));
        }
    }

    @Override
    public void onPong(TwinSession session, byte[] payload) {
        BinanceConnection connection = connections.get(session.id());
        if (connection != null && withinInboundLimit(connection) && !losePongs) {
            connection.pongReceived(new String(payload, StandardCharsets.UTF_8));
        }
    }

    /** Pongs are dropped as if lost on the way: the client is closed at the pong deadline. */
    void losePongs(boolean lose) {
        losePongs = lose;
    }

    /** Binance disconnects a client that sends more than 5 messages a second (control messages and pongs alike). */
    private boolean withinInboundLimit(BinanceConnection connection) {
        if (connection.inbound(System.nanoTime(), inboundPerSecond)) {
            return true;
        }
        connection.session().close(1008, "Too many requests");
        return false;
    }

    @Override
    public void onClose(TwinSession session, int code, String reason) {
        connections.remove(session.id());
    }

    /**
     * Sends each event of one market step to the connections subscribed to its stream, then each subscribed partial
     * depth ({@code <symbol>@depth5|10|20[@100ms]}) as of that step. Called under the market's lock.
     */
    void publish(List<MarketEvent> events, MarketGenerator market) {
        Map<String, Optional<String>> partialDepths = new HashMap<>(); // by stream name: computed once per step
        for (BinanceConnection connection : connections.values()) {
            for (MarketEvent event : events) {
                String name = connection.subscribedName(event.stream());
                if (name != null) {
                    connection.send(name, event.json());
                }
            }
            for (String stream : connection.streams()) {
                Matcher partial = PARTIAL_DEPTH.matcher(stream);
                if (partial.matches()) {
                    partialDepths.computeIfAbsent(stream,
                                    s -> Optional.ofNullable(market.partialDepth(partial.group(1), Integer.parseInt(partial.group(2)))))
                            .ifPresent(json -> connection.send(stream, json));
                }
            }
        }
    }

    /** Sends an event to every connection, subscribed or not (e.g. {@code serverShutdown}). */
    void broadcast(String stream, String json) {
        connections.values().forEach(connection -> connection.send(stream, json));
    }
}
