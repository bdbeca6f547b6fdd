package io.tributary.bench;

import io.tributary.model.event.Aggressor;
import io.tributary.model.event.BookUpdate;
import io.tributary.model.event.Level;
import io.tributary.model.event.MarketEvent;
import io.tributary.model.event.Trade;
import io.tributary.sink.EventCodec;
import io.tributary.sink.SinkWriter;
import io.tributary.sink.kafka.KafkaEventSource;
import io.tributary.sink.kafka.KafkaWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * Kafka events/s on this machine, through Tributary's own classes: {@link KafkaWriter} publishing batches of 1,000
 * normalized events (what a {@code ReliableSink}'s writer thread does; acks=all, idempotent, lz4), then a
 * {@link KafkaEventSource} reading them all back, decoding each, into a store that only counts (timed from its first
 * batch, so joining the consumer group is left out). One JSON line.
 *
 * <p>Arguments (all optional): {@code events partitions bootstrapServers}; defaults 1000000, 4, and a single-node
 * KRaft broker started in this JVM (so broker, producer and consumer share the cores).
 */
public final class KafkaThroughput {
    private static final int BATCH = 1_000;

    private KafkaThroughput() {}

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int partitions = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        KafkaClusterTestKit cluster = args.length > 2 ? null : startBroker();
        String bootstrap = cluster == null ? args[2] : cluster.bootstrapServers();
        try {
            run(bootstrap, events, partitions, cluster == null ? "external" : "in-process");
        } finally {
            if (cluster != null) {
                cluster.close();
            }
        }
    }

    private static void run(String bootstrap, int events, int partitions, String broker) throws Exception {
        String topic = "bench.events." + System.currentTimeMillis();
        try (Admin admin = Admin.create(java.util.Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
        }
        List<MarketEvent> pool = eventPool(10_000);
        long valueBytes = pool.stream().mapToLong(e -> EventCodec.encode(e).length).sum() / pool.size();

        long produceStartNs = System.nanoTime();
        try (KafkaWriter writer = KafkaWriter.builder(bootstrap).topic(topic).build()) {
            List<MarketEvent> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < events; i++) {
                batch.add(pool.get(i % pool.size()));
                if (batch.size() == BATCH || i == events - 1) {
                    writer.write(batch);
                    batch.clear();
                }
            }
        }
        long produceNs = System.nanoTime() - produceStartNs;

        CountingStore store = new CountingStore(events);
        boolean complete;
        try (KafkaEventSource source = KafkaEventSource.builder(bootstrap).topics(List.of(topic))
                .groupId("bench-" + topic).start(store)) {
            complete = store.done.await(10, TimeUnit.MINUTES);
        }
        // from the first batch the store got to the last: joining the group (seconds) is left out
        long consumeNs = store.lastNs - store.firstNs;

        System.out.println(String.format(Locale.ROOT,
                "{\"benchmark\":\"kafka\",\"broker\":\"%s\",\"events\":%d,\"partitions\":%d,\"avgValueBytes\":%d,"
                        + "\"producedPerSecond\":%.0f,\"consumedPerSecond\":%.0f,"
                        + "\"complete\":%b,\"consumed\":%d}",
                broker, events, partitions, valueBytes, events / (produceNs / 1e9), events / (consumeNs / 1e9), complete,
                store.count.get()));
    }

    /** Book updates (5 levels a side) and trades over 10 symbols, the mix of a busy Binance feed. */
    private static List<MarketEvent> eventPool(int n) {
        List<MarketEvent> pool = new ArrayList<>(n);
        long t = 1_700_000_000_000_000_000L;
        for (int i = 0; i < n; i++) {
            String symbol = "SYM" + (i % 10) + "USDT";
            if (i % 4 == 3) {
                pool.add(new Trade("binance", symbol, Long.toString(i), new BigDecimal("65000.12"),
                        new BigDecimal("0.00123"), Aggressor.BUY, t + i, t + i + 1_000));
            } else {
                List<Level> bids = new ArrayList<>();
                List<Level> asks = new ArrayList<>();
                for (int l = 0; l < 5; l++) {
                    bids.add(new Level(new BigDecimal("65000." + (10 + l)), new BigDecimal("1.2345" + l)));
                    asks.add(new Level(new BigDecimal("65001." + (10 + l)), new BigDecimal("0.5" + l)));
                }
                pool.add(new BookUpdate("binance", symbol, false, bids, asks, i, i, t + i, t + i + 1_000));
            }
        }
        return pool;
    }

    private static KafkaClusterTestKit startBroker() throws Exception {
        Path dir = Files.createTempDirectory("tributary-kafka-bench");
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).setBaseDirectory(dir).build())
                .setConfigProp("offsets.topic.replication.factor", "1") // one broker: else the group never forms
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .build();
        cluster.format();
        cluster.startup();
        cluster.waitForReadyBrokers();
        return cluster;
    }

    /** A store that counts what it is given. */
    private static final class CountingStore implements SinkWriter {
        final AtomicLong count = new AtomicLong();
        final CountDownLatch done = new CountDownLatch(1);
        private final long expected;
        volatile long firstNs;
        volatile long lastNs;

        CountingStore(long expected) {
            this.expected = expected;
        }

        @Override
        public String name() {
            return "count";
        }

        @Override
        public void write(List<MarketEvent> batch) {
            if (firstNs == 0) {
                firstNs = System.nanoTime();
            }
            if (count.addAndGet(batch.size()) >= expected) {
                lastNs = System.nanoTime();
                done.countDown();
            }
        }

        @Override
        public void close() {}
    }
}
