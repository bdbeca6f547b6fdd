package io.tributary.core.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alibaba.fastjson2.JSONObject;
import io.tributary.core.json.JsonFilter;
import io.tributary.core.stream.Overflow;
import io.tributary.core.stream.StreamOptions;
import io.tributary.simulator.TwinServer;
import io.tributary.simulator.TwinSession;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reconnect, resubscribe, watchdog and rotation against a real loopback server. */
class FeedReconnectTest {

    private TestMarket market;
    private TwinServer server;
    private Feed feed;

    @BeforeEach
    void startServer() {
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

    private Feed.Builder feedBuilder(TestProtocol protocol) {
        return Feed.builder(protocol).name("reconnect-test");
    }

    private TestProtocol protocol() {
        return new TestProtocol(server.webSocketUri("/test"));
    }

    @Test
    void reconnectsAndResubscribesAfterADrop() {
        feed = feedBuilder(protocol()).subscribe("btc", "eth").build();
        List<RawMessage> received = new CopyOnWriteArrayList<>();
        feed.addHandler(JsonFilter.parse("{\"type\":\"data\"}"), received::add, StreamOptions.defaults());
        feed.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> market.subscribers("btc") == 1 && market.subscribers("eth") == 1);
        market.publish("btc");
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
        long firstSocket = received.get(0).connectionId();

        server.faults().dropNow();

        await().atMost(Duration.ofSeconds(5)).until(() -> server.sessionsOpened() == 2
                && market.subscribers("btc") == 1 && market.subscribers("eth") == 1);
        market.publish("eth");
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
        assertThat(received.get(1).connectionId()).isNotEqualTo(firstSocket);
        assertThat(((JSONObject) received.get(1).json()).getString("channel")).isEqualTo("eth");
        assertThat(feed.stats().reconnects()).isEqualTo(1);
        assertThat(feed.sockets()).singleElement().satisfies(socket -> {
            assertThat(socket.state()).isEqualTo(SocketState.LIVE);
            assertThat(socket.subscriptions()).containsExactly("btc", "eth");
        });
    }

