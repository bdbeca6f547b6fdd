package io.tributary.core.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alibaba.fastjson2.JSONObject;
import io.tributary.core.error.BadInput;
import io.tributary.core.json.JsonFilter;
import io.tributary.core.stream.StreamOptions;
import io.tributary.simulator.TwinServer;
import io.tributary.simulator.TwinSession;
import io.tributary.simulator.WebSocketRoute;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real HTX/Huobi frames (gzip binary, recorded by cryptofeed) played by a twin: every frame inflates, every
 * {@code {"ping":n}} is answered with {@code {"pong":n}} (the same number), and nothing counts as bad input.
 */
class FeedRecordedHuobiTest {

    private static final Path RECORDING = Path.of(System.getProperty("tributary.shared.dir"),
            "data/huobi/cryptofeed-master/HUOBI.ws.44.0.gz");
    private static final Pattern PING = Pattern.compile("^\\{\"ping\":(\\d+)}$");

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

    /** The protocol side of the test: gzip frames, JSON pings, {@code ch} data, {@code subbed} acknowledgements. */
    private static final class HuobiLike implements ExchangeProtocol {
        private final URI endpoint;

        HuobiLike(URI endpoint) {
            this.endpoint = endpoint;
        }

        @Override
        public String name() {
            return "huobi-recorded";
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
        public Compression binaryFrames() {
            return Compression.GZIP;
        }

        @Override
        public Inbound inspect(RawMessage message) {
            JSONObject json = (JSONObject) message.json();
            if (json.containsKey("ping")) {
                return Inbound.reply("{\"pong\":" + json.getLong("ping") + "}");
            }
            if (json.containsKey("ch") || json.containsKey("subbed")) {
                return Inbound.data();
            }
            return Inbound.invalid(BadInput.UNKNOWN_MESSAGE, "neither ch, subbed nor ping");
        }
    }

    @Test
    void inflatesEveryRecordedFrameAndAnswersEachPingWithTheSameNumber() throws IOException {
        List<byte[]> frames = recordedFrames();
        List<String> expectedPongs = new ArrayList<>();
        int expectedData = 0;
        int expectedAcks = 0;
        for (byte[] frame : frames) {
            String text = gunzip(frame);
            Matcher ping = PING.matcher(text);
            if (ping.matches()) {
                expectedPongs.add("{\"pong\":" + ping.group(1) + "}");
            } else {
                expectedData++;
                expectedAcks += text.contains("\"status\":\"ok\"") ? 1 : 0;
            }
        }
        assertThat(expectedPongs).hasSize(6);

        List<String> received = new CopyOnWriteArrayList<>();
        server = TwinServer.builder().webSocket("/ws", new WebSocketRoute() {
            @Override
            public void onOpen(TwinSession session) {
                frames.forEach(session::sendBinary);
            }

            @Override
            public void onText(TwinSession session, String text) {
                received.add(text);
            }
        }).start();
        feed = Feed.builder(new HuobiLike(server.webSocketUri("/ws"))).build();
        List<RawMessage> data = new CopyOnWriteArrayList<>();
        feed.addHandler(JsonFilter.all(), data::add, StreamOptions.defaults());
        feed.start();

        int expected = expectedData;
        await().atMost(Duration.ofSeconds(10)).until(() -> data.size() == expected && received.size() == 6);
        assertThat(received).isEqualTo(expectedPongs);
        assertThat(feed.stats().badInput()).isEmpty();
        assertThat(data).noneMatch(RawMessage::binary);
        assertThat(expectedAcks).isEqualTo(20);
        assertThat(data.stream().filter(JsonFilter.parse("{\"status\":\"ok\"}"))).hasSize(expectedAcks);
    }

    /** The payloads of the received messages: Python bytes literals ({@code <ts>: b'...'}) turned into bytes. */
    private static List<byte[]> recordedFrames() throws IOException {
        List<byte[]> frames = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(RECORDING))) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).split("\n")) {
                int start = line.indexOf(": b");
                if (line.startsWith("wss://") || start < 0) {
                    continue;
                }
                frames.add(pythonBytes(line.substring(start + 3).strip()));
            }
        }
        return frames;
    }

    private static byte[] pythonBytes(String literal) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 1; i < literal.length() - 1; i++) {
            char c = literal.charAt(i);
            if (c != '\\') {
                out.write(c);
                continue;
            }
            char escaped = literal.charAt(++i);
            switch (escaped) {
                case 'x' -> {
                    out.write(Integer.parseInt(literal.substring(i + 1, i + 3), 16));
                    i += 2;
                }
                case 'n' -> out.write('\n');
                case 'r' -> out.write('\r');
                case 't' -> out.write('\t');
                default -> out.write(escaped); // \\ \' \"
            }
        }
        return out.toByteArray();
    }

    private static String gunzip(byte[] frame) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(frame))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
