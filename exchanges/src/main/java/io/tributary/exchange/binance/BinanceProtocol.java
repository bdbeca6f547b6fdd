package io.tributary.exchange.binance;

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
 * Binance spot public streams (exchange-protocols.md §3): combined streams carried in the URL
 * ({@code /stream?streams=a/b}), at most 1024 streams per socket, 5 inbound messages per second, 300 connection
 * attempts per 5 minutes. Server ping frames are answered by the core; {@code serverShutdown} rotates the socket.
 */
public final class BinanceProtocol implements ExchangeProtocol {

    /** The public market-data endpoint. */
    public static final URI PRODUCTION = URI.create("wss://stream.binance.com:9443");

    private static final int MAX_STREAMS_PER_SOCKET = 1024;

    private final URI base;

    /** @param base the WebSocket base URI, e.g. {@link #PRODUCTION} or a twin's {@code ws://127.0.0.1:port} */
    public BinanceProtocol(URI base) {
        this.base = base;
    }

    @Override
    public String name() {
        return "binance";
    }

    @Override
    public URI endpoint(List<String> subscriptions) {
        return base.resolve("/stream?streams=" + String.join("/", subscriptions));
    }

    /** The streams travel in the URL, so a change of subscriptions moves them to a new socket. */
    @Override
    public List<String> subscribeMessages(List<String> subscriptions) {
        return List.of();
    }

    @Override
    public int maxSubscriptionsPerConnection() {
        return MAX_STREAMS_PER_SOCKET;
    }

    @Override
    public Rate controlMessageRate() {
        return Rate.perSecond(5);
    }

    @Override
    public Rate connectionRate() {
        return Rate.of(300, Duration.ofMinutes(5));
    }

    @Override
    public Inbound inspect(RawMessage message) {
        if (!(message.json() instanceof JSONObject envelope)) {
            return Inbound.invalid(BadInput.UNKNOWN_MESSAGE, "not a JSON object: " + message.preview());
        }
        Object data = envelope.get("data");
        if (data == null) {
            // replies to control messages: {"result":null,"id":1} or {"code":2,"msg":"...","id":1}
            if (envelope.containsKey("id")) {
                return envelope.containsKey("code")
                        ? Inbound.invalid(BadInput.UNKNOWN_MESSAGE, "error reply: " + message.preview())
                        : Inbound.heartbeat();
            }
            return Inbound.invalid(BadInput.UNKNOWN_MESSAGE, "no data: " + message.preview());
        }
        if (!(data instanceof JSONObject event)) {
            return Inbound.invalid(BadInput.WRONG_FIELD_TYPE, "data is not an object: " + message.preview());
        }
        String type = event.getString("e");
        String symbol = event.getString("s");
        if ("serverShutdown".equals(type)) {
            return Inbound.rotate("serverShutdown");
        }
        if (type == null && event.containsKey("u") && event.containsKey("b")) {
            return keyed("bookTicker:", symbol, event.get("u"), message);
        }
        if (type == null) {
            return Inbound.invalid(BadInput.UNKNOWN_MESSAGE, "no event type: " + message.preview());
        }
        return switch (type) {
            case "depthUpdate" -> keyed("depth:", symbol, event.get("u"), message);
            case "trade" -> keyed("trade:", symbol, event.get("t"), message);
            case "aggTrade" -> keyed("aggTrade:", symbol, event.get("a"), message);
            default -> Inbound.data();
        };
    }

    private static Inbound keyed(String stream, String symbol, Object sequence, RawMessage message) {
        if (symbol == null || !(sequence instanceof Number number)) {
            return Inbound.invalid(BadInput.WRONG_FIELD_TYPE, "missing symbol or numeric sequence: " + message.preview());
        }
        return Inbound.data(stream + symbol, number.longValue());
    }
}
