package io.tributary.simulator.binance;

import io.tributary.simulator.TwinSession;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** One client connection to the Binance twin: its streams, wrapper mode, keep-alive state, age and inbound rate. */
final class BinanceConnection {
    private static final long SECOND_NS = 1_000_000_000L;

    private final TwinSession session;
    private final long openedAtMs;
    private final ArrayDeque<Long> inboundNs = new ArrayDeque<>(); // guarded by this
    private final Set<String> streams = ConcurrentHashMap.newKeySet();
    private final List<String> unansweredPings = new ArrayList<>(); // guarded by this
    private volatile boolean combined;
    private long oldestUnansweredPingNs; // guarded by this

    BinanceConnection(TwinSession session, boolean combined, List<String> streams, long openedAtMs) {
        this.session = session;
        this.openedAtMs = openedAtMs;
        this.combined = combined;
        this.streams.addAll(streams);
    }

    TwinSession session() {
        return session;
    }

    Set<String> streams() {
        return streams;
    }

    boolean combined() {
        return combined;
    }

    void combined(boolean combined) {
        this.combined = combined;
    }

    /**
     * The name under which this connection subscribed to a generated stream, or null. Depth events belong to both
     * {@code <symbol>@depth} and {@code <symbol>@depth@100ms}.
     */
    String subscribedName(String stream) {
        if (streams.contains(stream)) {
            return stream;
        }
        if (stream.endsWith("@depth")) {
            String fast = stream + "@100ms";
            return streams.contains(fast) ? fast : null;
        }
        return null;
    }

    void send(String stream, String json) {
        session.sendText(combined ? "{\"stream\":\"" + stream + "\",\"data\":" + json + "}" : json);
    }

    synchronized void pingSent(String payload, long nowNs) {
        if (unansweredPings.isEmpty()) {
            oldestUnansweredPingNs = nowNs;
        }
        unansweredPings.add(payload);
    }

    /** A pong counts only when it echoes a ping we sent; an unsolicited one does not keep the connection alive. */
    synchronized void pongReceived(String payload) {
        if (unansweredPings.contains(payload)) {
            unansweredPings.clear();
        }
    }

    synchronized boolean pongOverdue(long nowNs, long pongTimeoutNs) {
        return !unansweredPings.isEmpty() && nowNs - oldestUnansweredPingNs > pongTimeoutNs;
    }

    /** @return how long the connection has been open, by the twin's (injectable) clock */
    long ageMs(long nowMs) {
        return nowMs - openedAtMs;
    }

    /**
     * Counts one message from the client (text, ping or pong: Binance counts them all).
     *
     * @return false if that makes more than {@code perSecond} in the last second
     */
    synchronized boolean inbound(long nowNs, int perSecond) {
        while (!inboundNs.isEmpty() && nowNs - inboundNs.peekFirst() >= SECOND_NS) {
            inboundNs.pollFirst();
        }
        inboundNs.addLast(nowNs);
        return inboundNs.size() <= perSecond;
    }
}
