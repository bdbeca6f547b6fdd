package io.tributary.simulator.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DepthFloodTest {
    private final BinanceTwin twin = BinanceTwin.builder().stepsPerSecond(0)
            .market(MarketGenerator.builder().seed(7).build()).start();

    @AfterEach
    void stop() {
        twin.close();
    }

    @Test
    void aFloodContinuesTheIdChainAndLeavesTheTwinsBookWhereTheFramesLeadAClient() throws Exception {
        Map<String, TreeMap<BigDecimal, BigDecimal>> book = parseBook(twin.market().depthSnapshot("BTCUSDT", 5000));
        long expectedU = twin.market().lastUpdateId("BTCUSDT") + 1;
        int updates = DepthFlood.CYCLE + 1000; // past one cycle of pre-rendered bodies
        try (RawClient client = new RawClient(twin.webSocketUri("/stream?streams=btcusdt@depth"))) {
            await().atMost(Duration.ofSeconds(10)).until(() -> twin.server().sessions().size() == 1);
            DepthFlood flood = twin.flood("BTCUSDT", updates, 10).start(0);

            for (int i = 0; i < updates; i++) {
                JSONObject frame = JSON.parseObject(client.read().text());
                assertThat(frame.getString("stream")).isEqualTo("btcusdt@depth");
                JSONObject data = frame.getJSONObject("data");
                assertThat(data.getLongValue("U")).isEqualTo(expectedU);
                assertThat(data.getLongValue("u")).isEqualTo(expectedU + 9);
                assertThat(data.getJSONArray("b").size() + data.getJSONArray("a").size()).isEqualTo(10);
                assertThat(flood.writeNanos(data.getLongValue("u"))).isPositive();
                apply(book.get("bids"), data.getJSONArray("b"));
                apply(book.get("asks"), data.getJSONArray("a"));
                expectedU += 10;
            }
            flood.finished().get(10, TimeUnit.SECONDS);

            assertThat(flood.lastUpdateId()).isEqualTo(expectedU - 1);
            assertThat(twin.market().lastUpdateId("BTCUSDT")).isEqualTo(expectedU - 1);
            assertThat(flood.writeNanos(expectedU)).as("not a frame of the flood").isZero();
            assertThat(parseBook(twin.market().partialDepth("BTCUSDT", 5000))).isEqualTo(book);
            assertThat(book.get("bids").lastKey()).isLessThan(book.get("asks").firstKey());
        }
    }

    @Test
    void aFloodNeedsExactlyOneSubscribedConnection() {
        assertThatThrownBy(() -> twin.flood("BTCUSDT", 10, 10)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("0 connections");
    }

    private static Map<String, TreeMap<BigDecimal, BigDecimal>> parseBook(String json) {
        JSONObject snapshot = JSON.parseObject(json);
        TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>();
        TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
        apply(bids, snapshot.getJSONArray("bids"));
        apply(asks, snapshot.getJSONArray("asks"));
        return Map.of("bids", bids, "asks", asks);
    }

    private static void apply(TreeMap<BigDecimal, BigDecimal> side, JSONArray levels) {
        for (int i = 0; i < levels.size(); i++) {
            JSONArray level = levels.getJSONArray(i);
            BigDecimal price = new BigDecimal(level.getString(0));
            BigDecimal size = new BigDecimal(level.getString(1));
            if (size.signum() == 0) {
                side.remove(price);
            } else {
                side.put(price, size);
            }
        }
    }
}
