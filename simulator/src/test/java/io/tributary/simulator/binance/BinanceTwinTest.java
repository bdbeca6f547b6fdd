package io.tributary.simulator.binance;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BinanceTwinTest {
    private BinanceTwin twin;

    private BinanceTwin start(BinanceTwin.Builder builder) {
        twin = builder.market(MarketGenerator.builder().seed(11).build()).start();
        return twin;
    }

    /** Market steps only by hand, keep-alive out of the way. */
    private BinanceTwin startManual() {
        return start(BinanceTwin.builder().stepsPerSecond(0));
    }

    @AfterEach
    void stop() {
        if (twin != null) {
            twin.close();
        }
    }

    @Test
    void combinedStreamsFromTheUrlWrapEachEventWithItsStreamName() throws Exception {
        startManual();
        try (Client client = Client.connect(twin.webSocketUri("/stream?streams=btcusdt@depth@100ms/btcusdt@trade"))) {
            awaitConnections(1);
            stepUntil(client, 30);

            long lastU = -1;
            for (JSONObject frame : client.drain()) {
                String stream = frame.getString("stream");
                JSONObject data = frame.getJSONObject("data");
                assertThat(stream).isIn("btcusdt@depth@100ms", "btcusdt@trade");
                assertThat(data.getString("s")).isEqualTo("BTCUSDT");
                if (stream.startsWith("btcusdt@depth")) {
                    assertThat(data.getString("e")).isEqualTo("depthUpdate");
                    if (lastU >= 0) {
                        assertThat(data.getLongValue("U")).isEqualTo(lastU + 1);
                    }
                    lastU = data.getLongValue("u");
                } else {
                    assertThat(data.getString("e")).isEqualTo("trade");
                }
            }
            assertThat(lastU).isEqualTo(twin.market().lastUpdateId("BTCUSDT"));
        }
    }

    @Test
    void aRawStreamPathCarriesBareEventsOfThatStreamOnly() throws Exception {
        startManual();
        try (Client client = Client.connect(twin.webSocketUri("/ws/ethusdt@bookTicker"))) {
            awaitConnections(1);
            stepUntil(client, 5);
            for (JSONObject event : client.drain()) {
                assertThat(event.keySet()).containsExactly("u", "s", "b", "B", "a", "A");
                assertThat(event.getString("s")).isEqualTo("ETHUSDT");
            }
        }
    }

    @Test
    void partialDepthStreamsCarryTheTopOfTheBookAfterEachStep() throws Exception {
        startManual();
        try (Client client = Client.connect(twin.webSocketUri("/stream?streams=ethusdt@depth5/bnbbtc@depth20@100ms"))) {
            awaitConnections(1);
            twin.step();
            List<JSONObject> frames =
                    new ArrayList<>(List.of(JSON.parseObject(client.next()), JSON.parseObject(client.next())));
            frames.sort(java.util.Comparator.comparing(frame -> frame.getString("stream")));
            JSONObject bnb = frames.get(0);
            JSONObject eth = frames.get(1);

            assertThat(eth.getString("stream")).isEqualTo("ethusdt@depth5");
            assertThat(eth.getJSONObject("data").getLongValue("lastUpdateId"))
                    .isEqualTo(twin.market().lastUpdateId("ETHUSDT"));
            assertThat(eth.getJSONObject("data").getJSONArray("bids")).hasSize(5);
            assertThat(eth.getJSONObject("data").getJSONArray("asks")).hasSize(5);
            assertThat(bnb.getString("stream")).isEqualTo("bnbbtc@depth20@100ms");
            assertThat(bnb.getJSONObject("data").getJSONArray("bids")).hasSize(20);
        }
    }

    @Test
    void liveControlMessagesGetBinancesRepliesAndErrorCodes() throws Exception {
        // a burst of control messages: the inbound limit is tested on its own
        start(BinanceTwin.builder().stepsPerSecond(0).maxStreamsPerConnection(3).inboundMessagesPerSecond(1000));
        try (Client client = Client.connect(twin.webSocketUri("/ws"))) {
            assertThat(client.call("{\"method\":\"SUBSCRIBE\",\"params\":[\"bnbbtc@trade\",\"bnbbtc@depth\"],\"id\":1}"))
                    .isEqualTo("{\"result\":null,\"id\":1}");
            assertThat(client.call("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":\"abc3\"}"))
                    .isEqualTo("{\"result\":[\"bnbbtc@depth\",\"bnbbtc@trade\"],\"id\":\"abc3\"}");
            assertThat(client.call("{\"method\":\"UNSUBSCRIBE\",\"params\":[\"bnbbtc@depth\"],\"id\":null}"))
                    .isEqualTo("{\"result\":null,\"id\":null}");
            assertThat(client.call("{\"method\":\"GET_PROPERTY\",\"params\":[\"combined\"],\"id\":4}"))
                    .isEqualTo("{\"result\":false,\"id\":4}");

            assertThat(code(client.call("{\"method\":\"SUBSCRIBE\",\"params\":[\"a@trade\",\"b@trade\",\"c@trade\"],"
                    + "\"id\":5}"))).isEqualTo(2); // over the per-connection limit of 3
            assertThat(code(client.call("{\"method\":\"SET_PROPERTY\",\"params\":[\"colour\",true],\"id\":6}"))).isZero();
            assertThat(code(client.call("{\"method\":\"SET_PROPERTY\",\"params\":[\"combined\",\"yes\"],\"id\":7}")))
                    .isEqualTo(1);
            assertThat(code(client.call("{\"method\":\"SUBSCRIBE\",\"params\":[\"x\"],\"id\":{}}"))).isEqualTo(2);
            assertThat(code(client.call("{\"method\":\"PUBLISH\",\"id\":8}"))).isEqualTo(2);
            assertThat(code(client.call("{\"params\":[],\"id\":9}"))).isEqualTo(2);
            assertThat(code(client.call("{\"method\":\"SUBSCRIBE\",\"params\":["))).isEqualTo(3);

            twin.server().faults().refuseSubscriptions(true);
            assertThat(JSON.parseObject(client.call("{\"method\":\"SUBSCRIBE\",\"params\":[\"ethusdt@trade\"],\"id\":10}")))
                    .containsEntry("code", 2).containsEntry("id", 10);
            twin.server().faults().refuseSubscriptions(false);

            assertThat(client.call("{\"method\":\"SET_PROPERTY\",\"params\":[\"combined\",true],\"id\":11}"))
                    .isEqualTo("{\"result\":null,\"id\":11}");
            stepUntil(client, 1);
            JSONObject wrapped = client.drain().getFirst();
            assertThat(wrapped.getString("stream")).isEqualTo("bnbbtc@trade");
            assertThat(wrapped.getJSONObject("data").getString("e")).isEqualTo("trade");
        }
    }

    @Test
    void theRestSnapshotFallsInsideWhatTheStreamAlreadyDelivered() throws Exception {
        startManual();
        HttpClient http = HttpClient.newHttpClient();
        try (Client client = Client.connect(twin.webSocketUri("/ws/btcusdt@depth"))) {
            awaitConnections(1);
            stepUntil(client, 20);
            List<JSONObject> buffered = client.drain();

            HttpResponse<String> snapshot = http.send(HttpRequest.newBuilder(
                    twin.restUri("/api/v3/depth?symbol=BTCUSDT&limit=5")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(snapshot.statusCode()).isEqualTo(200);
            JSONObject book = JSON.parseObject(snapshot.body());
            long lastUpdateId = book.getLongValue("lastUpdateId");
            assertThat(book.getJSONArray("bids")).hasSize(5);
            assertThat(book.getJSONArray("asks")).hasSize(5);
            // step 4 of the sync procedure: some buffered event straddles lastUpdateId + 1
            assertThat(buffered).anySatisfy(event -> {
                assertThat(event.getLongValue("U")).isLessThanOrEqualTo(lastUpdateId + 1);
                assertThat(event.getLongValue("u")).isGreaterThanOrEqualTo(lastUpdateId + 1);
            });
        }
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(
                twin.restUri("/api/v3/depth?symbol=DOGEUSDT")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> missing = http.send(HttpRequest.newBuilder(
                twin.restUri("/api/v3/depth")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(code(unknown.body())).isEqualTo(-1121);
        assertThat(code(missing.body())).isEqualTo(-1102);
    }

    @Test
    void pingsEveryIntervalAndKeepsAClientThatAnswers() throws Exception {
        start(BinanceTwin.builder().stepsPerSecond(0).pingInterval(Duration.ofMillis(50))
                .pongTimeout(Duration.ofMillis(500)).inboundMessagesPerSecond(1000)); // 20 pongs a second
        try (Client client = Client.connect(twin.webSocketUri("/ws"))) { // the JDK client answers every ping
            client.pings.await(30); // 30 pings = 1.5 s, well past the pong timeout
            assertThat(client.closed).isNotDone();
            assertThat(twin.server().sessions()).hasSize(1);
        }
    }

    @Test
    void closesAClientThatStopsAnsweringPingsWithinTheTimeout() throws Exception {
        long pongTimeoutMs = 300;
        start(BinanceTwin.builder().stepsPerSecond(0).pingInterval(Duration.ofMillis(100))
                .pongTimeout(Duration.ofMillis(pongTimeoutMs)));
        try (RawClient client = new RawClient(twin.webSocketUri("/ws"))) {
            RawClient.Frame firstPing = client.read();
            long firstPingNs = System.nanoTime();
            assertThat(firstPing.opcode()).isEqualTo(RawClient.PING);
            RawClient.Frame frame;
            do {
                frame = client.read();
            } while (frame.opcode() == RawClient.PING);
            long closedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - firstPingNs);

            assertThat(frame.opcode()).isEqualTo(RawClient.CLOSE);
            assertThat(frame.closeCode()).isEqualTo(1008);
            // measured from when the client read the ping, not when the twin sent it: allow for that skew below
            assertThat(closedAfterMs).isGreaterThanOrEqualTo(pongTimeoutMs / 2).isLessThan(pongTimeoutMs + 1_000);
        }
    }

    @Test
    void serverShutdownReachesEveryConnectionInItsOwnForm() throws Exception {
        start(BinanceTwin.builder().stepsPerSecond(0).clock(() -> 1_770_123_456_789L));
        try (Client raw = Client.connect(twin.webSocketUri("/ws"));
                Client combined = Client.connect(twin.webSocketUri("/stream?streams=btcusdt@trade"))) {
            awaitConnections(2);
            twin.serverShutdown();
            assertThat(raw.next()).isEqualTo("{\"e\":\"serverShutdown\",\"E\":1770123456789}");
            assertThat(combined.next())
                    .isEqualTo("{\"stream\":\"!serverShutdown\",\"data\":{\"e\":\"serverShutdown\",\"E\":1770123456789}}");
        }
    }

    @Test
    void aGeneratedMarketRunsOnItsOwnAtTheConfiguredRate() throws Exception {
        start(BinanceTwin.builder().stepsPerSecond(200));
        try (Client client = Client.connect(twin.webSocketUri("/ws/btcusdt@depth"))) {
            long previousU = -1;
            for (int i = 0; i < 50; i++) {
                JSONObject event = JSON.parseObject(client.next());
                if (previousU >= 0) {
                    assertThat(event.getLongValue("U")).isEqualTo(previousU + 1);
                }
                previousU = event.getLongValue("u");
            }
        }
    }

    // ---- helpers

    private void awaitConnections(int count) {
        org.awaitility.Awaitility.await().until(() -> twin.server().sessions().size() == count);
    }

    /** Steps the market until the client has received at least {@code frames} frames. */
    private void stepUntil(Client client, int frames) {
        org.awaitility.Awaitility.await().pollInterval(Duration.ofMillis(2)).until(() -> {
            if (client.frames.size() < frames) {
                twin.step();
            }
            return client.frames.size() >= frames;
        });
    }

    @Test
    void disconnectsAClientSendingMoreThanFiveMessagesASecond() throws Exception {
        startManual();
        try (Client client = Client.connect(twin.webSocketUri("/ws"))) {
            for (int id = 1; id <= 5; id++) {
                assertThat(client.call("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":" + id + "}")).contains("\"id\":" + id);
            }
            client.socket.sendText("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":6}", true).join();
            client.closed.get(10, TimeUnit.SECONDS);
            assertThat(client.closeCode).isEqualTo(1008);
        }
    }

    @Test
    void cutsAConnectionAfterTwentyFourHoursByItsClock() throws Exception {
        java.util.concurrent.atomic.AtomicLong nowMs = new java.util.concurrent.atomic.AtomicLong(1_770_000_000_000L);
        start(BinanceTwin.builder().stepsPerSecond(0).clock(nowMs::get));
        try (Client client = Client.connect(twin.webSocketUri("/stream"))) {
            awaitConnections(1);
            nowMs.addAndGet(Duration.ofHours(23).toMillis());
            assertThat(client.call("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":1}")).contains("result");
            assertThat(client.closed).isNotDone();
            nowMs.addAndGet(Duration.ofHours(1).toMillis());
            client.closed.get(10, TimeUnit.SECONDS);
            assertThat(client.closeCode).isEqualTo(1000);
        }
    }

    @Test
    void restFaultsAnswer429Or418WithRetryAfterAndStaleSnapshots() throws Exception {
        startManual();
        for (int i = 0; i < 10; i++) {
            twin.step();
        }
        HttpClient http = HttpClient.newHttpClient();
        URI uri = twin.restUri("/api/v3/depth?symbol=BTCUSDT&limit=1000");
        twin.restFaults().reject(1, 418, Duration.ofSeconds(7));
        HttpResponse<String> banned = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(banned.statusCode()).isEqualTo(418);
        assertThat(banned.headers().firstValue("retry-after")).hasValue("7");

        twin.restFaults().staleSnapshots(1);
        long stale = JSON.parseObject(http.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString()).body()).getLongValue("lastUpdateId");
        long fresh = JSON.parseObject(http.send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString()).body()).getLongValue("lastUpdateId");
        assertThat(stale).isLessThan(fresh);
        assertThat(twin.depthRequests()).extracting(DepthRequest::status).containsExactly(418, 200, 200);
    }

    @Test
    void overTheRequestWeightOfTheMinuteTheAnswerIs429() throws Exception {
        start(BinanceTwin.builder().stepsPerSecond(0).weightPerMinute(120)); // two snapshots of limit 1000 (50 each)
        HttpClient http = HttpClient.newHttpClient();
        URI uri = twin.restUri("/api/v3/depth?symbol=ETHUSDT&limit=1000");
        List<Integer> statuses = new ArrayList<>();
        HttpResponse<String> last = null;
        for (int i = 0; i < 3; i++) {
            last = http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
            statuses.add(last.statusCode());
        }
        assertThat(statuses).containsExactly(200, 200, 429);
        assertThat(Long.parseLong(last.headers().firstValue("retry-after").orElseThrow())).isBetween(1L, 60L);
        assertThat(last.headers().firstValue("x-mbx-used-weight-1m")).hasValue("100");
    }

    @Test
    void exchangeInfoListsTheGeneratedSymbolsWithTheirFilters() throws Exception {
        startManual();
        HttpResponse<String> info = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                twin.restUri("/api/v3/exchangeInfo")).build(), HttpResponse.BodyHandlers.ofString());
        JSONObject btc = JSON.parseObject(info.body()).getJSONArray("symbols").getJSONObject(0);
        assertThat(btc.getString("symbol")).isEqualTo("BTCUSDT");
        assertThat(btc.getString("baseAsset")).isEqualTo("BTC");
        assertThat(btc.getString("quoteAsset")).isEqualTo("USDT");
        assertThat(btc.getJSONArray("filters").getJSONObject(0).getString("tickSize")).isEqualTo("0.01000000");
        assertThat(btc.getJSONArray("filters").getJSONObject(1).getString("stepSize")).isEqualTo("0.00001000");
    }

    @Test
    void futuresDepthChainsEachEventToThePreviousWithPu() throws Exception {
        twin = BinanceTwin.builder().stepsPerSecond(0).market(MarketGenerator.builder().seed(5).futures(true).build())
                .start();
        try (Client client = Client.connect(twin.webSocketUri("/ws/btcusdt@depth"))) {
            awaitConnections(1);
            stepUntil(client, 3);
            List<JSONObject> events = new ArrayList<>(client.drain());
            twin.market().dropNextDepthUpdate("BTCUSDT");
            stepUntil(client, 5);
            events.addAll(client.drain());
            int breaks = 0;
            for (int i = 1; i < events.size(); i++) {
                assertThat(events.get(i).containsKey("T")).isTrue();
                if (events.get(i).getLongValue("pu") != events.get(i - 1).getLongValue("u")) {
                    breaks++; // the event after the dropped one names a u the client never saw
                }
            }
            assertThat(breaks).isEqualTo(1);
        }
        HttpResponse<String> snapshot = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                twin.restUri("/fapi/v1/depth?symbol=BTCUSDT&limit=5")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.parseObject(snapshot.body())).containsKeys("lastUpdateId", "E", "T", "bids", "asks");
    }

    private static int code(String json) {
        return JSON.parseObject(json).getIntValue("code");
    }

    /** A JDK WebSocket client that queues texts and counts pings (which the JDK answers by itself). */
    private static final class Client implements WebSocket.Listener, AutoCloseable {
        final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
        final Counter pings = new Counter();
        final CompletableFuture<Void> closed = new CompletableFuture<>();
        volatile int closeCode;
        private final StringBuilder partial = new StringBuilder();
        WebSocket socket;

        static Client connect(URI uri) {
            Client client = new Client();
            client.socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(uri, client)
                    .orTimeout(10, TimeUnit.SECONDS).join();
            return client;
        }

        String next() throws InterruptedException {
            String frame = frames.poll(10, TimeUnit.SECONDS);
            assertThat(frame).as("a frame within 10 s").isNotNull();
            return frame;
        }

        String call(String request) throws InterruptedException {
            socket.sendText(request, true).join();
            return next();
        }

        List<JSONObject> drain() {
            List<String> texts = new ArrayList<>();
            frames.drainTo(texts);
            return texts.stream().map(JSON::parseObject).toList();
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            pings.increment();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode = statusCode;
            closed.complete(null);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.completeExceptionally(error);
        }

        @Override
        public void close() {
            socket.abort();
        }
    }

    private static final class Counter {
        private final AtomicInteger count = new AtomicInteger();

        void increment() {
            count.incrementAndGet();
        }

        void await(int atLeast) {
            org.awaitility.Awaitility.await().until(() -> count.get() >= atLeast);
        }
    }
}
