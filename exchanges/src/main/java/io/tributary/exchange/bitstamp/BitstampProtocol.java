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
 * answers, and {@code bts:request_reconnect}, which rotates the socket make-before-break. Diffs are keyed by
 * {@code microtimestamp} and trades by {@code id}, so a rotation overlap is deduplicated.
 */
public final class BitstampProtocol implements ExchangeProtocol {

    /** The production endpoint. */
    public static final URI PRODUCTION = URI.create("wss://ws.bitstamp.net");

    static final String HEARTBEAT = "{\"event\":\"bts:heartbeat\"}";

    private final URI base;
    private final Duration heartbeatInterval;

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
            case DIFF -> keyed("diff:", message, BitstampDecoder.micros(message.data()));
            case TRADE -> message.data() != null && message.data().get("id") instanceof Number id
                    ? Inbound.data("trade:" + message.symbol(), id.longValue())
                    : Inbound.invalid(BadInput.WRONG_FIELD_TYPE, "trade without a numeric id");
            case TOP_BOOK, DETAIL_BOOK, ORDER -> message.data() == null
                    ? Inbound.invalid(BadInput.WRONG_FIELD_TYPE, "no data object")
                    : Inbound.data();
            case OTHER -> Inbound.invalid(BadInput.UNKNOWN_MESSAGE, "unknown channel or event");
        };
    }

    private static Inbound keyed(String stream, BitstampMessage message, long micros) {
        return micros == io.tributary.book.L2Update.NONE
                ? Inbound.invalid(BadInput.WRONG_FIELD_TYPE, "no microtimestamp")
                : Inbound.data(stream + message.symbol(), micros);
    }
}
