package io.tributary.exchange;

/**
 * Recorded frames and REST answers pushed into a connector that has no socket (from its builder's
 * {@code buildOffline()}): each goes through exactly the code a live connector runs (the protocol's classification,
 * the decoders, the book sync, the event building), and the events come out of {@link #connector()}'s
 * {@code events()} as live ones do. Receive times come from the recording: the connector's clock reads the receive
 * time of the entry being pushed. A snapshot the connector asks for is taken from the next recorded REST answer for
 * that symbol (one recorded before the request waits for it); exchanges that take snapshots on the socket (HTX
 * {@code req}) find them among the frames. Push from one thread, in receive order.
 */
public interface RecordedInput extends AutoCloseable {

    /** @return the connector the input feeds: its {@code events()}, books and counters */
    MarketDataConnector connector();

    /**
     * A frame received on a WebSocket.
     *
     * @param socketUrl       the socket's URL; its path picks the feed on exchanges with several (HTX {@code /feed})
     * @param connectionId    the socket: frames of one socket share it, a new socket (reconnect) has a new one
     * @param payload         the frame as received (compressed frames still compressed)
     * @param binary          true for a binary frame
     * @param receivedEpochNs its receive time, nanoseconds since the epoch
     */
    void frame(String socketUrl, long connectionId, byte[] payload, boolean binary, long receivedEpochNs);

    /** A socket's handshake was recorded: a connection marker, as a live socket's ({@code CONNECTED}). */
    void connected(String socketUrl, long connectionId, long receivedEpochNs);

    /** A socket's close was recorded: a connection marker ({@code DISCONNECTED}) with the recorded reason. */
    void disconnected(String socketUrl, long connectionId, String reason, long receivedEpochNs);

    /**
     * A REST answer as received (a depth snapshot).
     *
     * @param url             the request URL; names the symbol
     * @param body            the response body
     * @param receivedEpochNs its receive time, nanoseconds since the epoch
     */
    void rest(String url, byte[] body, long receivedEpochNs);

    /** @return what happened to the input so far */
    RecordedStats stats();

    /** Ends the input: the connector closes, its consumers get every event published and then the end. */
    @Override
    void close();

    /**
     * @param framesDelivered   frames the protocol passed to the connector
     * @param framesDropped     frames not delivered: heartbeats, replies, duplicates of a rotation overlap, bad input
     * @param snapshotsApplied  REST answers handed to a book that asked for one
     * @param snapshotsUnused   REST answers left over (nobody asked, or for a symbol the connector does not know)
     * @param requestsUnanswered snapshot requests that found no recorded answer (their books stay out of sync)
     */
    record RecordedStats(long framesDelivered, long framesDropped, long snapshotsApplied, long snapshotsUnused,
                         long requestsUnanswered) {
    }
}
