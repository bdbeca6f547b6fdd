package io.tributary.core.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alibaba.fastjson2.JSONObject;
import io.tributary.core.json.JsonFilter;
import io.tributary.core.stream.ConsumerStream;
import io.tributary.core.stream.StreamOptions;
import io.tributary.simulator.MessageSource;
import io.tributary.simulator.TwinServer;
import io.tributary.simulator.TwinSession;
import io.tributary.simulator.WebSocketRoute;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Filters over real Binance combined-stream messages (recorded by cryptofeed) played by a twin. */
class FeedRecordedBinanceTest {

    private static final Path RECORDING = Path.of(System.getProperty("tributary.shared.dir"),
            "data/binance/cryptofeed-master/BINANCE.ws.1.0");

    private TwinServer server;
    private Feed feed;

    @AfterEach
    void stop() {
        if (feed != null) {
            feed.close();
        }
        if (server != null) {
            server.close();
        }
    }

    /** Combined streams; diff depth deduplicated by symbol + final update id {@code u}. */
    private record BinanceLike(URI endpoint) implements ExchangeProtocol {
        @Override
        public String name() {
            return "binance-recorded";
        }

        @Override
        public URI endpoint(List<String> subscriptions) {
            return endpoint;
        }

        @Override
        public List<String> subscribeMessages(List<String> subscriptions) {
            return List.of();
        }

        @Override
        public Inbound inspect(RawMessage message) {
            JSONObject data = ((JSONObject) message.json()).getJSONObject("data");
            if (data != null && "depthUpdate".equals(data.getString("e"))) {
                return Inbound.data("depth:" + data.getString("s"), data.getLongValue("u"));
            }
            return Inbound.data();
        }
    }

    private static List<String> recordedMessages() throws IOException {
        List<String> messages = new ArrayList<>();
        for (String line : Files.readAllLines(RECORDING)) {
            int start = line.indexOf(": {");
            if (!line.startsWith("wss://") && start > 0) {
                messages.add(line.substring(start + 2));
            }
        }
        return messages;
    }

    private static long count(List<String> messages, String... fragments) {
        return messages.stream().filter(m -> List.of(fragments).stream().anyMatch(m::contains)).count();
    }

    @Test
    void filtersRealMessagesByAnyOfAllOfAndNestedPaths() throws IOException {
        List<String> recorded = recordedMessages();
        server = TwinServer.builder().webSocket("/stream", new WebSocketRoute() {
            @Override
            public void onOpen(TwinSession session) {
                session.play(MessageSource.of(recorded), 0);
            }
        }).start();
        feed = Feed.builder(new BinanceLike(server.webSocketUri("/stream"))).build();
        ConsumerStream<RawMessage> anyOf = feed.stream(JsonFilter.parse(
                "[{\"data.e\":\"depthUpdate\",\"data.s\":\"LRCBTC\"}, {\"stream\":\"nknusdt@aggTrade\"}]"));
        ConsumerStream<RawMessage> nested = feed.stream(JsonFilter.parse(
                "{\"data\":{\"e\":\"depthUpdate\",\"s\":\"NKNUSDT\"}}"));
        ConsumerStream<RawMessage> byNumber = feed.stream(JsonFilter.parse("{\"data.U\":499869750}"));
        ConsumerStream<RawMessage> everything = feed.stream(JsonFilter.all());
        feed.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> feed.stats().delivered() == recorded.size());
        feed.close();

        assertThat(drain(anyOf)).isEqualTo(count(recorded, "\"stream\":\"lrcbtc@depth@100ms\"",
                "\"stream\":\"nknusdt@aggTrade\"")).isEqualTo(16);
        assertThat(drain(nested)).isEqualTo(count(recorded, "\"stream\":\"nknusdt@depth@100ms\"")).isEqualTo(150);
        assertThat(drain(byNumber)).isEqualTo(count(recorded, "\"U\":499869750,")).isEqualTo(1);
        assertThat(drain(everything)).isEqualTo(recorded.size());
        assertThat(feed.stats().duplicates()).isZero();
        assertThat(feed.stats().badInput()).isEmpty();
    }

    private static long drain(ConsumerStream<RawMessage> stream) {
        long n = 0;
        for (RawMessage ignored : stream) {
            n++;
        }
        return n;
    }
}
