package io.tributary.sink.kafka;

import io.tributary.core.connection.Backoff;
import io.tributary.core.error.DistinctErrorLog;
import io.tributary.core.time.NanoClock;
import io.tributary.model.event.MarketEvent;
import io.tributary.sink.EventCodec;
import io.tributary.sink.SinkWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the events that capture nodes published ({@link KafkaWriter}) and writes them into one store, so capture can
 * be spread over machines while the store stays in one place.
 *
 * <p>One thread polls, decodes and hands each poll's events to the {@link SinkWriter} as one batch, retrying with
 * backoff while the store is down (Kafka is the buffer here: nothing is taken from it that is not written). Offsets
 * are committed only after the write succeeded: delivery is at least once, and since store writes are idempotent,
 * each event lands in the store exactly once. Records are read in offset order per partition, and a key always maps
 * to one partition, so each book's events reach the store in the order they were published.
 *
 * <p>A record that is not an encoded event is counted, logged (rate-limited) and skipped; it never stops the stream.
 */
public final class KafkaEventSource implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaEventSource.class);

    private final String name;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final SinkWriter store;
    private final Duration pollTimeout;
    private final Backoff backoff;
    private final DistinctErrorLog errors = new DistinctErrorLog(LOG, NanoClock.system());
    private final Thread thread;
    private volatile boolean closing;

    private final AtomicLong consumed = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong badRecords = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong commits = new AtomicLong();
    private volatile String lastError = "";

    private KafkaEventSource(Builder b, SinkWriter store) {
        this.name = b.name;
        this.store = store;
        this.pollTimeout = b.pollTimeout;
        this.backoff = b.backoff;
        this.consumer = new KafkaConsumer<>(b.consumerConfig(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(b.topics);
        this.thread = Thread.ofPlatform().name("kafka-source-" + name).unstarted(this::run);
    }

    /** @return a builder for a source reading from the brokers at {@code bootstrapServers} */
    public static Builder builder(String bootstrapServers) {
        return new Builder(bootstrapServers);
    }

    /** @return the counters now */
    public Stats stats() {
        return new Stats(consumed.get(), written.get(), badRecords.get(), retries.get(), commits.get(), lastError);
    }

    /**
     * Stops polling (within one poll timeout); a write in progress finishes, or its retries stop, and is committed only
     * if it succeeded. Closes the consumer (leaving the group) but not the store.
     */
    @Override
    public void close() {
        closing = true; // seen within one poll timeout; no wakeup(), so a commit after a good write still goes through
        LockSupport.unpark(thread);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            while (!closing) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout);
                if (records.isEmpty()) {
                    continue;
                }
                List<MarketEvent> batch = decode(records);
                if (!writeUntilDone(batch)) {
                    return; // closing: not written, so not committed; the next reader in the group gets it again
                }
                commit(nextOffsets(records));
            }
        } catch (RuntimeException e) {
            lastError = "source stopped: " + e;
            LOG.error("Kafka source '{}' stopped; uncommitted records are read again by the next reader", name, e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /**
     * Commits what was written. If the group moved the partitions meanwhile (a reader joined or left, or a long store
     * outage outlasted {@code max.poll.interval.ms}), the commit is refused: the events are read again by whoever owns
     * the partitions now, and written again, idempotently. The source goes on polling and rejoins the group.
     */
    private void commit(Map<TopicPartition, OffsetAndMetadata> offsets) {
        try {
            consumer.commitSync(offsets);
            commits.incrementAndGet();
        } catch (CommitFailedException | RebalanceInProgressException e) {
            lastError = String.valueOf(e);
            errors.record("commit " + name, "Kafka source '" + name + "' could not commit after a rebalance; the "
                    + "events will be read and written again: " + e.getMessage());
        }
    }

    private List<MarketEvent> decode(ConsumerRecords<byte[], byte[]> records) {
        List<MarketEvent> batch = new ArrayList<>(records.count());
        for (ConsumerRecord<byte[], byte[]> record : records) {
            consumed.incrementAndGet();
            try {
                batch.add(EventCodec.decode(record.value() == null ? new byte[0] : record.value()));
            } catch (IllegalArgumentException e) {
                badRecords.incrementAndGet();
                errors.record("bad record " + record.topic(), "Kafka source '" + name + "' skipped a record at "
                        + record.topic() + "-" + record.partition() + "@" + record.offset() + ": " + e.getMessage());
            }
        }
        return batch;
    }

    /** @return true once written, false if closing stopped the retries first */
    private boolean writeUntilDone(List<MarketEvent> batch) {
        for (int attempt = 0; !closing; attempt++) {
            try {
                if (!batch.isEmpty()) {
                    store.write(batch);
                    written.addAndGet(batch.size());
                }
                return true;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            } catch (Exception e) {
                retries.incrementAndGet();
                lastError = String.valueOf(e);
                errors.record("store write " + store.name(), "Kafka source '" + name + "' could not write to '"
                        + store.name() + "', retrying (nothing is committed until it succeeds): " + e);
                LockSupport.parkNanos(this, backoff.delayNanos(attempt, ThreadLocalRandom.current()::nextDouble));
            }
        }
        return false;
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<byte[], byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<byte[], byte[]>> inPartition = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(inPartition.getLast().offset() + 1));
        }
        return offsets;
    }

    /**
     * The source's counters, in records/events.
     *
     * @param consumed   records polled
     * @param written    events the store confirmed
     * @param badRecords records that were not encoded events (skipped)
     * @param retries    failed store writes (each retried)
     * @param commits    offset commits after a successful write
     * @param lastError  the last failure, empty if none
     */
    public record Stats(long consumed, long written, long badRecords, long retries, long commits, String lastError) {
    }

    /** Settings for a {@link KafkaEventSource}. */
    public static final class Builder {
        private final String bootstrapServers;
        private String name = "kafka";
        private List<String> topics = List.of("tributary.events");
        private String groupId = "tributary-store";
        private Duration pollTimeout = Duration.ofMillis(200);
        private int maxPollRecords = 5000;
        private Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(5), Duration.ZERO);
        private final Map<String, Object> overrides = new HashMap<>();

        private Builder(String bootstrapServers) {
            this.bootstrapServers = Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        }

        /** Name for logs and the thread (default {@code kafka}). */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** Topics to read (default {@code tributary.events}). */
        public Builder topics(List<String> topics) {
            this.topics = List.copyOf(topics);
            return this;
        }

        /** Consumer group; readers sharing it share the partitions (default {@code tributary-store}). */
        public Builder groupId(String groupId) {
            this.groupId = Objects.requireNonNull(groupId, "groupId");
            return this;
        }

        /** Longest wait in one poll; also how fast {@code close} is noticed between polls (default 200 ms). */
        public Builder pollTimeout(Duration timeout) {
            this.pollTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Most records per poll, and so per store write (default 5000). */
        public Builder maxPollRecords(int n) {
            this.maxPollRecords = n;
            return this;
        }

        /** Retry delays while the store is down (default 50 ms doubling to 5 s). */
        public Builder backoff(Backoff backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /** Any other consumer setting; cannot turn auto-commit on. */
        public Builder property(String key, Object value) {
            overrides.put(key, value);
            return this;
        }

        /** Creates the consumer, subscribes and starts the polling thread, writing into {@code store}. */
        public KafkaEventSource start(SinkWriter store) {
            KafkaEventSource source = new KafkaEventSource(this, Objects.requireNonNull(store, "store"));
            source.thread.start();
            return source;
        }

        private Map<String, Object> consumerConfig() {
            Map<String, Object> config = new HashMap<>();
            config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            config.put(ConsumerConfig.CLIENT_ID_CONFIG, "tributary-" + name);
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
            config.putAll(overrides);
            config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false); // commits follow store writes
            return config;
        }
    }
}
