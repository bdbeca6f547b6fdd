package io.tributary.core.connection;

import com.alibaba.fastjson2.JSONObject;
import io.tributary.core.error.BadInput;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A small exchange protocol for tests, spoken by {@link TestMarket}: one {@code {"op":"subscribe","channel":c}} per
 * subscription; data {@code {"type":"data","channel":c,"seq":n,"sentNs":t}} deduplicated by channel + seq; Huobi-style
 * {@code {"ping":n}} answered with {@code {"pong":n}}; text {@code pong} as heartbeat answer; {@code
 * {"type":"reconnect"}} asks for rotation; {@code {"type":"ack"}} is unkeyed data.
 */
final class TestProtocol implements ExchangeProtocol {

    private static final AtomicInteger NAMES = new AtomicInteger();

    private final URI endpoint;
    private final String name = "test-" + NAMES.incrementAndGet();
    private int maxSubscriptions = Integer.MAX_VALUE;
    private Rate controlRate = Rate.UNLIMITED;
    private Rate connectionRate = Rate.UNLIMITED;
    private ClientHeartbeat heartbeat;
    private Compression compression = Compression.NONE;
    private boolean keyed = true;

    TestProtocol(URI endpoint) {
        this.endpoint = endpoint;
    }

    TestProtocol maxSubscriptions(int max) {
        this.maxSubscriptions = max;
        return this;
    }

    TestProtocol controlRate(Rate rate) {
        this.controlRate = rate;
        return this;
    }

    TestProtocol connectionRate(Rate rate) {
        this.connectionRate = rate;
        return this;
    }

    TestProtocol heartbeat(ClientHeartbeat clientHeartbeat) {
        this.heartbeat = clientHeartbeat;
        return this;
    }

    TestProtocol compression(Compression binaryFrames) {
        this.compression = binaryFrames;
        return this;
    }

    /** Without sequences: data is never deduplicated (like Bitstamp). */
    TestProtocol unkeyed() {
        this.keyed = false;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public URI endpoint(List<String> subscriptions) {
        return endpoint;
    }

    @Override
    public List<String> subscribeMessages(List<String> subscriptions) {
        return subscriptions.stream().map(c -> "{\"op\":\"subscribe\",\"channel\":\"" + c + "\"}").toList();
    }

    @Override
    public List<String> unsubscribeMessages(List<String> subscriptions) {
        return subscriptions.stream().map(c -> "{\"op\":\"unsubscribe\",\"channel\":\"" + c + "\"}").toList();
    }

    @Override
    public int maxSubscriptionsPerConnection() {
        return maxSubscriptions;
    }

    @Override
    public Rate controlMessageRate() {
        return controlRate;
    }

    @Override
    public Rate connectionRate() {
        return connectionRate;
    }

    @Override
    public Optional<ClientHeartbeat> clientHeartbeat() {
        return Optional.ofNullable(heartbeat);
    }

    @Override
    public Compression binaryFrames() {
        return compression;
    }

    @Override
    public Inbound inspect(RawMessage message) {
        if (!message.binary() && message.size() == 4 && "pong".equals(message.text())) {
            return Inbound.heartbeat();
        }
        if (!(message.json() instanceof JSONObject json)) {
            return Inbound.invalid(BadInput.UNKNOWN_MESSAGE, "not an object");
        }
        if (json.containsKey("ping")) {
            Object ping = json.get("ping");
            if (!(ping instanceof Number)) {
                return Inbound.invalid(BadInput.WRONG_FIELD_TYPE, "ping is not a number");
            }
            return Inbound.reply("{\"pong\":" + ping + "}");
        }
        String type = json.getString("type");
        if (type == null) {
            return Inbound.invalid(BadInput.UNKNOWN_MESSAGE, "no type");
        }
        return switch (type) {
            case "data" -> {
                if (!(json.get("seq") instanceof Number seq) || !(json.get("channel") instanceof String channel)) {
                    yield Inbound.invalid(BadInput.WRONG_FIELD_TYPE, "seq must be a number, channel a string");
                }
                yield keyed ? Inbound.data(channel, seq.longValue()) : Inbound.data();
            }
            case "ack" -> Inbound.data();
            case "reconnect" -> Inbound.rotate("server asked to reconnect");
            default -> Inbound.invalid(BadInput.UNKNOWN_MESSAGE, "type " + type);
        };
    }
}
