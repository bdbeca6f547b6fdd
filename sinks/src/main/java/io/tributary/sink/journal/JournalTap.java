package io.tributary.sink.journal;

import io.tributary.core.connection.FeedListener;
import io.tributary.core.connection.FrameTap;
import io.tributary.core.connection.RawMessage;
import io.tributary.core.connection.SocketInfo;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Journals one exchange's feed: give it to the feed as its frame tap (every frame as received) and as a listener
 * (connect and disconnect markers); call {@link #gap} when a book of that exchange falls out of sync.
 */
public final class JournalTap implements FrameTap, FeedListener {

    private final Journal journal;
    private final String exchange;

    JournalTap(Journal journal, String exchange) {
        this.journal = journal;
        this.exchange = exchange;
    }

    @Override
    public void onFrame(RawMessage frame) {
        journal.frame(exchange, frame);
    }

    @Override
    public void socketOpened(SocketInfo socket) {
        journal.marker(RecordKind.CONNECT, exchange, socket.id(), socket.endpoint().toString());
    }

    @Override
    public void socketClosed(SocketInfo socket, String reason) {
        journal.marker(RecordKind.DISCONNECT, exchange, socket.id(), reason == null ? "" : reason);
    }

    /** Records a REST response (a depth snapshot) as received, with the URL it answered. Never waits for the disk. */
    public void rest(String url, byte[] body, long receivedNanos, long receivedEpochNanos) {
        byte[] head = (url + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] payload = Arrays.copyOf(head, head.length + body.length);
        System.arraycopy(body, 0, payload, head.length, body.length);
        journal.append(RecordKind.REST, exchange, 0, receivedNanos, receivedEpochNanos, payload);
    }

    /** Marks that {@code symbol}'s book lost sync, for {@code reason}. */
    public void gap(String symbol, String reason) {
        journal.marker(RecordKind.GAP, exchange, 0, symbol + " " + reason);
    }

    /** @return the exchange name the records carry */
    public String exchange() {
        return exchange;
    }
}
