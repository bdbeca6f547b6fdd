package io.tributary.sink.journal;

/** What a journal record holds. Its name is the first word of the record's header line. */
public enum RecordKind {
    /** A text frame as received (normally UTF-8 JSON; kept byte for byte even if it is not valid UTF-8). */
    TEXT,
    /** A binary frame as received (compressed frames stay compressed). */
    BINARY,
    /**
     * A REST response the connector fetched to build its books (a depth snapshot): the payload is the request URL,
     * {@code \n}, then the response body as received.
     */
    REST,
    /** A socket finished its handshake; the payload is the endpoint URL. */
    CONNECT,
    /** A socket closed; the payload is the reason. */
    DISCONNECT,
    /** A book fell out of sync; the payload is {@code SYMBOL reason}. */
    GAP,
    /** The journal had to drop records (its memory budget was full while the disk stalled); the payload is the count. */
    LOST;

    /** @return true for the kinds that hold a frame */
    public boolean isFrame() {
        return this == TEXT || this == BINARY;
    }
}