    @Test
    void backsOffExponentiallyWhileNothingListensThenConnects() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort(); // free again once closed: connections are refused at once
        }
        List<Long> closedAtNs = new CopyOnWriteArrayList<>();
        // jitter pinned to the low end: attempt n waits exactly min(max, initial * 2^n) / 2
        Backoff backoff = new Backoff(Duration.ofMillis(40), Duration.ofMillis(320), Duration.ofSeconds(60));
        TestProtocol refused = new TestProtocol(URI.create("ws://127.0.0.1:" + port + "/test"));
        feed = feedBuilder(refused).subscribe("btc").backoff(backoff).random(() -> 0.0)
                .listener(new FeedListener() {
                    @Override
                    public void socketClosed(SocketInfo socket, String reason) {
                        closedAtNs.add(System.nanoTime());
                    }
                }).build();
        feed.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> closedAtNs.size() >= 6);

        long[] expectedMs = {20, 40, 80, 160, 160}; // doubling, then capped
        for (int i = 0; i < expectedMs.length; i++) {
            long gapMs = (closedAtNs.get(i + 1) - closedAtNs.get(i)) / 1_000_000;
            assertThat(gapMs).as("gap before attempt %d", i + 1).isGreaterThanOrEqualTo(expectedMs[i]);
            // generous: on a loaded 2-core machine a timer can fire late; SmallPartsTest pins the exact schedule
            assertThat(gapMs).as("gap before attempt %d", i + 1).isLessThan(expectedMs[i] + 400);
        }

        server.close();
        market.close();
        market = new TestMarket();
        server = TwinServer.builder().port(port).webSocket("/test", market).start();
        await().atMost(Duration.ofSeconds(5)).until(() -> market.subscribers("btc") == 1);
        assertThat(feed.sockets()).singleElement().extracting(SocketInfo::state).isEqualTo(SocketState.LIVE);
    }

    @Test
    void reconnectLatencyFromDropToFirstMessageOnTheNewSocket() {
        // Every drop comes after a stable socket (stableAfter 0): each reconnect is a first attempt, as in production.
        Backoff backoff = new Backoff(Backoff.DEFAULT.initial(), Backoff.DEFAULT.max(), Duration.ZERO);
        feed = feedBuilder(protocol()).subscribe("btc").backoff(backoff).build();
        Map<Long, Long> firstMessageNsBySocket = new ConcurrentHashMap<>();
        feed.addHandler(JsonFilter.parse("{\"type\":\"data\"}"),
                message -> firstMessageNsBySocket.putIfAbsent(message.connectionId(), message.receivedNanos()),
                StreamOptions.of(1024, Overflow.DROP_OLDEST));
        feed.start();
        market.tick(1000, "btc"); // one message per millisecond
        await().atMost(Duration.ofSeconds(5)).until(() -> firstMessageNsBySocket.size() == 1);

        List<Long> latenciesNs = new ArrayList<>();
        for (int drop = 0; drop < 15; drop++) {
            int socketsBefore = firstMessageNsBySocket.size();
            long droppedAtNs = System.nanoTime();
            server.faults().dropNow();
            await().atMost(Duration.ofSeconds(5)).until(() -> firstMessageNsBySocket.size() == socketsBefore + 1);
            long newest = firstMessageNsBySocket.keySet().stream().mapToLong(Long::longValue).max().orElseThrow();
            latenciesNs.add(firstMessageNsBySocket.get(newest) - droppedAtNs);
        }
        Collections.sort(latenciesNs);
        long medianMs = latenciesNs.get(latenciesNs.size() / 2) / 1_000_000;
        System.out.printf("reconnect latency drop -> first message on the new socket: median %d ms, min %d ms, "
                        + "max %d ms (%d drops, backoff 50-100 ms)%n", medianMs, latenciesNs.get(0) / 1_000_000,
                latenciesNs.get(latenciesNs.size() - 1) / 1_000_000, latenciesNs.size());
        assertThat(medianMs).isLessThan(500);
    }

    @Test
    void declaresASilentSocketDeadWithinTheTimeoutPlusTenPercent() {
        // 10% of the timeout (200 ms) must absorb event-loop scheduling on a busy 2-core machine
        Duration timeout = Duration.ofSeconds(2);
        CompletableFuture<Long> declaredDeadAtNs = new CompletableFuture<>();
        feed = feedBuilder(protocol()).subscribe("btc").watchdogTimeout(timeout).listener(new FeedListener() {
            @Override
            public void watchdogTimeout(SocketInfo socket, Duration silence) {
                declaredDeadAtNs.complete(System.nanoTime());
            }
        }).build();
        Map<Long, Long> lastMessageNsBySocket = new ConcurrentHashMap<>();
        feed.addHandler(message -> lastMessageNsBySocket.put(message.connectionId(), message.receivedNanos()));
        feed.start();
        market.tick(2000, "btc");
        await().atMost(Duration.ofSeconds(5)).until(() -> !lastMessageNsBySocket.isEmpty());
        long firstSocket = lastMessageNsBySocket.keySet().iterator().next();

        TwinSession session = server.sessions().get(0);
        session.faults().stall();
        long stalledAtNs = System.nanoTime();
        long detectedAtNs = declaredDeadAtNs.orTimeout(5, TimeUnit.SECONDS).join();
        assertThat(feed.stats().watchdogTimeouts()).isEqualTo(1);

        // The server is silent from the stall on; the socket may still have delivered frames already in flight.
        assertThat(Duration.ofNanos(detectedAtNs - stalledAtNs)).isLessThanOrEqualTo(timeout.multipliedBy(11).dividedBy(10));
        assertThat(Duration.ofNanos(detectedAtNs - lastMessageNsBySocket.get(firstSocket))).isGreaterThanOrEqualTo(timeout);
        // ... and replaced: data flows again on a new socket.
        await().atMost(Duration.ofSeconds(5)).until(() -> lastMessageNsBySocket.size() == 2);
    }

    @Test
    void replacesAQuietSocketWhoseServerStopsAnsweringPings() {
        Duration timeout = Duration.ofMillis(400);
        CompletableFuture<Duration> silence = new CompletableFuture<>();
        feed = feedBuilder(protocol()).subscribe("btc").watchdogTimeout(timeout).listener(new FeedListener() {
            @Override
            public void watchdogTimeout(SocketInfo socket, Duration silent) {
                silence.complete(silent);
            }
        }).build();
        feed.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> market.subscribers("btc") == 1);
        TwinSession session = server.sessions().get(0);
        server.faults().ignorePings(true);
        assertThat(silence.orTimeout(5, TimeUnit.SECONDS).join())
                .isBetween(timeout, timeout.multipliedBy(11).dividedBy(10));
        assertThat(session.pingsReceived()).isPositive();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.sessionsOpened() == 2 && market.subscribers("btc") == 1);
    }

    @Test
    void keepsAQuietButHealthySocket() {
        feed = feedBuilder(protocol()).subscribe("btc").watchdogTimeout(Duration.ofMillis(300)).build();
        feed.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> market.subscribers("btc") == 1);
        // No data at all for 5x the timeout: the server answers the watchdog's pings, so the socket stays.
        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> feed.stats().watchdogTimeouts() == 0 && server.sessionsOpened() == 1);
        assertThat(server.sessions().get(0).pingsReceived()).isGreaterThan(0);
    }
}
