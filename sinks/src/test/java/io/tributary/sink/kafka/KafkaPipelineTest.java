package io.tributary.sink.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.core.connection.Backoff;
import io.tributary.core.connection.RawMessage;
import io.tributary.model.event.Aggressor;
import io.tributary.model.event.BookUpdate;
import io.tributary.model.event.Level;
import io.tributary.model.event.MarketEvent;
import io.tributary.model.event.Trade;
import io.tributary.sink.EventCodec;
import io.tributary.sink.ReliableSink;
import io.tributary.sink.StoreProbe;
import io.tributary.sink.questdb.EmbeddedQuestDb;
import io.tributary.sink.questdb.QuestDbWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Capture nodes publish through {@link KafkaWriter}, a store reads through {@link KafkaEventSource}; one real broker. */
class KafkaPipelineTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    static Path dir;
    static KafkaBroker kafka;

    @BeforeAll
    static void startBroker() throws Exception {
        kafka = KafkaBroker.start(dir.resolve("kafka"));
    }

    @AfterAll
    static void stopBroker() throws Exception {
        kafka.close();
    }

    @Test
    void twoNodesPublishUnderLoadThroughABrokerRestartAndEveryEventIsReadBackOnceInPerKeyOrder() throws Exception {
        String topic = "restart";
        kafka.createTopic(topic, 4);
        EventSequence binance = new EventSequence("binance", "BTCUSDT", "ETHUSDT", "SOLUSDT");
        EventSequence okx = new EventSequence("okx", "BTC-USDT", "ETH-USDT");
        int perPhase = 10_000;
        try (ReliableSink nodeA = sink(topic, "node-a", dir.resolve("spill-a"));
             ReliableSink nodeB = sink(topic, "node-b", dir.resolve("spill-b"))) {
            feed(nodeA, binance, 2 * perPhase);
            feed(nodeB, okx, 2 * perPhase);
            await().atMost(PATIENCE).until(() -> nodeA.stats().written() > 0 && nodeB.stats().written() > 0);

            kafka.stopBroker(); // while the first phase is still being published
            feed(nodeA, binance, perPhase);
            feed(nodeB, okx, perPhase);
            kafka.startBroker();
            feed(nodeA, binance, perPhase);
            feed(nodeB, okx, perPhase);
        } // close flushes everything
        int published = binance.count() + okx.count();

        RecordingStore store = new RecordingStore();
        try (KafkaEventSource source = KafkaEventSource.builder(kafka.bootstrapServers()).topics(List.of(topic))
                .groupId("restart-reader").start(store)) {
            await().atMost(PATIENCE).until(() -> store.size() >= published);
            // and nothing more: a marker published after everything is the next and last event the store gets
            try (KafkaWriter marker = KafkaWriter.builder(kafka.bootstrapServers()).topic(topic).build()) {
                marker.write(List.of(trade("marker", "END", 0)));
            }
            await().atMost(PATIENCE).until(() -> store.size() >= published + 1);
            assertThat(source.stats().badRecords()).isZero();
        }
        List<MarketEvent> received = store.events();
        assertThat(received).hasSize(published + 1);
        assertThat(received).filteredOn(e -> e.exchange().equals("marker")).hasSize(1);
        binance.assertReceivedOnceInOrder(received);
        okx.assertReceivedOnceInOrder(received);
    }

    @Test
    void anOutageLongerThanTheDeliveryTimeoutIsRetriedByTheSinkAndTheStoreHasEveryEventOnce() throws Exception {
        String topic = "outage";
        kafka.createTopic(topic, 2);
        EventSequence events = new EventSequence("outage", "BTCUSDT", "ETHUSDT");
        KafkaWriter writer = KafkaWriter.builder(kafka.bootstrapServers()).name("short-timeout").topic(topic)
                .deliveryTimeout(Duration.ofSeconds(2)).build();
        try (ReliableSink sink = ReliableSink.builder(writer).batchSize(500).spillDirectory(dir.resolve("spill-o"))
                .backoff(new Backoff(Duration.ofMillis(100), Duration.ofMillis(500), Duration.ZERO))
                .closeTimeout(PATIENCE).build()) {
            feed(sink, events, 5_000);
            await().atMost(PATIENCE).until(() -> sink.stats().written() == 5_000);
            kafka.stopBroker();
            feed(sink, events, 5_000);
            await().atMost(PATIENCE).until(() -> sink.stats().retries() >= 2); // batches failed, kept, retried
            kafka.startBroker();
            feed(sink, events, 5_000);
        }
        int published = events.count();

        try (EmbeddedQuestDb db = EmbeddedQuestDb.startOnFreePorts(dir.resolve("questdb"));
             StoreProbe probe = new StoreProbe(db.ilpConfig());
             QuestDbWriter store = new QuestDbWriter(db.ilpConfig());
             KafkaEventSource source = KafkaEventSource.builder(kafka.bootstrapServers()).topics(List.of(topic))
                     .groupId("outage-store").start(store)) {
            long inTopic = recordsIn(topic);
            assertThat(inTopic).as("a retried batch may be published twice, never lost").isGreaterThanOrEqualTo(
                    published);
            await().atMost(PATIENCE).until(() -> source.stats().written() == inTopic);
            String trades = "select count() from trades where exchange = 'outage'";
            String deltas = "select count() from book_deltas where exchange = 'outage'"; // one level per update
            await().atMost(PATIENCE).until(() -> probe.count(trades) + probe.count(deltas) >= published);
            assertThat(probe.count(trades)).isEqualTo(published / 2);
            assertThat(probe.count(deltas)).isEqualTo(published / 2);
            assertThat(probe.count("select count_distinct(trade_id) from trades where exchange = 'outage'"))
                    .isEqualTo(published / 2);
        }
    }

    @Test
    void offsetsAreCommittedOnlyAfterTheStoreWroteTheEvents() throws Exception {
        String topic = "commits";
        kafka.createTopic(topic, 2);
        EventSequence events = new EventSequence("binance", "BTCUSDT", "ETHUSDT");
        try (KafkaWriter writer = KafkaWriter.builder(kafka.bootstrapServers()).topic(topic).build()) {
            writer.write(events.next(1_000));
        }

        RecordingStore refusing = new RecordingStore();
        refusing.down(true);
        try (KafkaEventSource source = KafkaEventSource.builder(kafka.bootstrapServers()).topics(List.of(topic))
                .groupId("commit-reader").start(refusing)) {
            await().atMost(PATIENCE).until(() -> refusing.refused() >= 3);
            assertThat(source.stats().commits()).isZero();
        }

        RecordingStore recovered = new RecordingStore();
        try (KafkaEventSource source = KafkaEventSource.builder(kafka.bootstrapServers()).topics(List.of(topic))
                .groupId("commit-reader").start(recovered)) {
            await().atMost(PATIENCE).until(() -> recovered.size() >= 1_000);
            await().atMost(PATIENCE).until(() -> source.stats().written() == 1_000 && source.stats().commits() > 0);
        }
        events.assertReceivedOnceInOrder(recovered.events());

        RecordingStore later = new RecordingStore();
        try (KafkaWriter writer = KafkaWriter.builder(kafka.bootstrapServers()).topic(topic).build();
             KafkaEventSource source = KafkaEventSource.builder(kafka.bootstrapServers()).topics(List.of(topic))
                     .groupId("commit-reader").start(later)) {
            writer.write(events.next(10));
            await().atMost(PATIENCE).until(() -> later.size() >= 10);
        }
        assertThat(later.events()).as("committed events are not read again").hasSize(10)
                .allSatisfy(e -> assertThat(sequenceOf(e)).isGreaterThanOrEqualTo(1_000));
    }

    @Test
    void aStoreOutageLongerThanTheMaxPollIntervalCostsTheGroupSeatButNoEventsAndTheSourceGoesOn() throws Exception {
        String topic = "long-outage";
        kafka.createTopic(topic, 2);
        EventSequence events = new EventSequence("binance", "BTCUSDT", "ETHUSDT");
        try (KafkaWriter writer = KafkaWriter.builder(kafka.bootstrapServers()).topic(topic).build()) {
            writer.write(events.next(500));
        }
        RecordingStore store = new RecordingStore();
        store.down(true);
        try (KafkaEventSource source = KafkaEventSource.builder(kafka.bootstrapServers()).topics(List.of(topic))
                .groupId("long-outage-reader").property(ConsumerConfig.MAX_POLL_INTERVAL_MS_CONFIG, 1_000)
                .backoff(new Backoff(Duration.ofMillis(300), Duration.ofMillis(300), Duration.ZERO))
                .start(store);
             KafkaWriter writer = KafkaWriter.builder(kafka.bootstrapServers()).topic(topic).build()) {
            await().atMost(PATIENCE).until(() -> store.refused() >= 10); // 3 s down: the group dropped the reader
            store.down(false);
            await().atMost(PATIENCE).until(() -> store.size() >= 500);
            writer.write(events.next(10)); // the source is still alive and reading
            await().atMost(PATIENCE).until(() -> store.events().stream().anyMatch(e -> sequenceOf(e) == 509));
        }
        Set<Long> stored = new HashSet<>();
        store.events().forEach(e -> stored.add(sequenceOf(e)));
        assertThat(stored).as("every event, at least once").hasSize(510);
    }

    @Test
    void aRecordThatIsNotAnEventIsCountedAndSkippedAndTheStreamGoesOn() throws Exception {
        String topic = "garbage";
        kafka.createTopic(topic, 1);
        EventSequence events = new EventSequence("binance", "BTCUSDT");
        try (KafkaWriter writer = KafkaWriter.builder(kafka.bootstrapServers()).topic(topic).build();
             KafkaProducer<byte[], byte[]> other = new KafkaProducer<>(Map.of(
                     ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            writer.write(events.next(5));
            other.send(new ProducerRecord<>(topic, "binance:BTCUSDT".getBytes(StandardCharsets.UTF_8),
                    "{\"type\":\"trade\",\"price\":".getBytes(StandardCharsets.UTF_8))).get();
            other.send(new ProducerRecord<>(topic, null, null)).get();
            writer.write(events.next(5));
        }
        RecordingStore store = new RecordingStore();
        try (KafkaEventSource source = KafkaEventSource.builder(kafka.bootstrapServers()).topics(List.of(topic))
                .groupId("garbage-reader").start(store)) {
            await().atMost(PATIENCE).until(() -> store.size() >= 10 && source.stats().consumed() >= 12);
            assertThat(source.stats().badRecords()).isEqualTo(2);
        }
        events.assertReceivedOnceInOrder(store.events());
    }

    @Test
    void rawFramesGoToTheirOwnTopicKeyedByExchangeWithTheirReceiveMetadata() throws Exception {
        String topic = "raw";
        kafka.createTopic(topic, 1);
        RawMessage text = RawMessage.ofText(7, 41, 123, 1_700_000_000_123_456_789L, "{\"e\":\"depthUpdate\"}");
        RawMessage binary = new RawMessage(7, 42, 124, 1_700_000_000_223_456_789L, true, new byte[] {1, 2, (byte) 0xff});
        RawFramePublisher publisher;
        try (KafkaWriter writer = KafkaWriter.builder(kafka.bootstrapServers()).build()) {
            publisher = writer.rawFrames(topic, "huobi");
            publisher.accept(text);
            publisher.accept(binary);
        } // close waits for the sends
        assertThat(publisher.sent()).isEqualTo(2);
        assertThat(publisher.failed()).isZero();

        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "raw-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return records.size() >= 2;
            });
        }
        assertThat(records).hasSize(2);
        assertThat(records).allSatisfy(r -> assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("huobi"));
        assertThat(records.get(0).value()).isEqualTo(text.bytes());
        assertThat(records.get(1).value()).isEqualTo(binary.bytes());
        assertThat(header(records.get(0), RawFramePublisher.RECEIVED_NS)).isEqualTo(1_700_000_000_123_456_789L);
        assertThat(header(records.get(1), RawFramePublisher.SEQUENCE)).isEqualTo(42);
        assertThat(header(records.get(1), RawFramePublisher.CONNECTION_ID)).isEqualTo(7);
        assertThat(records.get(0).headers().lastHeader(RawFramePublisher.BINARY).value()).containsExactly(0);
        assertThat(records.get(1).headers().lastHeader(RawFramePublisher.BINARY).value()).containsExactly(1);
    }

    @Test
    void eventsAreKeyedByExchangeAndSymbolAndCarryTheCodecsJson() throws Exception {
        String topic = "keys";
        kafka.createTopic(topic, 3);
        MarketEvent event = new BookUpdate("binance", "BTCUSDT", false,
                List.of(new Level(new BigDecimal("65000.10"), new BigDecimal("0.00000001"))), List.of(), 5, 7,
                1_700_000_000_000_000_000L, 1_700_000_000_000_000_001L);
        try (KafkaWriter writer = KafkaWriter.builder(kafka.bootstrapServers()).topic(topic).build()) {
            writer.write(List.of(event));
        }
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "keys-reader",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(records::add);
                return !records.isEmpty();
            });
        }
        assertThat(new String(records.getFirst().key(), StandardCharsets.UTF_8)).isEqualTo("binance:BTCUSDT");
        assertThat(EventCodec.decode(records.getFirst().value())).isEqualTo(event);
    }

    /** @return the records the topic holds (sum of its partitions' end offsets; nothing is deleted in a test) */
    private static long recordsIn(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }

    private static ReliableSink sink(String topic, String node, Path spill) {
        return ReliableSink.builder(KafkaWriter.builder(kafka.bootstrapServers()).name(node).topic(topic)
                        .deliveryTimeout(Duration.ofSeconds(60)).build())
                .batchSize(500).spillDirectory(spill).closeTimeout(PATIENCE).build();
    }

    private static void feed(ReliableSink sink, EventSequence events, int n) {
        events.next(n).forEach(sink);
    }

    private static Trade trade(String exchange, String symbol, long sequence) {
        return new Trade(exchange, symbol, Long.toString(sequence), new BigDecimal("100.25"),
                new BigDecimal("0.001"), Aggressor.BUY, 1_700_000_000_000_000_000L + sequence, System.nanoTime());
    }

    /** The per-exchange position a generated event carries (trade id, or a book update's last id). */
    private static long sequenceOf(MarketEvent event) {
        return switch (event) {
            case Trade t -> Long.parseLong(t.tradeId());
            case BookUpdate b -> b.lastUpdateId();
            default -> throw new IllegalArgumentException("not generated here: " + event);
        };
    }

    private static long header(ConsumerRecord<byte[], byte[]> record, String name) {
        return RawFramePublisher.longHeader(record.headers().lastHeader(name));
    }

    /** Numbered trades and book updates for one exchange, round-robin over its symbols. */
    private static final class EventSequence {
        private final String exchange;
        private final String[] symbols;
        private int next;

        EventSequence(String exchange, String... symbols) {
            this.exchange = exchange;
            this.symbols = symbols;
        }

        List<MarketEvent> next(int n) {
            List<MarketEvent> events = new ArrayList<>(n);
            for (int i = 0; i < n; i++, next++) {
                String symbol = symbols[next % symbols.length];
                events.add(next % 2 == 0 ? trade(exchange, symbol, next)
                        : new BookUpdate(exchange, symbol, false,
                                List.of(new Level(new BigDecimal(next + ".5"), new BigDecimal("1.000"))), List.of(),
                                next, next, 1_700_000_000_000_000_000L + next, System.nanoTime()));
            }
            return events;
        }

        int count() {
            return next;
        }

        /** Every event generated so far is in {@code received} exactly once, each symbol's in generation order. */
        void assertReceivedOnceInOrder(List<MarketEvent> received) {
            Map<String, List<Long>> bySymbol = new HashMap<>();
            Set<Long> seen = new HashSet<>();
            for (MarketEvent event : received) {
                if (event.exchange().equals(exchange)) {
                    long sequence = sequenceOf(event);
                    assertThat(seen.add(sequence)).as("%s #%d received once", exchange, sequence).isTrue();
                    bySymbol.computeIfAbsent(event.symbol(), s -> new ArrayList<>()).add(sequence);
                }
            }
            assertThat(seen).as("every %s event", exchange).hasSize(next);
            bySymbol.forEach((symbol, sequences) ->
                    assertThat(sequences).as("%s %s in order", exchange, symbol).isSorted());
        }
    }
}
