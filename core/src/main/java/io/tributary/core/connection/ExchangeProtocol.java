package io.tributary.core.connection;

import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * What a {@link Feed} needs to know about one exchange's WebSocket protocol: the service provider interface an
 * exchange adapter implements. Methods are called on the feed's event-loop thread and must not block.
 */
public interface ExchangeProtocol {

    /** @return the exchange's name; feeds of the same name share its {@link #connectionRate()} */
    String name();

    /**
     * @param subscriptions the subscriptions one socket will carry (at most {@link #maxSubscriptionsPerConnection()})
     * @return the URI to connect to ({@code ws://} or {@code wss://}); may encode the subscriptions (Binance)
     */
    URI endpoint(List<String> subscriptions);

    /**
     * @param subscriptions subscriptions to add on a live socket
     * @return the control messages that subscribe them, in order; empty if the endpoint URI already carries them (a
     *         change then moves the subscriptions to a new socket)
     */
    List<String> subscribeMessages(List<String> subscriptions);

    /** @return the control messages that unsubscribe {@code subscriptions}; empty if that needs a new socket */
    default List<String> unsubscribeMessages(List<String> subscriptions) {
        return List.of();
    }

    /** @return how many subscriptions one socket may carry; more are split over several sockets */
    default int maxSubscriptionsPerConnection() {
        return Integer.MAX_VALUE;
    }

    /** @return the limit on messages the client sends per socket (Binance: 5/s); excess is queued, never dropped */
    default Rate controlMessageRate() {
        return Rate.UNLIMITED;
    }

    /**
     * @return the limit on connection attempts, shared by all feeds of this exchange ({@link #name()}) in the
     *         process; the first feed of the exchange fixes it
     */
    default Rate connectionRate() {
        return Rate.UNLIMITED;
    }

    /** @return the heartbeat the client sends, if the exchange wants one */
    default Optional<ClientHeartbeat> clientHeartbeat() {
        return Optional.empty();
    }

    /** @return how binary frames are compressed */
    default Compression binaryFrames() {
        return Compression.NONE;
    }

    /**
     * Classifies one inbound message: data for consumers (with an optional dedupe key), a heartbeat (to answer or
     * just to note), a request to rotate the socket, or bad input. May parse the message
     * ({@link RawMessage#json()} caches the tree for consumers' filters). A {@link
     * io.tributary.core.error.BadInputException} thrown here is counted under its kind; any other exception under
     * {@link io.tributary.core.error.BadInput#ADAPTER_FAILURE}; the socket goes on either way.
     */
    Inbound inspect(RawMessage message);
}
