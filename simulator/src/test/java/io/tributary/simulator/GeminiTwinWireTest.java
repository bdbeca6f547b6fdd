package io.tributary.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import io.tributary.simulator.gemini.GeminiTwin;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The Gemini twin's market data v1 socket as a plain WebSocket client sees it. */
class GeminiTwinWireTest {

    private final GeminiTwin twin = GeminiTwin.builder().symbol("BTCUSD", 4_500_000).heartbeatInterval(Duration.ZERO)
            .clock(() -> 1_700_000_000_123L).seed(11).start();

    @AfterEach
    void stop() {
        twin.close();
    }

    private static JSONObject next(JdkClient client) throws InterruptedException {
        return JSON.parseObject(client.nextFrame());
    }

    @Test
    void v1StartsWithTheWholeBookAndNumbersEveryMessageHeartbeatsIncluded() throws Exception {
        try (JdkClient client = JdkClient.connect(twin.server().webSocketUri(
                GeminiTwin.V1_PATH + "btcusd?heartbeat=true&trades=false"))) {
            JSONObject book = next(client);
            assertThat(book.getString("type")).isEqualTo("update");
            assertThat(book.getLongValue("socket_sequence")).isZero();
            assertThat(book.getLongValue("timestampms")).isEqualTo(1_700_000_000_123L);
            assertThat(book.getLongValue("timestamp")).isEqualTo(1_700_000_000L);
            JSONArray events = book.getJSONArray("events");
            assertThat(events).hasSize(twin.depth("BTCUSD"));
            assertThat(events).allSatisfy(e -> {
                JSONObject change = (JSONObject) e;
                assertThat(change.getString("type")).isEqualTo("change");
                assertThat(change.getString("reason")).isEqualTo("initial");
                assertThat(change.getString("delta")).isEqualTo(change.getString("remaining"));
            });
            // both sides whatever the filters: trades=false only filters later events
            assertThat(events).anyMatch(e -> "bid".equals(((JSONObject) e).getString("side")))
                    .anyMatch(e -> "ask".equals(((JSONObject) e).getString("side")));

            twin.heartbeat();
            assertThat(next(client)).containsEntry("type", "heartbeat").containsEntry("socket_sequence", 1);
            twin.step();
            JSONObject traded = next(client);
            assertThat(traded.getLongValue("socket_sequence")).isEqualTo(2);
            assertThat(traded.getJSONArray("events"))
                    .allMatch(e -> "change".equals(((JSONObject) e).getString("type")));
            JSONObject placed = next(client);
            assertThat(placed.getLongValue("socket_sequence")).isEqualTo(3);
            assertThat(placed.getLongValue("eventId")).isGreaterThan(traded.getLongValue("eventId"));

            twin.skipSocketSequence("BTCUSD");
            twin.heartbeat();
            assertThat(next(client).getLongValue("socket_sequence")).isEqualTo(5); // 4 was never sent
        }
    }

    @Test
    void v1TradesNameTheMakerSideAndComeWithTheirChange() throws Exception {
        try (JdkClient client = JdkClient.connect(twin.server().webSocketUri(GeminiTwin.V1_PATH + "BTCUSD"))) {
            next(client);
            twin.step();
            JSONArray events = next(client).getJSONArray("events");
            JSONObject trade = events.getJSONObject(0);
            JSONObject change = events.getJSONObject(1);
            assertThat(trade.getString("type")).isEqualTo("trade");
            assertThat(trade.getLong("tid")).isPositive();
            assertThat(change.getString("reason")).isEqualTo("trade");
            assertThat(change.getString("price")).isEqualTo(trade.getString("price"));
            // the maker's resting order is on the side the trade changed
            assertThat(change.getString("side")).isEqualTo(trade.getString("makerSide"));
        }
    }

    @Test
    void anUnknownSymbolIsRefused() throws Exception {
        try (JdkClient client = JdkClient.connect(twin.server().webSocketUri(GeminiTwin.V1_PATH + "NOPE"))) {
            assertThat(client.closed.get(10, TimeUnit.SECONDS)).startsWith("1008");
        }
    }
}
