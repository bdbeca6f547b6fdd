package io.tributary.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.cli.Serving;
import io.tributary.model.event.Aggressor;
import io.tributary.model.event.MarketEvent;
import io.tributary.model.event.Trade;
import io.tributary.sink.kafka.KafkaWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tributary serve --from-kafka}: what capture nodes published to a real broker lands in the store exactly
 * once, across a restart of the serving process and with events the publishers sent twice.
 */
class ServeFromKafkaTest {

    private static final String TOPIC = "tributary.events";
    private static final long START_NS = 1_700_000_000_000_000_000L;

    @TempDir
    Path dir;

    private static List<MarketEvent> trades(String symbol, int from, int to) {
        List<MarketEvent> trades = new ArrayList<>();
        for (int i = from; i < to; i++) {
            long t = START_NS + i * 1_000_000L;
            trades.add(new Trade("node", symbol, Integer.toString(i), new BigDecimal("65000.0" + (i % 10)),
                    new BigDecimal("0.00" + (i % 7 + 1)), i % 2 == 0 ? Aggressor.BUY : Aggressor.SELL, t, t + 11));
        }
        return trades;
    }

    @Test
    void everyPublishedEventLandsInTheStoreOnceAcrossARestartAndRepublishing() throws Exception {
        int total = 6_000;
        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"))) {
            broker.createTopic(TOPIC, 3);
            String[] serve = {"--from-kafka", broker.bootstrapServers(), "--topic", TOPIC, "--group", "store-test",
                    "--data", dir.resolve("data").toString(), "--api-port", "0"};
            try (KafkaWriter nodeA = KafkaWriter.builder(broker.bootstrapServers()).name("node-a").build();
                 KafkaWriter nodeB = KafkaWriter.builder(broker.bootstrapServers()).name("node-b").build()) {
                nodeA.write(trades("AAA", 0, total / 2));
                nodeB.write(trades("BBB", 0, total / 2));

                try (Serving first = Serving.start(serve); Api api = new Api(first.apiUri())) {
                    await().atMost(Duration.ofSeconds(60)).until(() -> storedIds(api, "AAA").size() == total / 2
                            && storedIds(api, "BBB").size() == total / 2);
                }
                // published while no store reads, and a node re-sending what it already sent (a retried batch)
                nodeA.write(trades("AAA", total / 2, total));
                nodeB.write(trades("BBB", 0, total));
            }
            try (Serving second = Serving.start(serve); Api api = new Api(second.apiUri())) {
                await().atMost(Duration.ofSeconds(60)).until(() -> storedIds(api, "BBB").size() == total
                        && storedIds(api, "AAA").size() == total);
                JsonNode streams = api.ok("/api/v1/streams");
                assertThat(streams.path("live").path("fromKafka").path("badRecords").asLong()).isZero();
                for (String symbol : List.of("AAA", "BBB")) {
                    List<String> ids = storedIdList(api, symbol);
                    assertThat(ids).as(symbol + " stored once each").doesNotHaveDuplicates().hasSize(total);
                    assertThat(new HashSet<>(ids)).isEqualTo(expectedIds(total));
                }
                JsonNode first = api.ok("/api/v1/trades?exchange=node&symbol=AAA&from=" + START_NS + "&to="
                        + (START_NS + 1) + "&limit=1").path("rows").get(0);
                assertThat(new BigDecimal(first.path("price").asText())).isEqualByComparingTo("65000.00");
                assertThat(new BigDecimal(first.path("size").asText())).isEqualByComparingTo("0.001");
                assertThat(first.path("receivedNs").asLong()).isEqualTo(START_NS + 11);
            }
        }
    }

    @Test
    void aCaptureNodePublishingToKafkaFillsTheStoreNodeWithEveryTrade() throws Exception {
        try (KafkaBroker broker = KafkaBroker.start(dir.resolve("kafka"))) {
            broker.createTopic(TOPIC, 3);
            try (Serving store = Serving.start("--from-kafka", broker.bootstrapServers(), "--data",
                    dir.resolve("store").toString(), "--api-port", "0");
                 Api api = new Api(store.apiUri())) {
                long trades;
                try (Serving capture = Serving.start("--twins", "--exchange", "binance:BTCUSDT", "--kafka",
                        broker.bootstrapServers(), "--data", dir.resolve("capture").toString(), "--api-port", "0",
                        "--no-journal")) {
                    await().atMost(Duration.ofSeconds(90)).until(() -> storedTrades(api) >= 50);
                    capture.close(); // the Kafka sink flushes everything received
                    trades = capture.connector("binance").orElseThrow().symbolStats().get("BTCUSDT").trades();
                    assertThat(capture.store().sinkStats().get("kafka").lost()).isZero();
                }
                await().atMost(Duration.ofSeconds(60)).until(() -> storedTrades(api) == trades);
            }
        }
    }

    private static long storedTrades(Api api) {
        for (JsonNode stream : api.ok("/api/v1/streams").path("stored")) {
            if (stream.path("exchange").asText().equals("binance") && stream.path("symbol").asText().equals("BTCUSDT")) {
                return stream.path("tables").path("trades").path("rows").asLong();
            }
        }
        return 0;
    }

    private static Set<String> expectedIds(int total) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < total; i++) {
            ids.add(Integer.toString(i));
        }
        return ids;
    }

    private static Set<String> storedIds(Api api, String symbol) {
        return new HashSet<>(storedIdList(api, symbol));
    }

    /** Every stored trade id of {@code symbol}, page by page. */
    private static List<String> storedIdList(Api api, String symbol) {
        List<String> ids = new ArrayList<>();
        int offset = 0;
        while (true) {
            JsonNode page = api.ok("/api/v1/trades?exchange=node&symbol=" + symbol + "&from=" + START_NS + "&to="
                    + (START_NS + 3_600_000_000_000L) + "&limit=10000&offset=" + offset);
            page.path("rows").forEach(row -> ids.add(row.path("tradeId").asText()));
            if (page.path("nextOffset").isNull() || page.path("nextOffset").isMissingNode()) {
                return ids;
            }
            offset = page.path("nextOffset").asInt();
        }
    }
}
