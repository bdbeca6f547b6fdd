package io.tributary.core.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.alibaba.fastjson2.JSONObject;
import io.tributary.core.json.JsonFilter;
import io.tributary.core.stream.ConsumerStream;
import io.tributary.core.stream.Registration;
import io.tributary.core.stream.StreamOptions;
import io.tributary.core.time.NanoClock;
import io.tributary.simulator.TwinServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Consumers of a feed over a real socket: filters, iterator, Flow subscriber, both handler kinds, close. */
class FeedConsumersTest {

    private TestMarket market;
    private TwinServer server;
    private Feed feed;

    @BeforeEach
    void start() {
        market = new TestMarket();
        server = TwinServer.builder().webSocket("/test", market).start();
        feed = Feed.builder(new TestProtocol(server.webSocketUri("/test"))).subscribe("btc", "eth", "sol").build();
    }

    @AfterEach
    void stop() {
        feed.close();
        market.close();
        server.close();
    }

    private static String channel(RawMessage message) {
        return ((JSONObject) message.json()).getString("channel") + ":"
                + ((JSONObject) message.json()).getString("type");
    }

    @Test
    void eachConsumerGetsWhatItsFilterSelectsInOrder() {
        ConsumerStream<RawMessage> anyOf = feed.stream(JsonFilter.parse(
                "[{\"type\":\"data\",\"channel\":\"btc\"}, {\"type\":\"data\",\"channel\":\"sol\"}]"));
        ConsumerStream<RawMessage> acks = feed.stream(JsonFilter.parse("{\"type\":\"ack\"}"));
        ConsumerStream<RawMessage> everything = feed.stream(JsonFilter.all());
        List<String> plain = new CopyOnWriteArrayList<>();
        feed.addHandler(JsonFilter.parse("{\"channel\":\"eth\",\"seq\":2}"), m -> plain.add(channel(m)),
                StreamOptions.defaults());
        List<String> async = new CopyOnWriteArrayList<>();
        feed.addAsyncHandler(JsonFilter.parse("{\"type\":\"data\"}"),
                m -> CompletableFuture.runAsync(() -> async.add(channel(m))), StreamOptions.defaults());
        feed.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> market.subscribers("sol") == 1);
        for (int i = 0; i < 2; i++) {
            market.publish("btc");
            market.publish("eth");
            market.publish("sol");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> async.size() == 6 && plain.size() == 1);
        feed.close(); // graceful: the streams deliver what they hold, then end

        List<String> anyOfSeen = new ArrayList<>();
        anyOf.forEach(m -> anyOfSeen.add(channel(m)));
        assertThat(anyOfSeen).containsExactly("btc:data", "sol:data", "btc:data", "sol:data");
        List<String> acksSeen = new ArrayList<>();
        acks.forEach(m -> acksSeen.add(channel(m)));
        assertThat(acksSeen).containsExactly("btc:ack", "eth:ack", "sol:ack");
        List<Long> positions = new ArrayList<>();
        everything.forEach(m -> positions.add(m.sequence()));
        assertThat(positions).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L);
        assertThat(plain).containsExactly("eth:data");
        assertThat(async).containsExactly("btc:data", "eth:data", "sol:data", "btc:data", "eth:data", "sol:data");
        assertThat(feed.stats().delivered()).isEqualTo(9);
    }

    @Test
    void aFlowSubscriberGetsWhatItRequests() throws Exception {
        ConsumerStream<RawMessage> stream = feed.stream(JsonFilter.parse("{\"type\":\"data\"}"));
        List<String> received = new CopyOnWriteArrayList<>();
        CompletableFuture<Flow.Subscription> subscription = new CompletableFuture<>();
        CompletableFuture<Void> completed = new CompletableFuture<>();
        stream.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription s) {
                subscription.complete(s);
            }

            @Override
            public void onNext(RawMessage item) {
                received.add(channel(item));
            }

            @Override
            public void onError(Throwable throwable) {
                completed.completeExceptionally(throwable);
            }

            @Override
            public void onComplete() {
                completed.complete(null);
            }
        });
        feed.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> market.subscribers("sol") == 1);
        market.publish("btc");
        market.publish("eth");
        market.publish("sol");
        await().atMost(Duration.ofSeconds(5)).until(() -> stream.stats().lag() == 3);
        assertThat(received).isEmpty();
        subscription.get(5, TimeUnit.SECONDS).request(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 2);
        subscription.get().request(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 3);
        assertThat(received).containsExactly("btc:data", "eth:data", "sol:data");
        feed.close();
        completed.get(5, TimeUnit.SECONDS);
    }

    @Test
    void stampsEachMessageWithTheFeedClocksReceiveTime() {
        // a clock 1,000 s ahead of the system's: the stamps must come from it
        long offsetNs = 1_000_000_000_000L;
        feed.close(); // replaced by one with its own clock
        feed = Feed.builder(new TestProtocol(server.webSocketUri("/test"))).subscribe("btc").clock(new NanoClock() {
            @Override
            public long nanoTime() {
                return System.nanoTime() + offsetNs;
            }

            @Override
            public long epochNanos() {
                return NanoClock.system().epochNanos() + offsetNs;
            }
        }).build();
        List<RawMessage> received = new CopyOnWriteArrayList<>();
        feed.addHandler(JsonFilter.parse("{\"type\":\"data\"}"), received::add, StreamOptions.defaults());
        feed.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> market.subscribers("btc") == 1);
        long beforeNs = System.nanoTime() + offsetNs;
        long beforeEpochNs = NanoClock.system().epochNanos() + offsetNs;
        market.publish("btc");
        await().atMost(Duration.ofSeconds(5)).until(() -> received.size() == 1);
        long afterNs = System.nanoTime() + offsetNs;
        long afterEpochNs = NanoClock.system().epochNanos() + offsetNs;
        assertThat(received.get(0).receivedNanos()).isBetween(beforeNs, afterNs);
        assertThat(received.get(0).receivedEpochNanos()).isBetween(beforeEpochNs, afterEpochNs);
    }

    @Test
    void closingAFeedClosesItsSocketsGracefully() {
        Registration handler = feed.addHandler(m -> { });
        feed.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> market.subscribers("sol") == 1);
        assertThat(feed.sockets()).singleElement().satisfies(socket -> {
            assertThat(socket.state()).isEqualTo(SocketState.LIVE);
            assertThat(socket.endpoint()).isEqualTo(server.webSocketUri("/test"));
        });
        var session = server.sessions().get(0);
        feed.close();
        assertThat(session.closeFuture()).succeedsWithin(Duration.ofSeconds(5));
        assertThat(feed.sockets()).allSatisfy(socket -> assertThat(socket.state()).isEqualTo(SocketState.CLOSED));
        await().atMost(Duration.ofSeconds(5)).until(handler::isClosed);
        assertThat(feed.stats().reconnects()).isZero();
    }
}
