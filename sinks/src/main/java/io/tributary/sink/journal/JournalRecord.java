package io.tributary.sink.journal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One record of a raw journal.
 *
 * @param sequence           position in the journal: 1, 2, 3, ... in the order records were appended
 * @param kind               a frame or a marker
 * @param exchange           the exchange (or feed) name the record belongs to
 * @param connectionId       the socket a frame came on or a connect/disconnect marker is about; 0 when none
 * @param receivedNanos      local monotonic receive time, nanoseconds (comparable within one process run only)
 * @param receivedEpochNanos local wall-clock receive time, nanoseconds since 1970-01-01T00:00Z
 * @param payload            the frame's bytes exactly as received, or the marker's UTF-8 detail
 */
public record JournalRecord(long sequence, RecordKind kind, String exchange, long connectionId, long receivedNanos,
                            long receivedEpochNanos, byte[] payload) {

    public JournalRecord {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(exchange, "exchange");
        Objects.requireNonNull(payload, "payload");
    }

    /** @return the payload decoded as UTF-8 */
    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof JournalRecord r && sequence == r.sequence && kind == r.kind
                && exchange.equals(r.exchange) && connectionId == r.connectionId && receivedNanos == r.receivedNanos
                && receivedEpochNanos == r.receivedEpochNanos && Arrays.equals(payload, r.payload);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sequence, kind, exchange, connectionId, receivedNanos, receivedEpochNanos)
                * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        String shown = kind == RecordKind.BINARY ? payload.length + " binary bytes" : text();
        return "#" + sequence + " " + kind + " " + exchange + " conn " + connectionId + ": "
                + (shown.length() > 120 ? shown.substring(0, 120) + "..." : shown);
    }
}
