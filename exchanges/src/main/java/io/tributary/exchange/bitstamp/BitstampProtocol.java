package io.tributary.exchange.bitstamp;

import io.tributary.core.connection.ClientHeartbeat;
import io.tributary.core.connection.ExchangeProtocol;
import io.tributary.core.connection.Inbound;
import io.tributary.core.connection.RawMessage;
import io.tributary.core.error.BadInput;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Bitstamp WebSocket v2 (exchange-protocols.md §5): one socket, a {@code bts:subscribe} per channel
 * ({@code diff_order_book_btcusd}, {@code live_trades_btcusd}, ...), a client {@code bts:heartbeat} the server
 * answers, and {@code bts:request_reconnect}, which rotates the socket make-before-break. Every data frame carries
 * a dedupe key, so the feed deduplicates the rotation overlap exactly and never lets the new socket's frames overtake
 * the old one's: trades by {@code id}; diffs, {@code order_book} and {@code detail_order_book} snapshots and
 * {@code live_orders} events per channel by {@code microtimestamp} and their order within it ({@link OverlapSequences}).
 * Exact dedupe is chosen over resyncing the books after a rotation because both sockets see a channel's events in
 * the same order, so an event's position is as good as a sequence number, and a resync would cost an L3 book its
 * orders beyond the top 100 of {@code detail_order_book}.
 */
public final class BitstampProtocol implements ExchangeProtocol {

    /** The production endpoint. */
    public static final URI PRODUCTION = URI.create("wss://ws.bitstamp.net");

    /** Microtimestamps above this (year 2262) are not real and would overflow a dedupe sequence. */
    private static final long MAX_MICROS = Long.MAX_VALUE / 1000 - 1;

    static final String HEARTBEAT = "{\"event\":\"bts:heartbeat\"}";

    private final URI base;
    private final Duration heartbeatInterval;
    private final OverlapSequences sequences = new OverlapSequences();

    /**
     * @param base              e.g. {@link #PRODUCTION} or a twin's {@code ws://127.0.0.1:port}
     * @param heartbeatInterval how often the client sends {@code bts:heartbeat}
     */
    public BitstampProtocol(URI base, Duration heartbeatInterval) {
        this.base = base;
        this.heartbeatInterval = heartbeatInterval;
    }

    @Override
    public String name() {
        return "bitstamp";
    }

    @Override
    public URI endpoint(List<String> subscriptions) {
        return base;
    }

    @Override
    public List<String> subscribeMessages(List<String> channels) {
        return control("bts:subscribe", channels);
    }

    @Override
    public List<String> unsubscribeMessages(List<String> channels) {
        return control("bts:unsubscribe", channels);
    }

    private static List<String> control(String event, List<String> channels) {
        return channels.stream()
                .map(channel -> "{\"event\":\"" + event + "\",\"data\":{\"channel\":\"" + channel + "\"}}")
                .toList();
    }

    @Override
    public Optional<ClientHeartbeat> clientHeartbeat() {
        return Optional.of(new ClientHeartbeat(HEARTBEAT, heartbeatInterval));
    }

    @Override
    public Inbound inspect(RawMessage raw) {
        BitstampMessage message = BitstampMessage.of(raw.json());
        if (message == null) {
            return Inbound.invalid(BadInput.UNKNOWN_MESSAGE, "not a Bitstamp event");
        }
        return switch (message.kind()) {
            case CONTROL -> switch (message.event()) {
                case "bts:heartbeat" -> Inbound.heartbeat();
                case "bts:request_reconnect" -> Inbound.rotate("bts:request_reconnect");
                // replies go to the connector, which counts them
                case "bts:subscription_succeeded", "bts:unsubscription_succeeded", "bts:error" -> Inbound.data();
                default -> Inbound.invalid(BadInput.UNKNOWN_MESSAGE, message.event());
            };
            case DIFF -> keyed(raw, "diff:", message);
            case TOP_BOOK -> keyed(raw, "top:", message);
            case DETAIL_BOOK -> keyed(raw, "detail:", message);
            case ORDER -> keyed(raw, "orders:", message);
            case TRADE -> message.data() != null && message.data().get("id") instanceof Number id
                    ? Inbound.data("trade:" + message.symbol(), id.longValue())
                    : Inbound.invalid(BadInput.WRONG_FIELD_TYPE, "trade without a numeric id");
            case OTHER -> Inbound.invalid(BadInput.UNKNOWN_MESSAGE, "unknown channel or event");
        };
    }

    private Inbound keyed(RawMessage raw, String stream, BitstampMessage message) {
        long micros = BitstampDecoder.micros(message.data());
        if (micros < 0 || micros > MAX_MICROS) {
            return Inbound.invalid(BadInput.WRONG_FIELD_TYPE, message.data() == null ? "no data object"
                    : "no usable microtimestamp");
        }
        String key = stream + message.symbol();
        return Inbound.data(key, sequences.next(raw.connectionId(), key, micros));
    }
}
