package io.tributary.sink.journal;

import java.nio.charset.StandardCharsets;

/**
 * The byte layout of journal files (see the README's "Journal format"): a magic line, then records, each a header
 * line {@code KIND SEQUENCE EXCHANGE CONNECTION RECEIVED_NANOS RECEIVED_EPOCH_NANOS LENGTH\n}, exactly LENGTH payload
 * bytes, and {@code \n}. Length-prefixed, so payloads hold any bytes (newlines, binary) unescaped, and text frames stay
 * readable with {@code zcat}.
 */
final class RecordFormat {

    static final String MAGIC = "tributary-journal 1";
    static final byte[] MAGIC_LINE = (MAGIC + "\n").getBytes(StandardCharsets.US_ASCII);
    /** A header longer than this is corruption, not a record. */
    static final int MAX_HEADER_BYTES = 512;
    /** A payload longer than this is corruption (the feed caps frames far below it). */
    static final int MAX_PAYLOAD_BYTES = 1 << 30;
    static final String FILE_SUFFIX = ".journal.gz";

    private RecordFormat() {
    }

    static byte[] header(RecordKind kind, long sequence, String exchange, long connectionId, long receivedNanos,
                         long receivedEpochNanos, int length) {
        return (kind.name() + ' ' + sequence + ' ' + exchange + ' ' + connectionId + ' ' + receivedNanos + ' '
                + receivedEpochNanos + ' ' + length + '\n').getBytes(StandardCharsets.US_ASCII);
    }

    /** Exchange names go into a space-separated header: letters, digits, '.', '_' and '-' only. */
    static String checkExchange(String exchange) {
        if (exchange == null || !exchange.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("exchange name must be 1-64 of [A-Za-z0-9._-]: '" + exchange + "'");
        }
        return exchange;
    }
}
