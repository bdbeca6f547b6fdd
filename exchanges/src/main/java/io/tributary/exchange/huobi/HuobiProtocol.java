package io.tributary.exchange.huobi;

import com.alibaba.fastjson2.JSONObject;
import io.tributary.core.connection.Compression;
import io.tributary.core.connection.ExchangeProtocol;
import io.tributary.core.connection.Inbound;
import io.tributary.core.connection.RawMessage;
import io.tributary.core.error.BadInput;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTX (Huobi) spot market data (exchange-protocols.md §4): one socket path ({@code /ws} for trades, bbo and
 * {@code depth.step0}; {@code /feed} for the incremental MBP book), gzip binary frames (inflated by the feed under
 * its size cap), one {@code {"sub":topic,"id":n}} per topic, and the server's {@code {"ping":N}} answered at once
 * with {@code {"pong":N}}. Client messages are not paced here: a pong must go at once, whatever is queued, and
 * only {@code req}s are limited (the connector paces those). Book and trade pushes carry dedupe keys ({@code seqNum}, {@code version}/{@code mrid}, the highest
 * {@code tradeId}, {@code seqId}) so a rotation overlap delivers nothing twice.
 */
public final class HuobiProtocol implements ExchangeProtocol {

    /** Production market data; {@code /feed} on the same host carries MBP. */
    public static final URI PRODUCTION = URI.create("wss://api.huobi.pro");

    private final URI base;
    private final String path;
    private final AtomicLong requestIds = new AtomicLong();

    /**
     * @param base e.g. {@link #PRODUCTION}, {@code wss://api-aws.huobi.pro} or a twin's {@code ws://127.0.0.1:port}
     * @param path {@code /ws} or {@code /feed}
     */
    public HuobiProtocol(URI base, String path) {
        this.base = base;
        this.path = path;
    }

    @Override
    public String name() {
        return "huobi";
    }

    @Override
    public URI endpoint(List<String> subscriptions) {
        return base.resolve(path);
    }

    @Override
    public List<String> subscribeMessages(List<String> topics) {
        return control("sub", topics);
    }

    @Override
    public List<String> unsubscribeMessages(List<String> topics) {
        return control("unsub", topics);
    }

    /** @return a new id for a {@code req} */
    String nextRequestId() {
        return "r" + requestIds.incrementAndGet();
    }

    /** @return the {@code req} message asking for the current state of {@code topic} (an MBP snapshot) */
    static String request(String topic, String id) {
        return "{\"req\":\"" + topic + "\",\"id\":\"" + id + "\"}";
    }

    private List<String> control(String verb, List<String> topics) {
        List<String> messages = new ArrayList<>(topics.size());
        for (String topic : topics) {
            messages.add("{\"" + verb + "\":\"" + topic + "\",\"id\":\"" + requestIds.incrementAndGet() + "\"}");
        }
        return messages;
    }

    @Override
    public Compression binaryFrames() {
        return Compression.GZIP;
    }

    @Override
    public Inbound inspect(RawMessage message) {
        if (!(message.json() instanceof JSONObject json)) {
            return Inbound.invalid(BadInput.UNKNOWN_MESSAGE, "not a JSON object");
        }
        Object ping = json.get("ping");
        if (ping != null) {
            if (!(ping instanceof Number)) {
                return Inbound.invalid(BadInput.WRONG_FIELD_TYPE, "ping is not a number");
            }
            return Inbound.reply("{\"pong\":" + ping + "}");
        }
        if (json.containsKey("pong")) {
            return Inbound.heartbeat();
        }
        String ch = json.getString("ch");
        if (ch == null) {
            return Inbound.data(); // sub/unsub/req replies and errors: the connector counts them
        }
        HuobiTopic topic = HuobiTopic.parse(ch);
        if (topic == null || topic.channel() == null || !(json.get("tick") instanceof JSONObject tick)) {
            return Inbound.data();
        }
        return switch (topic.channel()) {
            case MBP_150, MBP_20, MBP_5 -> keyed(ch, tick.get("seqNum"));
            case DEPTH_STEP0 -> keyed(ch, tick.containsKey("mrid") ? tick.get("mrid") : tick.get("version"));
            case BBO -> keyed(ch, tick.get("seqId"));
            case TRADE -> Inbound.data(); // several trades per message: the connector dedupes by tradeId
        };
    }

    private static Inbound keyed(String stream, Object sequence) {
        if (!(sequence instanceof Number number)) {
            return Inbound.invalid(BadInput.WRONG_FIELD_TYPE, "no numeric sequence in " + stream);
        }
        return Inbound.data(stream, number.longValue());
    }
}
