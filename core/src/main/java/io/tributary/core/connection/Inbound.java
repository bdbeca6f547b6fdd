package io.tributary.core.connection;

import io.tributary.core.error.BadInput;
import java.util.Objects;

/** What a protocol adapter makes of one inbound message ({@link ExchangeProtocol#inspect}). */
public sealed interface Inbound {

    /** The value of {@link Data#sequence()} when the protocol gives no sequence for a message. */
    long NO_SEQUENCE = Long.MIN_VALUE;

    /** A message for consumers without a dedupe key. */
    static Data data() {
        return Data.UNKEYED;
    }

    /**
     * A message for consumers, with a dedupe key: within one stream, a message whose sequence is not above the last
     * delivered one, arriving on another socket that is still live, is a duplicate from a rotation overlap.
     *
     * @param streamKey the stream the sequence belongs to (e.g. {@code depth:BTCUSDT})
     * @param sequence  increasing within the stream (e.g. Binance {@code u}, Huobi {@code seqNum})
     */
    static Data data(String streamKey, long sequence) {
        return new Data(Objects.requireNonNull(streamKey, "streamKey"), sequence);
    }

    /** A server heartbeat that must be answered with {@code reply} (e.g. Huobi ping → pong); not delivered. */
    static Reply reply(String reply) {
        return new Reply(Objects.requireNonNull(reply, "reply"));
    }

    /** A heartbeat or heartbeat answer that only shows the socket is alive; not delivered. */
    static Heartbeat heartbeat() {
        return Heartbeat.INSTANCE;
    }

    /** The server asks for a new socket (e.g. Bitstamp {@code bts:request_reconnect}); not delivered. */
    static Rotate rotate(String reason) {
        return new Rotate(Objects.requireNonNull(reason, "reason"));
    }

    /** A bad message: counted under {@code kind}, logged rate-limited, not delivered. */
    static Invalid invalid(BadInput kind, String detail) {
        return new Invalid(kind, detail);
    }

    /** See {@link Inbound#data(String, long)}; {@code streamKey} null and {@code sequence} {@link #NO_SEQUENCE} when unkeyed. */
    record Data(String streamKey, long sequence) implements Inbound {
        static final Data UNKEYED = new Data(null, NO_SEQUENCE);

        /** @return true if this message can be deduplicated */
        public boolean keyed() {
            return streamKey != null && sequence != NO_SEQUENCE;
        }
    }

    /** See {@link Inbound#reply(String)}. */
    record Reply(String text) implements Inbound {
    }

    /** See {@link Inbound#heartbeat()}. */
    enum Heartbeat implements Inbound {
        INSTANCE
    }

    /** See {@link Inbound#rotate(String)}. */
    record Rotate(String reason) implements Inbound {
    }

    /** See {@link Inbound#invalid(BadInput, String)}. */
    record Invalid(BadInput kind, String detail) implements Inbound {
    }
}
