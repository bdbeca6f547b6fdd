package io.tributary.exchange.binance;

import com.alibaba.fastjson2.JSONObject;
import io.tributary.core.connection.ExchangeProtocol;
import io.tributary.core.connection.Inbound;
import io.tributary.core.connection.Rate;
import io.tributary.core.connection.RawMessage;
import io.tributary.core.error.BadInput;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Binance public streams (exchange-protocols.md §3): each socket opens {@code /stream} (the combined wrapper, so
 * every event names its stream) and subscribes with live {@code SUBSCRIBE} messages, so adding or removing streams
 * never costs a new socket. At most 1024 streams per socket (the feed opens more sockets past it), control messages
 * paced under the inbound limit, 300 connection attempts per 5 minutes. Server ping frames are answered by the core;
 * {@code serverShutdown} rotates the socket.
 */
public final class BinanceProtocol implements ExchangeProtocol {

    /** The spot market-data endpoint. */
    public static final URI PRODUCTION = BinanceMarket.SPOT.webSocketBase();

    private static final int MAX_STREAMS_PER_SOCKET = 1024;
    /** Streams per SUBSCRIBE message: keeps each control message small; 1024 streams take 4 messages. */
    private static final int STREAMS_PER_MESSAGE = 256;

    private final String name;
    private final URI base;
    private final Rate controlRate;
    private final AtomicLong requestIds = new AtomicLong();
    /** Per thread: a protocol may serve several feeds, each on its own event loop. */
    private final ThreadLocal<FrameClassifier> classifiers = ThreadLocal.withInitial(FrameClassifier::new);

    /** Spot, under the name {@code binance}. @param base e.g. {@link #PRODUCTION} or a twin's {@code ws://127.0.0.1:port} */
    public BinanceProtocol(URI base) {
        this(BinanceMarket.SPOT, base);
    }

    /** @param base the WebSocket base URI of {@code market} (its default, a testnet, a proxy or a twin) */
    public BinanceProtocol(BinanceMarket market, URI base) {
        this.name = market.exchange();
        this.base = base;
        this.controlRate = Rate.perSecond(market.controlMessagesPerSecond());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public URI endpoint(List<String> subscriptions) {
        return base.resolve("/stream");
    }

    @Override
    public List<String> subscribeMessages(List<String> subscriptions) {
        return control("SUBSCRIBE", subscriptions);
    }

    @Override
    public List<String> unsubscribeMessages(List<String> subscriptions) {
        return control("UNSUBSCRIBE", subscriptions);
    }

    private List<String> control(String method, List<String> streams) {
        List<String> messages = new ArrayList<>();
        for (int from = 0; from < streams.size(); from += STREAMS_PER_MESSAGE) {
            StringBuilder message = new StringBuilder(64 + 32 * STREAMS_PER_MESSAGE)
                    .append("{\"method\":\"").append(method).append("\",\"params\":[");
            List<String> part = streams.subList(from, Math.min(streams.size(), from + STREAMS_PER_MESSAGE));
            for (int i = 0; i < part.size(); i++) {
                message.append(i == 0 ? "\"" : ",\"").append(part.get(i)).append('"');
            }
            messages.add(message.append("],\"id\":").append(requestIds.incrementAndGet()).append('}').toString());
        }
        return messages;
    }

    @Override
    public int maxSubscriptionsPerConnection() {
        return MAX_STREAMS_PER_SOCKET;
    }

    @Override
    public Rate controlMessageRate() {
        return controlRate;
    }

    @Override
    public Rate connectionRate() {
        return Rate.of(300, Duration.ofMinutes(5));
    }

    @Override
    public Inbound inspect(RawMessage message) {
        Inbound fast = classifiers.get().classify(message.bytes());
        return fast != null ? fast : inspectParsed(message);
    }

    /** The full parse: every frame the fast path leaves alone, and the reference it is tested against. */
    Inbound inspectParsed(RawMessage message) {
        if (!(message.json() instanceof JSONObject envelope)) {
            return Inbound.invalid(BadInput.UNKNOWN_MESSAGE, "not a JSON object");
        }
        Object data = envelope.get("data");
        if (data == null) {
            // replies to control messages: {"result":null,"id":1} or {"code":2,"msg":"...","id":1}
            if (envelope.containsKey("id")) {
                return envelope.containsKey("code")
                        ? Inbound.invalid(BadInput.UNKNOWN_MESSAGE, "error reply")
                        : Inbound.heartbeat();
            }
            return Inbound.invalid(BadInput.UNKNOWN_MESSAGE, "no data");
        }
        if (!(data instanceof JSONObject event)) {
            return Inbound.invalid(BadInput.WRONG_FIELD_TYPE, "data is not an object");
        }
        String type = event.getString("e");
        String symbol = event.getString("s");
        if ("serverShutdown".equals(type)) {
            return Inbound.rotate("serverShutdown");
        }
        if (type == null && event.containsKey("u") && event.containsKey("b")) {
            return keyed("bookTicker:", symbol, event.get("u"));
        }
        if (type == null) {
            return Inbound.invalid(BadInput.UNKNOWN_MESSAGE, "no event type");
        }
        return switch (type) {
            case "depthUpdate" -> keyed("depth:", symbol, event.get("u"));
            case "trade" -> keyed("trade:", symbol, event.get("t"));
            case "aggTrade" -> keyed("aggTrade:", symbol, event.get("a"));
            default -> Inbound.data();
        };
    }

    private static Inbound keyed(String stream, String symbol, Object sequence) {
        if (symbol == null || !(sequence instanceof Number number)) {
            return Inbound.invalid(BadInput.WRONG_FIELD_TYPE, "missing symbol or numeric sequence");
        }
        return Inbound.data(stream + symbol, number.longValue());
    }
}
