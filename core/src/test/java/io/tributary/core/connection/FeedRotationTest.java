package io.tributary.core.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alibaba.fastjson2.JSONObject;
import io.tributary.core.json.JsonFilter;
import io.tributary.core.stream.StreamOptions;
import io.tributary.simulator.TwinServer;
import io.tributary.simulator.TwinSession;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Make-before-break rotation, auto-split, paced control messages and heartbeats against a loopback server. */
class FeedRotationTest {

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

    private TestProtocol protocol() {
        return new TestProtocol(server.webSocketUri("/test"));
    }

    /** Collects data messages: channel -> sequence numbers in arrival order, and the sockets they came from. */
    private static final class Recorder {
        final Map<String, List<Long>> sequences = new ConcurrentHashMap<>();
        final Set<Long> sockets = ConcurrentHashMap.newKeySet();
        final List<Long> feedSequences = new CopyOnWriteArrayList<>();

        void record(RawMessage message) {
            JSONObject json = (JSONObject) message.json();
            sequences.computeIfAbsent(json.getString("channel"), c -> new CopyOnWriteArrayList<>())
                    .add(json.getLongValue("seq"));
            sockets.add(message.connectionId());

            feedSequences.add(message.sequence());
        }

        int size(String channel) {
            return sequences.getOrDefault(channel, List.of()).size();
        }
    }

