package io.tributary.sink.kafka;

import io.tributary.core.connection.RawMessage;
import io.tributary.core.error.DistinctErrorLog;
import io.tributary.core.time.NanoClock;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes raw exchange frames, as received, to their own topic: key = the exchange (one partition per feed keeps
 * the frames' order), value = the payload bytes, headers {@code receivedNs}, {@code connectionId}, {@code sequence}
 * (8-byte big-endian longs) and {@code binary} (1 byte). Subscribe it to a hub as a queued consumer, never on the
 * socket thread: a send can wait for the producer's buffer when the broker is slow.
 *
 * <p>Frames are for audit and replay; unlike events they have no spill. A send the producer gives up on (after its
 * delivery timeout) is counted in {@link #failed()} and logged, rate-limited.
 */
public final class RawFramePublisher implements Consumer<RawMessage> {

    public static final String RECEIVED_NS = "receivedNs";
    public static final String CONNECTION_ID = "connectionId";
    public static final String SEQUENCE = "sequence";
    public static final String BINARY = "binary";

    private static final Logger LOG = LoggerFactory.getLogger(RawFramePublisher.class);

    private final Producer<byte[], byte[]> producer;
    private final String topic;
    private final byte[] key;
    private final DistinctErrorLog errors = new DistinctErrorLog(LOG, NanoClock.system());
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    RawFramePublisher(Producer<byte[], byte[]> producer, String topic, String exchange) {
        this.producer = producer;
        this.topic = topic;
        this.key = exchange.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void accept(RawMessage frame) {
        List<Header> headers = List.of(
                new RecordHeader(RECEIVED_NS, longBytes(frame.receivedEpochNanos())),
                new RecordHeader(CONNECTION_ID, longBytes(frame.connectionId())),
                new RecordHeader(SEQUENCE, longBytes(frame.sequence())),
                new RecordHeader(BINARY, new byte[] {(byte) (frame.binary() ? 1 : 0)}));
        producer.send(new ProducerRecord<>(topic, null, key, frame.bytes(), headers), (metadata, error) -> {
            if (error == null) {
                sent.incrementAndGet();
            } else {
                failed.incrementAndGet();
                errors.record("raw frame send to " + topic, "raw frame not published to '" + topic + "': " + error);
            }
        });
    }

    /** @return frames the broker acknowledged */
    public long sent() {
        return sent.get();
    }

    /** @return frames the producer gave up on */
    public long failed() {
        return failed.get();
    }

    /** @return a header's long value, as {@link #accept} wrote it */
    public static long longHeader(Header header) {
        return ByteBuffer.wrap(header.value()).getLong();
    }

    private static byte[] longBytes(long value) {
        return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
    }
}
