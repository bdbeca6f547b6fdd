package io.tributary.exchange.gemini;

import com.alibaba.fastjson2.JSONObject;
import io.tributary.core.connection.ExchangeProtocol;
import io.tributary.core.connection.Inbound;
import io.tributary.core.connection.Rate;
import io.tributary.core.connection.RawMessage;
import io.tributary.core.error.BadInput;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Gemini market data v1: one socket per symbol, {@code /v1/marketdata/{symbol}} with the book, trades and 5 s
 * heartbeats asked for in the query; connecting is subscribing, nothing is sent. Every message, heartbeats included,
 * carries {@code socket_sequence}, so heartbeats are delivered like data: the book thread checks the sequence.
 * When it finds a gap it {@linkplain #replace asks} for that one socket to be replaced; the request takes effect at
 * the socket's next frame (Gemini sends one at least every heartbeat), which becomes a make-before-break rotation
 * whose new socket starts again at {@code socket_sequence} 0 with the whole book.
 */
public final class GeminiV1Protocol implements ExchangeProtocol {

    /** The flags of every v1 socket: full depth, bids, offers and trades (naming one filter means naming all). */
    static final String QUERY = "heartbeat=true&top_of_book=false&bids=true&offers=true&trades=true";

    private final URI base;
    private final Set<Long> toReplace = ConcurrentHashMap.newKeySet();

    /** @param base e.g. {@link GeminiProtocol#PRODUCTION} or a twin's {@code ws://127.0.0.1:port} */
    public GeminiV1Protocol(URI base) {
        this.base = base;
    }

    /** Per server: its connection limit is shared by the v1 and v2 sockets to it, not by other servers (twins). */
    @Override
    public String name() {
        return "gemini " + base.getAuthority();
    }

    @Override
    public URI endpoint(List<String> subscriptions) {
        return base.resolve("/v1/marketdata/" + subscriptions.getFirst() + "?" + QUERY);
    }

    @Override
    public List<String> subscribeMessages(List<String> subscriptions) {
        return List.of(); // the URL carries the symbol
    }

    @Override
    public int maxSubscriptionsPerConnection() {
        return 1;
    }

    /** An older copy of Gemini's docs limits public WebSocket requests to 12 per minute. */
    @Override
    public Rate connectionRate() {
        return Rate.of(12, Duration.ofMinutes(1));
    }

    /** Replaces the socket {@code connectionId} at its next frame (any thread). */
    public void replace(long connectionId) {
        toReplace.add(connectionId);
    }

    @Override
    public Inbound inspect(RawMessage message) {
        if (toReplace.remove(message.connectionId())) {
            return Inbound.rotate("its socket_sequence broke, or its book did");
        }
        if (!(message.json() instanceof JSONObject object)) {
            return Inbound.invalid(BadInput.UNKNOWN_MESSAGE, "not a JSON object");
        }
        if (object.getString("type") == null) {
            return Inbound.invalid(BadInput.UNKNOWN_MESSAGE, "no type");
        }
        if (!(object.get("socket_sequence") instanceof Number)) {
            return Inbound.invalid(BadInput.WRONG_FIELD_TYPE, "no numeric socket_sequence");
        }
        return Inbound.data(); // heartbeats too: their socket_sequence counts
    }
}
