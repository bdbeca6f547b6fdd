package io.tributary.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import io.tributary.simulator.huobi.HuobiFlood;
import io.tributary.simulator.huobi.HuobiTwin;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;

/** The HTX benchmark flood: gzip frames compressed in advance, played as binary frames, chained and complete. */
class HuobiFloodTest {

    private static final String TOPIC = "market.btcusdt.mbp.150";

    @Test
    void aFloodIsGzipBinaryFramesThatChainOnFromTheTwinAndEndAtItsBook() throws Exception {
        try (HuobiTwin twin = HuobiTwin.builder().symbols(List.of("btcusdt")).start();
             JdkClient client = JdkClient.connect(twin.server().webSocketUri("/feed"))) {
            client.send("{\"sub\":\"" + TOPIC + "\",\"id\":\"1\"}");
            assertThat(nextJson(client, new long[1]).getString("subbed")).isEqualTo(TOPIC);
            List<Map<BigDecimal, BigDecimal>> before = twin.book("btcusdt");
            long seqNumBefore = twin.seqNum("btcusdt");

            HuobiFlood flood = twin.flood("btcusdt", 200, 4);
            flood.start(0).finished().get(10, TimeUnit.SECONDS);

            Map<BigDecimal, BigDecimal> bids = new TreeMap<>(before.get(0));
            Map<BigDecimal, BigDecimal> asks = new TreeMap<>(before.get(1));
            long previous = seqNumBefore;
            long[] floodBytes = {0};
            for (int i = 0; i < 200; i++) {
                JSONObject message = nextJson(client, floodBytes);
                assertThat(message.getString("ch")).isEqualTo(TOPIC);
                JSONObject tick = message.getJSONObject("tick");
                assertThat(tick.getLongValue("prevSeqNum")).isEqualTo(previous);
                previous = tick.getLongValue("seqNum");
                assertThat(flood.writeNanos(previous)).as("write time of seqNum %d", previous).isPositive();
                int levels = apply(bids, tick.getJSONArray("bids")) + apply(asks, tick.getJSONArray("asks"));
                assertThat(levels).isEqualTo(4);
            }
            assertThat(previous).isEqualTo(flood.lastSeqNum()).isEqualTo(twin.seqNum("btcusdt"));
            assertThat(bids).isEqualTo(new TreeMap<>(twin.book("btcusdt").get(0)));
            assertThat(asks).isEqualTo(new TreeMap<>(twin.book("btcusdt").get(1)));
            assertThat(flood.compressedBytes()).isEqualTo(floodBytes[0]);
        }
    }

    /** The next data frame (twin pings are skipped), gunzipped; its size added to {@code bytes[0]}. */
    private static JSONObject nextJson(JdkClient client, long[] bytes) throws Exception {
        while (true) {
            byte[] frame = client.binaries.poll(10, TimeUnit.SECONDS);
            assertThat(frame).as("a binary frame").isNotNull();
            JSONObject json = JSON.parseObject(gunzip(frame));
            if (!json.containsKey("ping")) {
                bytes[0] += frame.length;
                return json;
            }
        }
    }

    private static int apply(Map<BigDecimal, BigDecimal> side, JSONArray levels) {
        for (int i = 0; i < levels.size(); i++) {
            BigDecimal price = levels.getJSONArray(i).getBigDecimal(0);
            BigDecimal size = levels.getJSONArray(i).getBigDecimal(1);
            if (size.signum() == 0) {
                side.remove(price);
            } else {
                side.put(price, size);
            }
        }
        return levels.size();
    }

    private static String gunzip(byte[] frame) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(frame))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
