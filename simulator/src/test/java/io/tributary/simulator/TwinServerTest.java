package io.tributary.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.alibaba.fastjson2.JSON;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TwinServerTest {
    /** Echoes texts, answers "subscribe" with ok/refused as the faults say, and hands out each session it opens. */
    private static final class EchoRoute implements WebSocketRoute {
        final BlockingQueue<TwinSession> opened = new LinkedBlockingQueue<>();
        final BlockingQueue<String> closes = new LinkedBlockingQueue<>();

        @Override
        public void onOpen(TwinSession session) {
            opened.add(session);
        }

        @Override
        public void onText(TwinSession session, String text) {
            if (text.equals("subscribe")) {
                session.sendText(session.subscriptionsRefused() ? "refused" : "ok");
            } else {
                session.sendText("echo:" + text);
            }
        }

        @Override
        public void onClose(TwinSession session, int code, String reason) {
            closes.add(code + " " + reason);
        }

        TwinSession nextSession() throws InterruptedException {
            TwinSession session = opened.poll(10, TimeUnit.SECONDS);
            assertThat(session).as("a session opened").isNotNull();
            return session;
        }
    }

    private final EchoRoute echo = new EchoRoute();
    private TwinServer server;

    private TwinServer start(TwinServer.Builder builder) {
        server = builder.start();
        return server;
    }

    private TwinServer startEcho() {
        return start(TwinServer.builder().webSocket("/echo", echo));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void dispatchesByExactPathThenLongestPrefixAndExposesTheQuery() throws Exception {
        WebSocketRoute describe = new WebSocketRoute() {
            @Override
            public void onOpen(TwinSession session) {
                session.sendText("exact " + session.path() + " " + session.query());
            }
        };
        WebSocketRoute prefix = new WebSocketRoute() {
            @Override
            public void onOpen(TwinSession session) {
                session.sendText("prefix " + session.path());
            }
        };
        WebSocketRoute longerPrefix = new WebSocketRoute() {
            @Override
            public void onOpen(TwinSession session) {
                session.sendText("longer " + session.path());
            }
        };
        start(TwinServer.builder().webSocket("/ws", describe).webSocketPrefix("/ws/", prefix)
                .webSocketPrefix("/ws/special", longerPrefix));

        try (JdkClient exact = JdkClient.connect(server.webSocketUri("/ws?streams=a/b&x=1&x=2"));
                JdkClient byPrefix = JdkClient.connect(server.webSocketUri("/ws/btcusdt@trade"));
                JdkClient byLongerPrefix = JdkClient.connect(server.webSocketUri("/ws/special1"))) {
            assertThat(exact.nextFrame()).isEqualTo("exact /ws {streams=[a/b], x=[1, 2]}"); // query order kept
            assertThat(byPrefix.nextFrame()).isEqualTo("prefix /ws/btcusdt@trade");
            assertThat(byLongerPrefix.nextFrame()).isEqualTo("longer /ws/special1");
        }
        assertThat(server.sessionsOpened()).isEqualTo(3);
        assertThatThrownBy(() -> JdkClient.connect(server.webSocketUri("/nowhere")))
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(WebSocketHandshakeException.class,
                        e -> assertThat(e.getResponse().statusCode()).isEqualTo(404));
    }

    @Test
    void httpRoutesAnswerWithStatusHeadersAndBody() throws Exception {
        start(TwinServer.builder().http("/api/v3/depth", request -> HttpReply.json(200,
                "{\"symbol\":\"" + request.queryParam("symbol") + "\",\"method\":\"" + request.method() + "\"}")));
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> found = http.send(java.net.http.HttpRequest.newBuilder(
                server.httpUri("/api/v3/depth?symbol=BTCUSDT&limit=5")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> missing = http.send(java.net.http.HttpRequest.newBuilder(
                server.httpUri("/api/v3/other")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(found.statusCode()).isEqualTo(200);
        assertThat(found.headers().firstValue("content-type")).contains("application/json");
        assertThat(found.body()).isEqualTo("{\"symbol\":\"BTCUSDT\",\"method\":\"GET\"}");
        assertThat(missing.statusCode()).isEqualTo(404);
    }

    @Test
    void sendsTextBinaryAndPingsAndCountsWhatComesBack() throws Exception {
        startEcho();
        try (JdkClient client = JdkClient.connect(server.webSocketUri("/echo"))) {
            TwinSession session = echo.nextSession();
            client.send("hello");
            assertThat(client.nextFrame()).isEqualTo("echo:hello");

            session.sendBinary(new byte[] {1, 2, 3});
            assertThat(client.binaries.poll(10, TimeUnit.SECONDS)).containsExactly(1, 2, 3);

            session.sendPing("p1".getBytes(StandardCharsets.UTF_8));
            assertThat(client.nextFrame()).isEqualTo("PING:p1");
            await().until(() -> session.pongsReceived() == 1); // the JDK client answers pings itself

            assertThat(session.textsReceived()).isEqualTo(1);
            assertThat(session.framesSent()).isEqualTo(2);
            assertThat(session.bytesSent()).isEqualTo("echo:hello".length() + 3);
        }
    }

    @Test
    void answersPingsWithTheSamePayloadUnlessToldToIgnoreThem() throws Exception {
        startEcho();
        try (JdkClient client = JdkClient.connect(server.webSocketUri("/echo"))) {
            TwinSession session = echo.nextSession();
            client.socket().sendPing(ByteBuffer.wrap("a".getBytes(StandardCharsets.UTF_8))).join();
            assertThat(client.nextFrame()).isEqualTo("PONG:a");

            session.faults().ignorePings(true);
            client.socket().sendPing(ByteBuffer.wrap("b".getBytes(StandardCharsets.UTF_8))).join();
            client.send("marker"); // read after the ping: had a pong been written, it would arrive first
            assertThat(client.nextFrame()).isEqualTo("echo:marker");
            assertThat(session.pingsReceived()).isEqualTo(2);

            session.faults().ignorePings(false);
            client.socket().sendPing(ByteBuffer.wrap("c".getBytes(StandardCharsets.UTF_8))).join();
            assertThat(client.nextFrame()).isEqualTo("PONG:c");
        }
    }

    @Test
    void dropNowClosesTcpWithoutACloseFrame() throws Exception {
        startEcho();
        try (JdkClient client = JdkClient.connect(server.webSocketUri("/echo"))) {
            TwinSession session = echo.nextSession();
            session.faults().dropNow();

            assertThat(client.closed.get(10, TimeUnit.SECONDS)).doesNotStartWith("1000");
            assertThat(echo.closes.poll(10, TimeUnit.SECONDS)).isEqualTo("1006 ");
            session.closeFuture().get(10, TimeUnit.SECONDS);
            assertThat(session.isOpen()).isFalse();
            await().until(() -> server.sessions().isEmpty());
        }
    }

    @Test
    void dropAfterDeliversExactlyNMoreFramesThenCloses() throws Exception {
        startEcho();
        server.faults().dropAfter(10); // server-wide: also armed for sessions that open later
        try (JdkClient client = JdkClient.connect(server.webSocketUri("/echo"))) {
            TwinSession session = echo.nextSession();
            session.play(MessageSource.generated(i -> "m" + i, 100), 0);

            client.closed.get(10, TimeUnit.SECONDS);
            assertThat(List.copyOf(client.frames))
                    .containsExactly("m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8", "m9");
            assertThat(session.framesSent()).isEqualTo(10);
            assertThat(echo.closes.poll(10, TimeUnit.SECONDS)).isEqualTo("1006 ");
        }
    }

    @Test
    void stallSendsNothingAtAllUntilResumedWhileTcpStaysOpen() throws Exception {
        startEcho();
        try (JdkClient client = JdkClient.connect(server.webSocketUri("/echo"))) {
            TwinSession session = echo.nextSession();
            session.faults().stall();
            session.sendText("while stalled");
            client.socket().sendPing(ByteBuffer.wrap("p".getBytes(StandardCharsets.UTF_8))).join();
            await().until(() -> session.pingsReceived() == 1); // it arrived and went unanswered

            session.faults().resume();
            session.sendText("after resume");

            assertThat(client.nextFrame()).isEqualTo("after resume"); // no pong, no stalled text before it
            assertThat(session.isOpen()).isTrue();
            assertThat(client.closed).isNotDone();
            assertThat(session.framesSent()).isEqualTo(1);
        }
    }

    @Test
    void stallPausesAPlaybackWithoutLosingItsFrames() throws Exception {
        startEcho();
        try (JdkClient client = JdkClient.connect(server.webSocketUri("/echo"))) {
            TwinSession session = echo.nextSession();
            session.faults().stall();
            Playback playback = session.play(MessageSource.of(List.of("a", "b", "c")), 0);
            client.send("x"); // handled after play() on the I/O thread; its echo is discarded while stalled
            await().until(() -> session.textsReceived() == 1);
            assertThat(playback.sent()).isZero();

            session.faults().resume();
            playback.done().get(10, TimeUnit.SECONDS);
            assertThat(List.of(client.nextFrame(), client.nextFrame(), client.nextFrame())).containsExactly("a", "b", "c");
        }
    }

    @Test
    void serverWideStallAppliesToSessionsOpenedLater() throws Exception {
        startEcho();
        server.faults().stall();
        try (JdkClient client = JdkClient.connect(server.webSocketUri("/echo"))) {
            TwinSession session = echo.nextSession();
            client.send("unanswered");
            await().until(() -> session.textsReceived() == 1);
            server.faults().resume();
            client.send("answered");
            assertThat(client.nextFrame()).isEqualTo("echo:answered");
        }
    }

    @Test
    void sendMalformedInjectsOneInvalidJsonFrameAheadOfTheRest() throws Exception {
        startEcho();
        try (JdkClient client = JdkClient.connect(server.webSocketUri("/echo"))) {
            TwinSession session = echo.nextSession();
            session.faults().sendMalformed();
            session.sendText("{\"ok\":true}");

            String malformed = client.nextFrame();
            assertThat(JSON.isValid(malformed)).as("valid JSON? " + malformed).isFalse();
            assertThat(client.nextFrame()).isEqualTo("{\"ok\":true}");
        }
    }

    @Test
    void sendOversizedInjectsValidJsonOfExactlyThatSize() throws Exception {
        startEcho();
        try (JdkClient client = JdkClient.connect(server.webSocketUri("/echo"))) {
            server.faults().sendOversized(3_000_000);

            String oversized = client.nextFrame();
            assertThat(oversized.getBytes(StandardCharsets.UTF_8)).hasSize(3_000_000);
            assertThat(JSON.isValid(oversized)).isTrue();
        }
        assertThatThrownBy(() -> server.faults().sendOversized(3)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sendRawTextPutsArbitraryBytesInATextFrame() throws Exception {
        startEcho();
        try (JdkClient client = JdkClient.connect(server.webSocketUri("/echo"))) {
            TwinSession session = echo.nextSession();
            session.sendRawText(new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'}); // 0xC3 0x28: invalid UTF-8

            // the JDK client validates UTF-8 and fails the connection: the bytes went out unaltered
            assertThat(client.error.get(10, TimeUnit.SECONDS)).hasRootCauseInstanceOf(
                    java.nio.charset.CharacterCodingException.class);
            assertThat(session.framesSent()).isEqualTo(1);
        }
    }

    @Test
    void closeWithSendsThatCodeAndReason() throws Exception {
        startEcho();
        try (JdkClient client = JdkClient.connect(server.webSocketUri("/echo"))) {
            TwinSession session = echo.nextSession();
            session.faults().closeWith(4001, "go away");

            assertThat(client.closed.get(10, TimeUnit.SECONDS)).isEqualTo("4001 go away");
            session.closeFuture().get(10, TimeUnit.SECONDS);
            assertThat(echo.closes.poll(10, TimeUnit.SECONDS)).isEqualTo("4001 go away");
        }
    }

    @Test
    void answersAClientCloseAndReportsItsCode() throws Exception {
        startEcho();
        try (JdkClient client = JdkClient.connect(server.webSocketUri("/echo"))) {
            TwinSession session = echo.nextSession();
            client.socket().sendClose(1000, "bye").join();

            assertThat(client.closed.get(10, TimeUnit.SECONDS)).isEqualTo("1000 bye");
            session.closeFuture().get(10, TimeUnit.SECONDS);
            assertThat(echo.closes.poll(10, TimeUnit.SECONDS)).isEqualTo("1000 bye");
        }
    }

    @Test
    void refuseSubscriptionsIsAFlagRoutesConsult() throws Exception {
        startEcho();
        try (JdkClient client = JdkClient.connect(server.webSocketUri("/echo"))) {
            TwinSession session = echo.nextSession();
            client.send("subscribe");
            assertThat(client.nextFrame()).isEqualTo("ok");

            server.faults().refuseSubscriptions(true);
            client.send("subscribe");
            assertThat(client.nextFrame()).isEqualTo("refused");

            server.faults().refuseSubscriptions(false);
            session.faults().refuseSubscriptions(true);
            client.send("subscribe");
            assertThat(client.nextFrame()).isEqualTo("refused");
            assertThat(server.faults().subscriptionsRefused()).isFalse();
        }
    }

    @Test
    void throttleCapsTheBytesWrittenPerSecond() throws Exception {
        startEcho();
        long bytesPerSecond = 200_000;
        int frameBytes = 1_000;
        String frame = "x".repeat(frameBytes);
        try (JdkClient client = JdkClient.connect(server.webSocketUri("/echo"))) {
            TwinSession session = echo.nextSession();
            session.faults().throttle(bytesPerSecond);
            session.play(() -> frame, 0); // endless, as fast as allowed

            client.nextFrame();
            long firstNs = System.nanoTime();
            long firstBytes = client.textBytes.get();
            await().until(() -> client.textBytes.get() - firstBytes >= 300_000);
            long elapsedNs = System.nanoTime() - firstNs;
            long bytes = client.textBytes.get() - firstBytes;

            // a throttled link needs at least bytes/rate seconds (less one frame of slack); generous on the other side
            double minimumNs = (bytes - frameBytes) * 1e9 / bytesPerSecond;
            assertThat((double) elapsedNs).isGreaterThanOrEqualTo(minimumNs * 0.95);
            assertThat((double) elapsedNs).isLessThan(minimumNs * 10);
        }
    }

    @Test
    void playsAtTheRequestedRateInOrder() throws Exception {
        startEcho();
        int count = 50;
        double perSecond = 100;
        try (JdkClient client = JdkClient.connect(server.webSocketUri("/echo"))) {
            TwinSession session = echo.nextSession();
            long startNs = System.nanoTime();
            Playback playback = session.play(MessageSource.generated(i -> Long.toString(i), count), perSecond);
            for (int i = 0; i < count; i++) {
                assertThat(client.nextFrame()).isEqualTo(Integer.toString(i));
            }
            long elapsedNs = System.nanoTime() - startNs;

            playback.done().get(10, TimeUnit.SECONDS);
            assertThat(playback.sent()).isEqualTo(count);
            assertThat((double) elapsedNs).isGreaterThanOrEqualTo((count - 1) / perSecond * 1e9 * 0.95);
        }
    }

    @Test
    void asFastAsPossibleStopsReadingTheSourceWhileTheClientDoesNotRead() throws Exception {
        startEcho();
        int count = 10_000;
        String frame = "y".repeat(16_384); // 160 MB in all: far more than the socket buffers
        try (JdkClient client = JdkClient.connect(server.webSocketUri("/echo"), false)) {
            TwinSession session = echo.nextSession();
            Playback playback = session.play(MessageSource.generated(i -> frame, count), 0);

            await().until(() -> playback.sent() > 0 && !session.isWritable());
            long sentWhileBlocked = playback.sent();
            assertThat(sentWhileBlocked * frame.length()).as("bytes taken from the source").isLessThan(64L << 20);
            assertThat(playback.done()).isNotDone();

            client.socket().request(Long.MAX_VALUE);
            playback.done().get(60, TimeUnit.SECONDS);
            await().atMost(60, TimeUnit.SECONDS).until(() -> client.texts.get() == count);
            assertThat(playback.sent()).isEqualTo(count);
        }
    }

    @Test
    void dropsAClientThatLetsTooManySentFramesPileUp() throws Exception {
        start(TwinServer.builder().webSocket("/echo", echo).maxPendingFrames(10));
        String frame = "z".repeat(1 << 18);
        try (JdkClient unread = JdkClient.connect(server.webSocketUri("/echo"), false)) {
            assertThat(unread.closed).isNotDone();
            TwinSession session = echo.nextSession();
            for (int i = 0; i < 200 && session.isOpen(); i++) { // 50 MB: far beyond the socket buffers and 10 frames
                session.sendText(frame);
            }
            session.closeFuture().get(10, TimeUnit.SECONDS);
            assertThat(session.framesSent()).isLessThan(200);
            assertThat(echo.closes.poll(10, TimeUnit.SECONDS)).isEqualTo("1006 ");
        }
    }

    @Test
    void serverWideActionsReachEveryOpenSession() throws Exception {
        startEcho();
        try (JdkClient first = JdkClient.connect(server.webSocketUri("/echo"));
                JdkClient second = JdkClient.connect(server.webSocketUri("/echo"))) {
            TwinSession one = echo.nextSession();
            TwinSession two = echo.nextSession();
            assertThat(server.sessions()).containsExactly(one, two);

            server.faults().dropNow();
            one.closeFuture().get(10, TimeUnit.SECONDS);
            two.closeFuture().get(10, TimeUnit.SECONDS);
            first.closed.get(10, TimeUnit.SECONDS);
            second.closed.get(10, TimeUnit.SECONDS);
            await().until(() -> server.sessions().isEmpty());
            assertThat(server.sessionsOpened()).isEqualTo(2);
        }
    }

    @Test
    void closingTheServerEndsSessionsAndPlaybacksAndLaterCallsAreHarmless() throws Exception {
        startEcho();
        try (JdkClient client = JdkClient.connect(server.webSocketUri("/echo"))) {
            TwinSession session = echo.nextSession();
            Playback endless = session.play(() -> "tick", 10);
            assertThat(client.nextFrame()).isEqualTo("tick");
            server.close();

            session.closeFuture().get(10, TimeUnit.SECONDS);
            endless.done().get(10, TimeUnit.SECONDS);
            assertThat(echo.closes.poll(10, TimeUnit.SECONDS)).isEqualTo("1006 ");
            session.sendText("after close");
            session.close(1000, "after close");
            endless.close();
            assertThat(session.isOpen()).isFalse();
            assertThat(server.sessions()).isEmpty();
        }
        server.close(); // again: idempotent
    }

    @Test
    void faultSpecsParseAndPrintTheirConditions() {
        Faults faults = Faults.parse("drop-after=100, ignore-pings,throttle=65536,refuse-subscriptions,stall");
        assertThat(faults.dropAfterMessages()).isEqualTo(100);
        assertThat(faults.ignoringPings()).isTrue();
        assertThat(faults.throttleBytesPerSecond()).isEqualTo(65536);
        assertThat(faults.subscriptionsRefused()).isTrue();
        assertThat(faults.stalled()).isTrue();
        assertThat(Faults.parse(faults.toString()).toString()).isEqualTo(faults.toString());

        faults.apply("clear");
        assertThat(faults.toString()).isEmpty();
        assertThatThrownBy(() -> Faults.parse("explode")).hasMessageContaining("unknown fault 'explode'");
        assertThatThrownBy(() -> Faults.parse("throttle=fast")).hasMessageContaining("bad number");
        assertThatThrownBy(() -> Faults.parse("drop-after")).hasMessageContaining("needs a value");
    }

    @Test
    void builderFaultSpecAppliesFromTheFirstSession() throws Exception {
        start(TwinServer.builder().webSocket("/echo", echo).faults("ignore-pings"));
        try (JdkClient client = JdkClient.connect(server.webSocketUri("/echo"))) {
            TwinSession session = echo.nextSession();
            client.socket().sendPing(ByteBuffer.allocate(0)).join();
            client.send("marker");
            assertThat(client.nextFrame()).isEqualTo("echo:marker");
            assertThat(session.pingsReceived()).isEqualTo(1);
        }
    }
}
