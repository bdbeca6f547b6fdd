package io.tributary.core.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.core.json.JsonFilter;
import io.tributary.core.stream.StreamOptions;
import io.tributary.simulator.TwinServer;
import io.tributary.simulator.TwinSession;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A frame tap sees every data frame exactly as it came off the socket, delivered or not, in order. */
class FeedFrameTapTest {

    private TestMarket market;
    private TwinServer server;
    private Feed feed;

    @BeforeEach
    void start() {
        market = new TestMarket();
        server = TwinServer.builder().webSocket("/test", market).start();
    }

    @AfterEach
    void stop() {
        if (feed != null) {
            feed.close();
        }
        market.close();
        server.close();
    }

    @Test
    void seesEveryFrameAsReceivedBeforeInflationAndValidation() throws Exception {
        TestProtocol protocol = new TestProtocol(server.webSocketUri("/test")).compression(Compression.GZIP);
        List<RawMessage> tapped = new CopyOnWriteArrayList<>();
        List<Thread> tapThreads = new CopyOnWriteArrayList<>();
        List<RawMessage> delivered = new CopyOnWriteArrayList<>();
        feed = Feed.builder(protocol).name("tapped").subscribe("btc")
                .frameTap(frame -> {
                    tapped.add(frame);
                    tapThreads.add(Thread.currentThread());
                })
                .build();
        feed.addHandler(JsonFilter.all(), delivered::add, StreamOptions.defaults());
        feed.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> market.subscribers("btc") == 1);
        TwinSession session = server.sessions().get(0);
        int before = tapped.size();

        byte[] badUtf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'};
        byte[] compressed = gzip("{\"type\":\"data\",\"channel\":\"btc\",\"seq\":1}");
        byte[] corrupt = "not gzip at all".getBytes(StandardCharsets.US_ASCII);
        session.sendRawText(badUtf8);
        session.sendBinary(compressed);
        session.sendBinary(corrupt);
        session.sendText("{\"type\":\"end\"}");
        await().atMost(Duration.ofSeconds(5)).until(() -> tapped.size() >= before + 4);

        List<RawMessage> mine = new ArrayList<>(tapped.subList(before, before + 4));
        assertThat(mine).extracting(RawMessage::binary).containsExactly(false, true, true, false);
        assertThat(mine.get(0).bytes()).isEqualTo(badUtf8);
        assertThat(mine.get(1).bytes()).as("still compressed").isEqualTo(compressed);
        assertThat(mine.get(2).bytes()).isEqualTo(corrupt);
        assertThat(mine.get(3).text()).isEqualTo("{\"type\":\"end\"}");
        assertThat(mine).allSatisfy(frame -> {
            assertThat(frame.connectionId()).isEqualTo(feed.sockets().get(0).id());
            assertThat(frame.receivedNanos()).isPositive();
        });
        assertThat(java.util.Set.copyOf(tapThreads)).as("all on the feed's one event-loop thread").hasSize(1);

        // consumers get only what the feed accepts: the inflated data message, not the bad frames
        await().atMost(Duration.ofSeconds(5)).until(() -> delivered.stream()
                .anyMatch(m -> m.text().contains("\"seq\":1")));
        assertThat(delivered).noneMatch(m -> m.binary() || m.text().equals("not gzip at all"));
        assertThat(feed.stats().badInput()).isNotEmpty();
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }
}
