package io.tributary.core.connection;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import io.tributary.simulator.TwinSession;
import io.tributary.simulator.WebSocketRoute;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The server side of {@link TestProtocol}: sessions subscribe to channels; {@link #publish} sends the channel's next
 * sequence number to every subscribed session, so two sockets carrying one channel see the same numbers (as
 * during a rotation). Also records every text a client sent.
 */
final class TestMarket implements WebSocketRoute, AutoCloseable {

    private final Map<TwinSession, Set<String>> subscriptions = new ConcurrentHashMap<>();
    private final Map<String, Long> sequences = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private ScheduledExecutorService ticker;

    /** A text a client sent, with the session and the time (System.nanoTime) it arrived. */
    record Received(long sessionId, String text, long receivedNs) {
    }

    @Override
    public void onText(TwinSession session, String text) {
        received.add(new Received(session.id(), text, System.nanoTime()));
        if (!text.startsWith("{")) {
            if (text.equals("ping")) {
                session.sendText("pong");
            }
            return;
        }
        JSONObject json = JSON.parseObject(text);
        String channel = json.getString("channel");
        switch (String.valueOf(json.getString("op"))) {
            case "subscribe" -> {
                subscriptions.computeIfAbsent(session, s -> ConcurrentHashMap.newKeySet()).add(channel);
                session.sendText("{\"type\":\"ack\",\"channel\":\"" + channel + "\"}");
            }
            case "unsubscribe" -> subscriptions.getOrDefault(session, Set.of()).remove(channel);
            default -> { }
        }
    }

    @Override
    public void onClose(TwinSession session, int code, String reason) {
        subscriptions.remove(session);
    }

    /** Sends the next message of {@code channel} to every subscribed session; returns its sequence number. */
    synchronized long publish(String channel) {
        long seq = sequences.merge(channel, 1L, Long::sum);
        String message = "{\"type\":\"data\",\"channel\":\"" + channel + "\",\"seq\":" + seq + ",\"sentNs\":"
                + System.nanoTime() + "}";
        subscriptions.forEach((session, channels) -> {
            if (channels.contains(channel)) {
                session.sendText(message);
            }
        });
        return seq;
    }

    /** Publishes one message on each channel every {@code periodMicros}, from a background thread. */
    void tick(long periodMicros, String... channels) {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> Thread.ofPlatform().daemon().name("ticker")
                .unstarted(r));
        ticker.scheduleAtFixedRate(() -> {
            try {
                for (String channel : channels) {
                    publish(channel);
                }
            } catch (RuntimeException e) {
                e.printStackTrace(); // a failing tick must not silently end the schedule
            }
        }, 0, periodMicros, TimeUnit.MICROSECONDS);
    }

    /** @return the channels {@code session} subscribed to */
    Set<String> subscriptionsOf(TwinSession session) {
        return subscriptions.getOrDefault(session, Set.of());
    }

    /** @return how many sessions subscribed to {@code channel} now */
    long subscribers(String channel) {
        return subscriptions.values().stream().filter(set -> set.contains(channel)).count();
    }

    List<Received> received() {
        return received;
    }

    /** @return how many messages {@code channel} has had */
    long published(String channel) {
        return sequences.getOrDefault(channel, 0L);
    }

    /** Stops the ticker; when this returns, no more messages are published by it. */
    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdown();
            try {
                ticker.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
