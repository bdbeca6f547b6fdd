package io.tributary.core.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.alibaba.fastjson2.JSONObject;
import io.tributary.core.error.BadInput;
import io.tributary.core.json.JsonFilter;
import io.tributary.core.stream.StreamOptions;
import io.tributary.simulator.TwinServer;
import io.tributary.simulator.TwinSession;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Every kind of bad input is counted on its socket, logged once, and the socket goes on. */
class FeedBadInputTest {

    private static final int MAX_FRAME_BYTES = 64 * 1024;
    private static final int MAX_INFLATED_BYTES = 256 * 1024;

    private TestMarket market;
    private TwinServer server;
    private Feed feed;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();
    private final Logger feedLogger = (Logger) LoggerFactory.getLogger(Feed.class);

    @BeforeEach
    void start() {
        market = new TestMarket();
        server = TwinServer.builder().webSocket("/test", market).start();
        log.start();
        feedLogger.addAppender(log);
    }

    @AfterEach
    void stop() {
        feedLogger.detachAppender(log);
        if (feed != null) {
            feed.close();
        }
        market.close();
        server.close();
    }

    @Test
    void survivesEveryKindOfBadInputOnTheSameSocket() throws Exception {
        TestProtocol protocol = new TestProtocol(server.webSocketUri("/test")).compression(Compression.GZIP);
        feed = Feed.builder(protocol).name("bad-input").subscribe("btc")
                .maxFrameBytes(MAX_FRAME_BYTES).maxInflatedBytes(MAX_INFLATED_BYTES).build();
        List<RawMessage> data = new CopyOnWriteArrayList<>();
        feed.addHandler(JsonFilter.parse("{\"type\":\"data\"}"), data::add, StreamOptions.defaults());
        feed.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> market.subscribers("btc") == 1);
        TwinSession session = server.sessions().get(0);

        for (int round = 0; round < 3; round++) {
            session.sendText("{\"type\":\"data\",\"channel\":\"btc\",");                 // truncated JSON
            server.faults().sendMalformed();                                            // the twin's own bad JSON
            session.sendText("{\"type\":\"liquidation\"}");                             // unknown type
            session.sendText("{\"type\":\"data\",\"channel\":\"btc\",\"seq\":\"7\"}");    // seq is a string
            session.sendRawText(new byte[] {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, 0x28, '"', '}'}); // bad UTF-8
            server.faults().sendOversized(MAX_FRAME_BYTES + 1);                         // over the frame cap
            session.sendBinary(gzip(new byte[MAX_INFLATED_BYTES + 1]));                 // inflates past the cap
            session.sendBinary("not gzip at all".getBytes(StandardCharsets.US_ASCII));  // corrupt compression
            market.publish("btc");
        }
        session.sendBinary(gzip("{\"type\":\"data\",\"channel\":\"eth\",\"seq\":1}".getBytes(StandardCharsets.UTF_8)));

        await().atMost(Duration.ofSeconds(5)).until(() -> data.size() == 4);
        assertThat(data).extracting(RawMessage::connectionId).containsOnly(feed.sockets().get(0).id());
        assertThat(((JSONObject) data.get(3).json()).getString("channel")).as("gzip frames are inflated").isEqualTo("eth");
        assertThat(server.sessionsOpened()).as("never reconnected").isEqualTo(1);

        Map<BadInput, Long> expected = Map.of(
                BadInput.INVALID_JSON, 6L,
                BadInput.UNKNOWN_MESSAGE, 3L,
                BadInput.WRONG_FIELD_TYPE, 3L,
                BadInput.INVALID_UTF8, 3L,
                BadInput.OVERSIZED_FRAME, 3L,
                BadInput.INFLATED_TOO_LARGE, 3L,
                BadInput.CORRUPT_COMPRESSION, 3L);
        assertThat(feed.sockets().get(0).badInput()).isEqualTo(expected);
        assertThat(feed.stats().badInput()).isEqualTo(expected);

        // one line per distinct kind, not one per occurrence
        List<String> lines = log.list.stream().filter(e -> e.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
        for (BadInput kind : expected.keySet()) {
            assertThat(lines).filteredOn(line -> line.startsWith("bad-input " + kind + ":")).hasSize(1);
        }
    }

    @Test
    void skipsFramesOverTheCapWithoutClosing() {
        // just over the cap, and far over it (buffered by Netty, skipped by us): the socket stays
        feed = Feed.builder(new TestProtocol(server.webSocketUri("/test"))).subscribe("btc")
                .maxFrameBytes(1024).build();
        List<RawMessage> data = new CopyOnWriteArrayList<>();
        feed.addHandler(JsonFilter.parse("{\"type\":\"data\"}"), data::add, StreamOptions.defaults());
        feed.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> market.subscribers("btc") == 1);
        server.faults().sendOversized(1025);
        server.faults().sendOversized(1024 * 1024);
        market.publish("btc");
        await().atMost(Duration.ofSeconds(5)).until(() -> data.size() == 1);
        assertThat(feed.sockets().get(0).badInput()).containsExactly(Map.entry(BadInput.OVERSIZED_FRAME, 2L));
        assertThat(server.sessionsOpened()).isEqualTo(1);
    }

    private static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        }
        return out.toByteArray();
    }
}
