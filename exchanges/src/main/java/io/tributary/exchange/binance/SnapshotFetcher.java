package io.tributary.exchange.binance;

import io.tributary.core.time.NanoClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches REST depth snapshots one symbol at a time as books ask for them, paced by Binance's request weight so
 * that any number of symbols resyncing at once never earns a 429. A 429 or 418 pauses every request for as long as
 * its {@code Retry-After} says (a minute without one); other failures retry after a short pause. A symbol is queued
 * at most once. TLS is verified by the JDK client.
 */
final class SnapshotFetcher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotFetcher.class);
    private static final long DEFAULT_BACKOFF_NS = TimeUnit.MINUTES.toNanos(1);
    private static final long FAILURE_PAUSE_NS = TimeUnit.SECONDS.toNanos(1);

    /** Receives a snapshot body; called on the fetcher's thread. */
    interface Receiver {
        void onSnapshot(String symbol, byte[] body);
    }

    private final URI depthUri;
    private final int limit;
    private final int weight;
    private final WeightBudget budget;
    private final NanoClock clock;
    private final Receiver receiver;
    private final HttpClient http;
    private final ScheduledExecutorService thread;

    // fetcher thread only
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private final Set<String> queued = new HashSet<>();
    private long pausedUntilNs; // meaningful while `paused`
    private boolean paused;
    private ScheduledFuture<?> wakeUp;

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong rateLimited = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();

    SnapshotFetcher(URI depthUri, int limit, int weight, int weightPerMinute, NanoClock clock, Receiver receiver) {
        this.depthUri = depthUri;
        this.limit = limit;
        this.weight = weight;
        this.budget = new WeightBudget(weightPerMinute);
        this.clock = clock;
        this.receiver = receiver;
        this.thread = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("binance-snapshots").daemon().factory());
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).executor(thread).build();
    }

    /** Queues a snapshot request for {@code symbol} unless one is already queued or under way. Any thread. */
    void request(String symbol) {
        thread.execute(() -> {
            if (queued.add(symbol)) {
                queue.addLast(symbol);
                pump();
            }
        });
    }

    long requests() {
        return requests.get();
    }

    /** @return answers 429 or 418 received */
    long rateLimited() {
        return rateLimited.get();
    }

    long failures() {
        return failures.get();
    }

    /** Sends every queued request that the weight budget and any back-off allow now; schedules the rest. */
    private void pump() {
        while (!queue.isEmpty()) {
            long nowNs = clock.nanoTime();
            long waitNs = Math.max(paused ? pausedUntilNs - nowNs : 0, budget.delayNanos(weight, nowNs));
            if (waitNs > 0) {
                if (wakeUp == null) {
                    wakeUp = thread.schedule(() -> {
                        wakeUp = null;
                        pump();
                    }, waitNs, TimeUnit.NANOSECONDS);
                }
                return;
            }
            paused = false;
            String symbol = queue.pollFirst();
            budget.spend(weight, nowNs);
            send(symbol);
        }
    }

    private void send(String symbol) {
        requests.incrementAndGet();
        HttpRequest request = HttpRequest.newBuilder(URI.create(depthUri + "?symbol=" + symbol + "&limit=" + limit))
                .timeout(Duration.ofSeconds(30)).GET().build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray())
                .whenCompleteAsync((response, error) -> answered(symbol, response, error), thread);
    }

    private void answered(String symbol, HttpResponse<byte[]> response, Throwable error) {
        if (error == null && response.statusCode() == 200) {
            queued.remove(symbol); // before handing it over: the snapshot may prove stale and be asked for again
            try {
                receiver.onSnapshot(symbol, response.body());
            } catch (RuntimeException e) {
                LOG.warn("binance snapshot of {} could not be applied", symbol, e);
            }
            return;
        }
        int status = error == null ? response.statusCode() : 0;
        if (status == 429 || status == 418) {
            rateLimited.incrementAndGet();
            long backoffNs = retryAfterNanos(response);
            pauseFor(backoffNs);
            LOG.warn("binance REST answered {} for {}: pausing snapshots for {} ms", status, symbol,
                    TimeUnit.NANOSECONDS.toMillis(backoffNs));
        } else {
            failures.incrementAndGet();
            pauseFor(FAILURE_PAUSE_NS);
            LOG.warn("binance snapshot of {} failed ({}); retrying", symbol,
                    error != null ? String.valueOf(error) : "HTTP " + status);
        }
        queue.addFirst(symbol);
        pump();
    }

    private void pauseFor(long durationNs) {
        long untilNs = clock.nanoTime() + durationNs;
        pausedUntilNs = paused ? Math.max(pausedUntilNs, untilNs) : untilNs;
        paused = true;
    }

    private static long retryAfterNanos(HttpResponse<byte[]> response) {
        return response.headers().firstValue("Retry-After").map(value -> {
            try {
                return TimeUnit.SECONDS.toNanos(Math.max(0, Long.parseLong(value.trim())));
            } catch (NumberFormatException e) {
                return DEFAULT_BACKOFF_NS;
            }
        }).orElse(DEFAULT_BACKOFF_NS);
    }

    @Override
    public void close() {
        thread.shutdownNow();
        http.shutdownNow();
    }
}