    private static void assertContiguousFromOne(List<Long> sequences) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < sequences.size() && problems.size() < 10; i++) {
            long expected = i == 0 ? 1 : sequences.get(i - 1) + 1;
            if (sequences.get(i) != expected) {
                problems.add("at " + i + ": " + sequences.get(i) + " after " + (i == 0 ? "start" : sequences.get(i - 1)));
            }
        }
        assertThat(problems).as("gaps or duplicates in %d messages", sequences.size()).isEmpty();
    }

    private Recorder record(Feed target) {
        Recorder recorder = new Recorder();
        target.addHandler(JsonFilter.parse("{\"type\":\"data\"}"), recorder::record, StreamOptions.defaults());
        return recorder;
    }

    @Test
    void rotatesMakeBeforeBreakWithoutGapOrDuplicate() {
        List<String> events = new CopyOnWriteArrayList<>();
        feed = Feed.builder(protocol()).subscribe("btc", "eth").listener(new FeedListener() {
            @Override
            public void socketOpened(SocketInfo socket) {
                events.add("opened " + socket.id());
            }

            @Override
            public void socketClosed(SocketInfo socket, String reason) {
                events.add("closed " + socket.id());
            }
        }).build();
        Recorder recorder = record(feed);
        feed.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> market.subscribers("btc") == 1 && market.subscribers("eth") == 1);
        market.tick(500, "btc", "eth"); // 2,000 messages/s per channel, the same numbers to every socket
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.size("btc") > 200);
        long oldSocket = feed.sockets().get(0).id();

        for (int rotation = 1; rotation <= 3; rotation++) {
            feed.rotate().orTimeout(10, TimeUnit.SECONDS).join();
            int seen = recorder.size("btc");
            await().atMost(Duration.ofSeconds(5)).until(() -> recorder.size("btc") > seen + 200);
        }
        market.close();
        await().atMost(Duration.ofSeconds(2)).until(() -> recorder.size("btc") >= market.published("btc")
                && recorder.size("eth") >= market.published("eth"));

        assertContiguousFromOne(recorder.sequences.get("btc"));
        assertContiguousFromOne(recorder.sequences.get("eth"));
        // the feed's own positions only increase (they skip the acks the filter left out)
        assertThat(recorder.feedSequences).isSorted().doesNotHaveDuplicates();
        assertThat(recorder.sockets).hasSize(4).contains(oldSocket);
        assertThat(feed.stats().rotations()).isEqualTo(3);
        assertThat(feed.stats().reconnects()).isZero();
        assertThat(feed.stats().duplicates()).as("the overlap really overlapped").isPositive();
        // make-before-break: each new socket opened before the socket it replaces closed
        assertThat(events.indexOf("opened " + (oldSocket + 1))).isLessThan(events.indexOf("closed " + oldSocket));
    }

    @Test
    void rotatesWhenTheServerAsksAndAfterTheMaximumAge() {
        feed = Feed.builder(protocol()).subscribe("btc").maxSocketAge(Duration.ofMillis(700)).build();
        Recorder recorder = record(feed);
        feed.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> market.subscribers("btc") == 1);
        market.tick(1000, "btc");
        // the age limit rotates the first socket...
        await().atMost(Duration.ofSeconds(5)).until(() -> feed.stats().rotations() >= 1);
        // ... and a server request rotates the current one
        long rotations = feed.stats().rotations();
        TwinSession current = server.sessions().stream().filter(TwinSession::isOpen)
                .max((a, b) -> Long.compare(a.id(), b.id())).orElseThrow();
        current.sendText("{\"type\":\"reconnect\"}");
        await().atMost(Duration.ofSeconds(5)).until(() -> feed.stats().rotations() > rotations);
        market.close();
        await().atMost(Duration.ofSeconds(2)).until(() -> recorder.size("btc") >= market.published("btc"));
        assertContiguousFromOne(recorder.sequences.get("btc"));
        assertThat(feed.stats().reconnects()).isZero();
    }

    @Test
    void rotatesAProtocolWithoutSequencesAtTheNewSocketsFirstMessage() {
        feed = Feed.builder(protocol().unkeyed()).subscribe("btc").build();
        Recorder recorder = record(feed);
        feed.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> market.subscribers("btc") == 1);
        market.tick(1000, "btc");
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.size("btc") > 50);
        feed.rotate().orTimeout(5, TimeUnit.SECONDS).join();
        assertThat(feed.sockets()).hasSize(1);
        assertThat(server.sessionsOpened()).isEqualTo(2);
        int seen = recorder.size("btc");
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.size("btc") > seen + 50);
        assertThat(feed.stats().rotations()).isEqualTo(1);
    }

    @Test
    void splitsSubscriptionsOverThePerConnectionLimit() {
        feed = Feed.builder(protocol().maxSubscriptions(2)).subscribe("a", "b", "c", "d", "e").build();
        Recorder recorder = record(feed);
        feed.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.sessions().size() == 3
                && List.of("a", "b", "c", "d", "e").stream().allMatch(c -> market.subscribers(c) == 1));
        for (TwinSession session : server.sessions()) {
            assertThat(market.subscriptionsOf(session)).hasSizeLessThanOrEqualTo(2);
        }
        assertThat(feed.sockets()).extracting(SocketInfo::subscriptions)
                .containsExactlyInAnyOrder(List.of("a", "b"), List.of("c", "d"), List.of("e"));

        // a sixth subscription fits on the socket with room; a seventh needs a fourth socket
        feed.subscribe(List.of("f", "g")).orTimeout(5, TimeUnit.SECONDS).join();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.sessions().size() == 4
                && market.subscribers("f") == 1 && market.subscribers("g") == 1);
        for (String channel : List.of("a", "b", "c", "d", "e", "f", "g")) {
            market.publish(channel);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> recorder.sequences.size() == 7);
        assertThat(recorder.sockets).hasSize(4);

        // and each socket resubscribes its own share after a reconnect
        server.faults().dropNow();
        await().atMost(Duration.ofSeconds(5)).until(() -> server.sessionsOpened() == 8
                && List.of("a", "b", "c", "d", "e", "f", "g").stream().allMatch(c -> market.subscribers(c) == 1));
    }

    @Test
    void opensSocketsNoFasterThanTheExchangesConnectionRate() {
        List<Long> attemptNs = new CopyOnWriteArrayList<>();
        TestProtocol limited = protocol().maxSubscriptions(1).connectionRate(Rate.of(2, Duration.ofMillis(500)));
        feed = Feed.builder(limited).subscribe("a", "b", "c", "d", "e").listener(new FeedListener() {
            @Override
            public void connecting(URI endpoint) {
                attemptNs.add(System.nanoTime());
            }
        }).build();
        feed.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> attemptNs.size() == 5);
        // at most 2 per 500 ms: attempts i and i+2 start at least 500 ms apart (the limiter reserves slots in order;
        // handshake completion times would add each socket's own, uneven, handshake latency; Netty timers may fire
        // a few microseconds early)
        for (int i = 0; i + 2 < attemptNs.size(); i++) {
            assertThat(attemptNs.get(i + 2) - attemptNs.get(i)).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(495));
        }
    }

    @Test
    void pacesControlMessagesUnderTheOutboundRateWithoutDroppingAny() {
        List<String> channels = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            channels.add("c" + i);
        }
        feed = Feed.builder(protocol().controlRate(Rate.perSecond(5))).subscriptions(channels).build();
        feed.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> channels.stream().allMatch(c -> market.subscribers(c) == 1));
        List<TestMarket.Received> subscribes = market.received().stream()
                .filter(r -> r.text().contains("\"subscribe\"")).toList();
        assertThat(subscribes).hasSize(12);
        // at most 5 in any 1-second window: message i and i+5 are about a second apart (server receive times jitter
        // under load; unpaced messages would all arrive within a few milliseconds)
        for (int i = 0; i + 5 < subscribes.size(); i++) {
            long apartNs = subscribes.get(i + 5).receivedNs() - subscribes.get(i).receivedNs();
            assertThat(apartNs).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(900));
        }
        Set<String> sentInOrder = new HashSet<>();
        subscribes.forEach(r -> sentInOrder.add(((JSONObject) com.alibaba.fastjson2.JSON.parse(r.text())).getString("channel")));
        assertThat(sentInOrder).containsExactlyInAnyOrderElementsOf(channels);
    }

    @Test
    void answersServerPingsWithTheSameNumberAndSendsClientHeartbeats() {
        feed = Feed.builder(protocol().heartbeat(new ClientHeartbeat("ping", Duration.ofMillis(50))))
                .subscribe("btc").build();
        Recorder recorder = record(feed);
        feed.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> market.subscribers("btc") == 1);
        server.sessions().get(0).sendText("{\"ping\":1492420473027}");
        await().atMost(Duration.ofSeconds(5)).until(() -> market.received().stream()
                .anyMatch(r -> r.text().equals("{\"pong\":1492420473027}")));
        await().atMost(Duration.ofSeconds(5)).until(() -> market.received().stream()
                .filter(r -> r.text().equals("ping")).count() >= 3);
        assertThat(recorder.sequences).isEmpty(); // heartbeats are not data
        assertThat(feed.stats().badInput()).isEmpty();
    }
}
