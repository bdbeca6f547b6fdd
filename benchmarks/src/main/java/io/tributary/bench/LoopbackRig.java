package io.tributary.bench;

import io.tributary.core.connection.ExchangeProtocol;
import io.tributary.core.connection.Feed;
import io.tributary.core.connection.Inbound;
import io.tributary.core.connection.RawMessage;
import io.tributary.simulator.MessageSource;
import io.tributary.simulator.Playback;
import io.tributary.simulator.TwinServer;
import io.tributary.simulator.TwinSession;
import io.tributary.simulator.WebSocketRoute;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A twin that plays {@code messages} stamped frames into each connection at a rate (or as fast as the socket takes
 * them), and a real {@link Feed} connected to it. Attach consumers to {@link #feed()}, then {@link #start()}.
 */
final class LoopbackRig implements AutoCloseable {
    private final TwinServer server;
    private final Feed feed;
    private final CompletableFuture<Playback> playback = new CompletableFuture<>();

    LoopbackRig(long messages, double messagesPerSecond) {
        server = TwinServer.builder().webSocket("/bench", new WebSocketRoute() {
            @Override
            public void onOpen(TwinSession session) {
                playback.complete(session.play(MessageSource.generated(StampedFrames::frame, messages), messagesPerSecond));
            }
        }).start();
        feed = Feed.builder(new BenchProtocol(server.webSocketUri("/bench"))).subscribe("bench").build();
    }

    Feed feed() {
        return feed;
    }

    void start() {
        feed.start();
    }

    /** Completes when the twin has written every frame. */
    CompletableFuture<Void> sent() {
        return playback.thenCompose(Playback::done);
    }

    @Override
    public void close() {
        feed.close();
        server.close();
    }

    /** One socket, no control messages, every frame is unkeyed data. */
    private record BenchProtocol(URI uri) implements ExchangeProtocol {
        @Override
        public String name() {
            return "bench";
        }

        @Override
        public URI endpoint(List<String> subscriptions) {
            return uri;
        }

        @Override
        public List<String> subscribeMessages(List<String> subscriptions) {
            return List.of();
        }

        @Override
        public Inbound inspect(RawMessage message) {
            return Inbound.data();
        }
    }
}
