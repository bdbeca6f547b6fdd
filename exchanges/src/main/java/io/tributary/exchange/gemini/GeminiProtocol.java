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

/**
 * Gemini market data v2: every socket opens {@code /v2/marketdata} and subscribes its symbols to {@code l2} with one
 * {@code subscribe} message (unsubscribe is the same body). Server heartbeats only show the socket is alive; trades
 * are deduplicated across a rotation by {@code event_id}. Book messages carry no sequence, so they are unkeyed.
 */
public final class GeminiProtocol implements ExchangeProtocol {

    /** The production endpoint. */
    public static final URI PRODUCTION = URI.create("wss://api.gemini.com");

    private final URI base;

    /** @param base e.g. {@link #PRODUCTION} or a twin's {@code ws://127.0.0.1:port} */
    public GeminiProtocol(URI base) {
        this.base = base;
    }

    /** Per server: its connection limit is shared by the v1 and v2 sockets to it, not by other servers (twins). */
    @Override
    public String name() {
        return "gemini " + base.getAuthority();
    }

    @Override
    public URI endpoint(List<String> subscriptions) {
        return base.resolve("/v2/marketdata");
    }

    @Override
    public List<String> subscribeMessages(List<String> symbols) {
        return List.of(control("subscribe", symbols));
    }

    @Override
    public List<String> unsubscribeMessages(List<String> symbols) {
        return List.of(control("unsubscribe", symbols));
    }

    static String control(String type, List<String> symbols) {
        StringBuilder message = new StringBuilder(64 + 12 * symbols.size())
                .append("{\"type\":\"").append(type).append("\",\"subscriptions\":[{\"name\":\"l2\",\"symbols\":[");
        for (int i = 0; i < symbols.size(); i++) {
            message.append(i == 0 ? "\"" : ",\"").append(symbols.get(i)).append('"');
        }
        return message.append("]}]}").toString();
    }

    /** An older copy of Gemini's docs limits public WebSocket requests to 12 per minute. */
    @Override
    public Rate connectionRate() {
        return Rate.of(12, Duration.ofMinutes(1));
    }

    @Override
    public Inbound inspect(RawMessage message) {
        if (!(message.json() instanceof JSONObject object)) {
            return Inbound.invalid(BadInput.UNKNOWN_MESSAGE, "not a JSON object");
        }
        String type = object.getString("type");
        if (type == null) {
            return "error".equals(object.getString("result"))
                    ? Inbound.invalid(BadInput.UNKNOWN_MESSAGE, "error reply: " + object.getString("reason"))
                    : Inbound.invalid(BadInput.UNKNOWN_MESSAGE, "no type");
        }
        return switch (type) {
            case "heartbeat" -> Inbound.heartbeat();
            case "trade" -> {
                String symbol = object.getString("symbol");
                if (symbol == null || !(object.get("event_id") instanceof Number id)) {
                    yield Inbound.invalid(BadInput.WRONG_FIELD_TYPE, "trade without symbol or numeric event_id");
                }
                yield Inbound.data("trade:" + symbol, id.longValue());
            }
            case "l2_updates" -> object.getString("symbol") == null
                    ? Inbound.invalid(BadInput.WRONG_FIELD_TYPE, "l2_updates without symbol")
                    : Inbound.data();
            default -> Inbound.data(); // auctions, candles: for consumers, not for the books
        };
    }
}
