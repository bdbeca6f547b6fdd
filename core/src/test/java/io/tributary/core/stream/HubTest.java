package io.tributary.core.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HubTest {

    private final Hub<String> hub = new Hub<>("test");

    @AfterEach
    void closeHub() {
        hub.close();
    }

    /**
     * A handler that blocks on the first message until released, so the test controls exactly what is queued
     * behind it.
     */
    private final class Blocked {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final List<String> delivered = new CopyOnWriteArrayList<>();
        final Registration registration;

        Blocked(StreamOptions options) {
            registration = hub.addHandler(message -> {
                delivered.add(message);
                entered.countDown();
                awaitLatch(release);
            }, options);
        }

        void publishFirstAndWait(String first) throws InterruptedException {
            hub.publish(first);
            assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        }
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void dropOldestKeepsTheNewestMessages() throws Exception {
        Blocked consumer = new Blocked(StreamOptions.of(4, Overflow.DROP_OLDEST));
        consumer.publishFirstAndWait("m1");
        for (int i = 2; i <= 7; i++) {
            hub.publish("m" + i);
        }
        assertThat(consumer.registration.stats()).isEqualTo(new ConsumerStats(1, 2, 4, 4, 0));
        consumer.release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> consumer.delivered.size() == 5);
        assertThat(consumer.delivered).containsExactly("m1", "m4", "m5", "m6", "m7");
        assertThat(consumer.registration.stats()).isEqualTo(new ConsumerStats(5, 2, 4, 0, 0));
    }

    @Test
    void dropNewestKeepsTheOldestMessages() throws Exception {
        Blocked consumer = new Blocked(StreamOptions.of(4, Overflow.DROP_NEWEST));
        consumer.publishFirstAndWait("m1");
        for (int i = 2; i <= 7; i++) {
            hub.publish("m" + i);
        }
        consumer.release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> consumer.delivered.size() == 5);
        assertThat(consumer.delivered).containsExactly("m1", "m2", "m3", "m4", "m5");
        assertThat(consumer.registration.stats()).isEqualTo(new ConsumerStats(5, 2, 4, 0, 0));
    }

    @Test
    void conflateKeepsTheLatestPerKeyInPlace() throws Exception {
        // key = the symbol before the colon
        Blocked consumer = new Blocked(StreamOptions.<String>conflating(4, message -> message.split(":")[0]));
        consumer.publishFirstAndWait("btc:1");
        for (String message : List.of("btc:2", "eth:3", "btc:4", "eth:5", "btc:6", "sol:7")) {
            hub.publish(message);
        }
        assertThat(consumer.registration.stats()).isEqualTo(new ConsumerStats(1, 3, 3, 3, 0));
        consumer.release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> consumer.delivered.size() == 4);
        assertThat(consumer.delivered).containsExactly("btc:1", "btc:6", "eth:5", "sol:7");
    }

    @Test
    void conflateDropsTheOldestKeyWhenFullOfDistinctKeys() throws Exception {
        Blocked consumer = new Blocked(StreamOptions.<String>conflating(2, message -> message.split(":")[0]));
        consumer.publishFirstAndWait("btc:1");
        for (String message : List.of("btc:2", "eth:3", "sol:4")) {
            hub.publish(message);
        }
        consumer.release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> consumer.delivered.size() == 3);
        assertThat(consumer.delivered).containsExactly("btc:1", "eth:3", "sol:4");
        assertThat(consumer.registration.stats().dropped()).isEqualTo(1);
    }

    @Test
    void disconnectEndsTheConsumerWithAnErrorAndSparesTheOthers() throws Exception {
        Blocked slow = new Blocked(StreamOptions.of(4, Overflow.DISCONNECT));
        ConsumerStream<String> stream = hub.stream(StreamOptions.of(4, Overflow.DISCONNECT));
        List<String> fast = new CopyOnWriteArrayList<>();
        Registration fastHandler = hub.addHandler(fast::add, StreamOptions.of(16, Overflow.DISCONNECT));
        slow.publishFirstAndWait("m1");
        for (int i = 2; i <= 6; i++) {
            hub.publish("m" + i);
        }
        assertThat(slow.registration.isClosed()).isTrue();
        assertThat(slow.registration.stats()).isEqualTo(new ConsumerStats(1, 1, 4, 0, 0));
        assertThat(hub.consumerCount()).isEqualTo(1); // the slow handler and the unread stream are gone
        Iterator<String> iterator = stream.iterator();
        assertThatThrownBy(iterator::hasNext).isInstanceOf(StreamOverflowException.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> fast.size() == 6);
        assertThat(fastHandler.isClosed()).isFalse();
        slow.release.countDown();
    }

    @Test
    void iteratorDrainsThenEndsWhenTheHubCloses() {
        ConsumerStream<String> stream = hub.stream(StreamOptions.defaults());
        hub.publish("a");
        hub.publish("b");
        hub.close();
        List<String> seen = new ArrayList<>();
        stream.forEach(seen::add);
        assertThat(seen).containsExactly("a", "b");
        assertThat(stream.stats().delivered()).isEqualTo(2);
        assertThatThrownBy(stream::iterator).isInstanceOf(IllegalStateException.class); // one consumer per stream
    }

    @Test
    void closingAStreamReleasesAWaitingIterator() throws Exception {
        ConsumerStream<String> stream = hub.stream(StreamOptions.defaults());
        AtomicReference<Boolean> hasNext = new AtomicReference<>();
        Thread reader = Thread.ofVirtual().start(() -> hasNext.set(stream.iterator().hasNext()));
        await().atMost(Duration.ofSeconds(5)).until(() -> reader.getState() == Thread.State.WAITING);
        stream.close();
        assertThat(reader.join(Duration.ofSeconds(5))).isTrue();
        assertThat(hasNext.get()).isFalse();
        assertThat(hub.consumerCount()).isZero();
        hub.publish("after close");
        assertThat(stream.stats().lag()).isZero();
    }

    /** A subscriber that requests on command and records signals. */
    private static final class Recording implements Flow.Subscriber<String> {
        final List<String> items = new CopyOnWriteArrayList<>();
        final CompletableFuture<Throwable> ended = new CompletableFuture<>();
        volatile Flow.Subscription subscription;
        final CountDownLatch subscribed = new CountDownLatch(1);

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            subscribed.countDown();
        }

        @Override
        public void onNext(String item) {
            items.add(item);
        }

        @Override
        public void onError(Throwable throwable) {
            ended.complete(throwable);
        }

        @Override
        public void onComplete() {
            ended.complete(null);
        }
    }

    @Test
    void publisherHonoursDemand() throws Exception {
        ConsumerStream<String> stream = hub.stream(StreamOptions.defaults());
        Recording subscriber = new Recording();
        stream.subscribe(subscriber);
        assertThat(subscriber.subscribed.await(5, TimeUnit.SECONDS)).isTrue();
        for (int i = 1; i <= 5; i++) {
            hub.publish("m" + i);
        }
        subscriber.subscription.request(2);
        await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.items.size() == 2);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> subscriber.items.size() == 2);
        assertThat(stream.stats().lag()).isEqualTo(3);
        subscriber.subscription.request(Long.MAX_VALUE);
        await().atMost(Duration.ofSeconds(5)).until(() -> subscriber.items.size() == 5);
        assertThat(subscriber.items).containsExactly("m1", "m2", "m3", "m4", "m5");
        hub.close();
        assertThat(subscriber.ended.get(5, TimeUnit.SECONDS)).isNull(); // onComplete
    }

    @Test
    void publisherSignalsBadDemandOverflowAndASecondSubscriber() throws Exception {
        ConsumerStream<String> stream = hub.stream(StreamOptions.defaults());
        Recording first = new Recording();
        stream.subscribe(first);
        Recording second = new Recording();
        stream.subscribe(second);
        assertThat(second.ended.get(5, TimeUnit.SECONDS)).isInstanceOf(IllegalStateException.class);
        assertThat(first.subscribed.await(5, TimeUnit.SECONDS)).isTrue();
        first.subscription.request(0);
        assertThat(first.ended.get(5, TimeUnit.SECONDS)).isInstanceOf(IllegalArgumentException.class);
        assertThat(stream.isClosed()).isTrue();

        ConsumerStream<String> small = hub.stream(StreamOptions.of(1, Overflow.DISCONNECT));
        Recording slow = new Recording();
        small.subscribe(slow);
        hub.publish("a");
        hub.publish("b"); // no demand: the queue of one overflows
        assertThat(slow.ended.get(5, TimeUnit.SECONDS)).isInstanceOf(StreamOverflowException.class);
    }

    @Test
    void cancellingASubscriptionDetachesTheStream() throws Exception {
        ConsumerStream<String> stream = hub.stream(StreamOptions.defaults());
        Recording subscriber = new Recording();
        stream.subscribe(subscriber);
        assertThat(subscriber.subscribed.await(5, TimeUnit.SECONDS)).isTrue();
        subscriber.subscription.cancel();
        assertThat(stream.isClosed()).isTrue();
        assertThat(hub.consumerCount()).isZero();
    }

    @Test
    void aFailingHandlerIsCountedAndDeliveryGoesOn() {
        List<String> seen = new CopyOnWriteArrayList<>();
        Registration registration = hub.addHandler(message -> {
            seen.add(message);
            if (message.startsWith("bad")) {
                throw new IllegalStateException("handler bug");
            }
        }, StreamOptions.defaults());
        for (String message : List.of("ok1", "bad1", "ok2", "bad2", "ok3")) {
            hub.publish(message);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 5);
        await().atMost(Duration.ofSeconds(5)).until(() -> registration.stats().failed() == 2);
        assertThat(registration.stats().delivered()).isEqualTo(5);
        assertThat(registration.isClosed()).isFalse();
    }

    @Test
    void asyncHandlerGetsTheNextMessageOnlyWhenThePreviousStageCompletes() {
        List<CompletableFuture<Void>> stages = new CopyOnWriteArrayList<>();
        List<String> seen = new CopyOnWriteArrayList<>();
        Registration registration = hub.addAsyncHandler(message -> {
            seen.add(message);
            CompletableFuture<Void> stage = new CompletableFuture<>();
            stages.add(stage);
            return stage;
        }, StreamOptions.defaults());
        hub.publish("a");
        hub.publish("b");
        hub.publish("c");
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 1);
        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(1)).until(() -> seen.size() == 1);
        stages.get(0).complete(null);
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 2);
        stages.get(1).completeExceptionally(new IllegalStateException("stage failed"));
        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() == 3);
        stages.get(2).complete(null);
        assertThat(seen).containsExactly("a", "b", "c");
        await().atMost(Duration.ofSeconds(5)).until(() -> registration.stats().failed() == 1);
    }

    @Test
    void closingAHandlerReleasesItsThreadEvenIfAStageNeverCompletes() {
        AtomicReference<Thread> consumerThread = new AtomicReference<>();
        AtomicInteger calls = new AtomicInteger();
        Registration registration = hub.addAsyncHandler(message -> {
            consumerThread.set(Thread.currentThread());
            calls.incrementAndGet();
            return new CompletableFuture<>(); // never completes
        }, StreamOptions.defaults());
        hub.publish("a");
        hub.publish("b");
        await().atMost(Duration.ofSeconds(5)).until(() -> calls.get() == 1);
        registration.close();
        await().atMost(Duration.ofSeconds(5)).until(() -> !consumerThread.get().isAlive());
        assertThat(calls.get()).isEqualTo(1);
        assertThat(registration.isClosed()).isTrue();
        assertThat(hub.consumerCount()).isZero();
    }

    @Test
    void filtersSelectPerConsumerAndAFailingFilterCountsAsNoMatch() {
        List<String> evens = new CopyOnWriteArrayList<>();
        List<String> all = new CopyOnWriteArrayList<>();
        hub.addHandler(message -> Integer.parseInt(message) % 2 == 0, evens::add, StreamOptions.defaults());
        hub.addHandler(all::add, StreamOptions.defaults());
        for (String message : List.of("1", "2", "x", "4")) {
            hub.publish(message);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> all.size() == 4 && evens.size() == 2);
        assertThat(evens).containsExactly("2", "4");
        assertThat(hub.filterFailures()).isEqualTo(1);
    }

    @Test
    void aTapSeesEveryMatchingMessageOnThePublishingThreadInOrderAndSurvivesItsOwnFailures() {
        List<String> seen = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        Registration tap = hub.addTap(message -> !message.startsWith("skip"), message -> {
            threads.add(Thread.currentThread());
            if (message.equals("boom")) {
                throw new IllegalStateException("tap failure");
            }
            seen.add(message);
        }, "sink");
        for (int i = 0; i < 100_000; i++) {
            hub.publish("m" + i);
        }
        hub.publish("skip-me");
        hub.publish("boom");
        hub.publish("after");

        assertThat(seen).hasSize(100_001);
        assertThat(seen.getFirst()).isEqualTo("m0");
        assertThat(seen.get(99_999)).isEqualTo("m99999");
        assertThat(seen.getLast()).isEqualTo("after");
        assertThat(threads).containsOnly(Thread.currentThread());
        assertThat(tap.stats().delivered()).isEqualTo(100_002);
        assertThat(tap.stats().failed()).isEqualTo(1);
        assertThat(tap.stats().dropped()).isZero();

        tap.close();
        hub.publish("detached");
        assertThat(seen.getLast()).isEqualTo("after");
        assertThat(tap.isClosed()).isTrue();
        assertThat(hub.hasConsumers()).isFalse();
    }

    @Test
    void closingTheHubEndsItsTaps() {
        Registration tap = hub.addTap(message -> true, message -> { }, "sink");
        hub.close();
        assertThat(tap.isClosed()).isTrue();
        assertThatThrownBy(() -> hub.addTap(message -> true, message -> { }, "late"))
                .isInstanceOf(IllegalStateException.class);
    }
}
