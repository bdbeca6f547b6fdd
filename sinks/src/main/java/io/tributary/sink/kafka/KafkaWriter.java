package io.tributary.sink.kafka;

import io.tributary.model.event.MarketEvent;
import io.tributary.sink.EventCodec;
import io.tributary.sink.SinkWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes normalized events to a Kafka topic: key {@code exchange:symbol} (so every book's events land in one
 * partition, in order), value {@link EventCodec} JSON. The producer is idempotent with {@code acks=all}: the broker
 * drops the duplicates of its own retries, and at most 5 requests in flight keep each partition's order across them.
 *
 * <p>{@link #write} returns once every record of the batch is acknowledged by the broker, so a {@code ReliableSink}
 * in front gives it the buffer, retry and spill guarantees. A broker restart shorter than {@code deliveryTimeout} is
 * absorbed inside the producer (no duplicates); a longer outage fails the batch, and its retry may publish records
 * of that batch twice. The consumer side ({@link KafkaEventSource}) writes into idempotent stores, so each event still
 * lands in the store exactly once.
 */
public final class KafkaWriter implements SinkWriter {

    private final String name;
    private final String topic;
    private final Producer<byte[], byte[]> producer;

    private KafkaWriter(Builder b) {
        this.name = b.name;
        this.topic = b.topic;
        this.producer = new KafkaProducer<>(b.producerConfig(), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** @return a builder for a writer publishing to the brokers at {@code bootstrapServers} ({@code host:port,...}) */
    public static Builder builder(String bootstrapServers) {
        return new Builder(bootstrapServers);
    }

    /** @return the record key of {@code event}: {@code exchange:symbol} (symbol empty for connection events) */
    public static String key(MarketEvent event) {
        return event.exchange() + ':' + event.symbol();
    }

    @Override
    public String name() {
        return name;
    }

    /** @return the topic events go to */
    public String topic() {
        return topic;
    }

    @Override
    public void write(List<MarketEvent> batch) throws ExecutionException, InterruptedException {
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        for (MarketEvent event : batch) {
            Future<RecordMetadata> ack = producer.send(new ProducerRecord<>(topic,
                    key(event).getBytes(StandardCharsets.UTF_8), EventCodec.encode(event)));
            if (ack.isDone()) {
                ack.get(); // failed at once (no metadata within max.block.ms): stop here, not once per record
            }
            acks.add(ack);
        }
        producer.flush();
        for (Future<RecordMetadata> ack : acks) {
            ack.get(); // done after flush; throws the first failure, and the whole batch is retried
        }
    }

    /**
     * A publisher of raw exchange frames to another topic on this writer's producer.
     *
     * @param rawTopic where the frames go
     * @param exchange the feed's exchange, the frames' key
     */
    public RawFramePublisher rawFrames(String rawTopic, String exchange) {
        return new RawFramePublisher(producer, rawTopic, exchange);
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }

    /** Settings for a {@link KafkaWriter}. */
    public static final class Builder {
        private final String bootstrapServers;
        private String name = "kafka";
        private String topic = "tributary.events";
        private Duration deliveryTimeout = Duration.ofSeconds(30);
        private final Map<String, Object> overrides = new HashMap<>();

        private Builder(String bootstrapServers) {
            this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        }

        /** Name for logs, stats and thread names (default {@code kafka}). */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Topic for normalized events (default {@code tributary.events}). */
        public Builder topic(String topic) {
            this.topic = Objects.requireNonNull(topic, "topic");
            return this;
        }

        /**
         * How long the producer keeps retrying a record (broker down, leader moving) before the batch fails
         * (default 30 s). Longer rides out longer restarts without duplicates; shorter hands outages sooner to the
         * sink's spill.
         */
        public Builder deliveryTimeout(Duration timeout) {
            this.deliveryTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Any other producer setting (compression, batch size, security); cannot turn idempotence off. */
        public Builder property(String key, Object value) {
            overrides.put(key, value);
            return this;
        }

        /** Creates the producer; it connects lazily. */
        public KafkaWriter build() {
            return new KafkaWriter(this);
        }

        private Map<String, Object> producerConfig() {
            Map<String, Object> config = new HashMap<>();
            config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ProducerConfig.CLIENT_ID_CONFIG, "tributary-" + name);
            config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
            config.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
            config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
            config.putAll(overrides);
            // What the ordering and no-duplicate promises rest on: not overridable.
            config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            config.put(ProducerConfig.ACKS_CONFIG, "all");
            config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
            int deliveryTimeoutMs = Math.toIntExact(deliveryTimeout.toMillis());
            config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, deliveryTimeoutMs);
            // Kafka requires delivery.timeout >= linger + request.timeout.
            config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(deliveryTimeoutMs / 2, 10_000));
            config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, deliveryTimeoutMs);
            return config;
        }
    }
}
