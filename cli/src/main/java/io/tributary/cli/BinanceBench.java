package io.tributary.cli;

import com.sun.management.OperatingSystemMXBean;
import io.tributary.book.BookView;
import io.tributary.book.L2Update;
import io.tributary.core.stream.Overflow;
import io.tributary.core.stream.Registration;
import io.tributary.core.stream.StreamOptions;
import io.tributary.exchange.Scales;
import io.tributary.exchange.SymbolStats;
import io.tributary.exchange.binance.BinanceChannel;
import io.tributary.exchange.binance.BinanceConnector;
import io.tributary.exchange.binance.BinanceDecoder;
import io.tributary.model.Side;
import io.tributary.model.event.BookUpdate;
import io.tributary.simulator.binance.BinanceTwin;
import io.tributary.simulator.binance.DepthFlood;
import io.tributary.simulator.binance.MarketGenerator;
import io.tributary.simulator.binance.SymbolSpec;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The live-path benchmark: a Binance twin floods one symbol's diff depth ({@link BinanceTwin#flood}) into the real
 * {@link BinanceConnector} on loopback, in this JVM; a consumer of the connector's events records, per update, the
 * time from the twin's socket write to its own delivery of the {@link BookUpdate} (after the book applied it). At the
 * end the connector's book is compared level by level with the twin's own.
 *
 * <p>Sequence: a one-update flood brings the book live (snapshot sync), a warm-up flood gets the code compiled, then
 * the measured flood. CPU is the process's CPU time over the measured flood (twin included: it runs here too); heap is
 * the sum of the heap pools' peaks over it.
 */
final class BinanceBench {

    private static final String SYMBOL = "BTCUSDT";
    /** Half the connector's book queue. */
    private static final int BOOK_QUEUE = 1 << 18;
    private static final long CHUNK_UPDATES = BOOK_QUEUE / 2;

    /** What one run measured. */
    record Result(long updates, int levels, double rate, boolean complete, long delivered, double updatesPerSecond,
                  double cpuSeconds, long heapPeakBytes, long gcCount, long gcMillis, Histogram latencyNs,
                  boolean bookMatches, String bookDifference, long queueOverflows, long gaps, long dropped) {

        boolean healthy() {
            return complete && bookMatches && gaps == 0 && queueOverflows == 0 && dropped == 0;
        }

        String json() {
            return String.format(Locale.ROOT, "{\"benchmark\":\"binance-live\",\"updates\":%d,\"levels\":%d,"
                            + "\"rate\":%.0f,\"complete\":%b,\"delivered\":%d,\"updatesPerSecond\":%.0f,"
                            + "\"cpuSeconds\":%.2f,\"cpuMicrosPerUpdate\":%.2f,\"heapPeakBytes\":%d,\"gcCount\":%d,"
                            + "\"gcMillis\":%d,\"latencyUs\":{\"p50\":%.1f,\"p99\":%.1f,\"p99.9\":%.1f,\"max\":%.1f},"
                            + "\"bookMatches\":%b,\"queueOverflows\":%d,\"gaps\":%d,\"dropped\":%d%s}",
                    updates, levels, rate, complete, delivered, updatesPerSecond, cpuSeconds,
                    cpuSeconds * 1e6 / Math.max(1, delivered), heapPeakBytes, gcCount, gcMillis,
                    micros(50), micros(99), micros(99.9), latencyNs.getMaxValue() / 1e3, bookMatches,
                    queueOverflows, gaps, dropped,
                    bookDifference.isEmpty() ? "" : ",\"bookDifference\":\"" + bookDifference + "\"");
        }

        private double micros(double percentile) {
            return latencyNs.getTotalCount() == 0 ? 0 : latencyNs.getValueAtPercentile(percentile) / 1e3;
        }
    }

    private final long updates;
    private final int levels;
    private final double rate;
    private final long warmupUpdates;

    /**
     * @param rate updates per second, or 0 for as fast as the socket takes them
     * @param warmupUpdates updates flooded (unmeasured, as fast as possible) before the measured run
     */
    BinanceBench(long updates, int levels, double rate, long warmupUpdates) {
        this.updates = updates;
        this.levels = levels;
        this.rate = rate;
        this.warmupUpdates = warmupUpdates;
    }

    Result run() throws Exception {
        MarketGenerator market = MarketGenerator.builder().seed(42)
                .symbol(SymbolSpec.of(SYMBOL, "65000.00", "0.01", "0.00001"))
                .bookDepth(Math.max(50, levels)).snapshotLag(0).build();
        try (BinanceTwin twin = BinanceTwin.builder().market(market).stepsPerSecond(0).start();
             BinanceConnector connector = BinanceConnector.builder()
                     .symbols(SYMBOL)
                     .channels(BinanceChannel.DEPTH_100MS)
                     .webSocketBase(URI.create("ws://127.0.0.1:" + twin.server().port()))
                     .restBase(URI.create("http://127.0.0.1:" + twin.server().port()))
                     .bookQueueCapacity(BOOK_QUEUE)
                     .build()) {
            LatencyRecorder recorder = new LatencyRecorder();
            Registration registration = connector.events().addHandler(
                    event -> event instanceof BookUpdate update && !update.snapshot(),
                    event -> recorder.accept((BookUpdate) event),
                    StreamOptions.of(1 << 18, Overflow.DROP_NEWEST).withName("bench-consumer"));
            connector.start();

            // one update brings the book live: buffered, then the snapshot (fetched on the first update) bridges it
            DepthFlood first = floodWhenSubscribed(twin, 1, 0);
            awaitLive(connector, first);
            if (warmupUpdates > 0) {
                flood(twin, recorder, warmupUpdates, 0, Duration.ofMinutes(2));
            }

            System.gc(); // start the measured run from a clean heap, so its peak is its own
            List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                    .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
            heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
            long gcCountBefore = gcCount();
            long gcMillisBefore = gcMillis();
            OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuBeforeNs = os.getProcessCpuTime();
            long droppedBefore = registration.stats().dropped();

            Duration timeout = Duration.ofMillis((rate > 0 ? (long) (updates / rate * 1000) : 0) + 120_000);
            DepthFlood last = flood(twin, recorder, updates, rate, timeout);
            boolean complete = last != null;

            long cpuNs = os.getProcessCpuTime() - cpuBeforeNs;
            long heapPeak = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
            long gcCount = gcCount() - gcCountBefore;
            long gcMillis = gcMillis() - gcMillisBefore;
            String difference = complete ? compareBooks(connector, twin) : "the run did not complete";
            SymbolStats stats = connector.symbolStats().get(SYMBOL);
            return new Result(updates, levels, rate, complete, recorder.delivered(), recorder.updatesPerSecond(),
                    cpuNs / 1e9, heapPeak, gcCount, gcMillis, recorder.latencyNs(), difference.isEmpty(), difference,
                    connector.queueOverflows(), stats == null ? 0 : stats.gaps(),
                    registration.stats().dropped() - droppedBefore);
        }
    }

    /**
     * Floods {@code count} updates and waits until the consumer has each of them. Unpaced, the updates go in chunks
     * the connector's book queue can hold: the connector reads its socket without ever waiting for the book thread
     * (a full queue drops frames and resyncs the book), so an open-ended flood would measure the drops. Each chunk
     * is sent as fast as the socket takes it and the next one starts once the last update came through, so the book
     * thread never idles for longer than one round trip.
     *
     * @return the last flood, or null if the updates did not all come through in time
     */
    private DepthFlood flood(BinanceTwin twin, LatencyRecorder recorder, long count, double floodRate,
                             Duration timeout) throws Exception {
        recorder.reset();
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        long chunk = floodRate > 0 ? count : Math.min(count, CHUNK_UPDATES);
        DepthFlood flood = null;
        for (long sent = 0; sent < count; sent += chunk) {
            flood = twin.flood(SYMBOL, Math.min(chunk, count - sent), levels);
            recorder.expect(flood);
            flood.start(floodRate);
            if (!recorder.await(Duration.ofNanos(Math.max(0, deadlineNs - System.nanoTime())))) {
                return null;
            }
            flood.finished().get(10, TimeUnit.SECONDS); // the twin's book has moved on: the next chunk follows it
        }
        return flood;
    }

    /** The connector subscribes with a live SUBSCRIBE after the socket opens: flood once the twin has it. */
    private static DepthFlood floodWhenSubscribed(BinanceTwin twin, long count, double floodRate)
            throws InterruptedException {
        long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                return twin.flood(SYMBOL, count, 1).start(floodRate);
            } catch (IllegalStateException notYet) {
                if (System.nanoTime() > deadlineNs) {
                    throw new IllegalStateException("the connector did not subscribe to the twin within 10 s");
                }
                TimeUnit.MILLISECONDS.sleep(5); // polling the twin's subscriptions: nothing to wait on
            }
        }
    }

    private static void awaitLive(BinanceConnector connector, DepthFlood flood) throws InterruptedException {
        long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (connector.book(SYMBOL).map(BookView::updateId).orElse(-1L) < flood.lastUpdateId()) {
            if (System.nanoTime() > deadlineNs) {
                throw new IllegalStateException("the connector's book did not go live within 10 s: "
                        + connector.symbolStats() + ", " + connector.feedStats() + ", snapshot requests "
                        + connector.snapshotRequests());
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    /** Empty if the connector's book equals the twin's own, level by level; otherwise the first difference. */
    private static String compareBooks(BinanceConnector connector, BinanceTwin twin) {
        Optional<BookView> view = connector.book(SYMBOL);
        if (view.isEmpty()) {
            return "the connector's book is not in sync";
        }
        byte[] twinBook = twin.market().partialDepth(SYMBOL, 5000).getBytes(StandardCharsets.US_ASCII);
        L2Update expected = new L2Update();
        new BinanceDecoder(Scales.of(8, 8)).decodeSnapshot(twinBook, 0, twinBook.length, SYMBOL, expected);
        for (Side side : Side.values()) {
            TreeMap<Long, Long> want = new TreeMap<>();
            for (int i = 0; i < expected.size(); i++) {
                if (expected.side(i) == side) {
                    want.put(expected.price(i), expected.size(i));
                }
            }
            TreeMap<Long, Long> got = new TreeMap<>();
            BookView book = view.get();
            for (int i = 0; i < book.depth(side); i++) {
                got.put(book.price(side, i), book.size(side, i));
            }
            if (!want.equals(got)) {
                return side + ": twin has " + want.size() + " levels, connector " + got.size()
                        + (want.size() == got.size() ? " with different prices or sizes" : "");
            }
        }
        return view.get().updateId() == expected.lastUpdateId() ? ""
                : "update id " + view.get().updateId() + ", twin's " + expected.lastUpdateId();
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    /**
     * The consumer: for each book update of the flood it expects, the latency from the twin's write of that update to
     * this delivery. Runs on the consumer's thread; the main thread sets the expected flood and reads the results
     * while the consumer waits for the next flood (the latch and the volatile flood order the two).
     */
    private static final class LatencyRecorder {
        private final Histogram latencyNs = new Histogram(TimeUnit.SECONDS.toNanos(60), 3);
        private volatile DepthFlood flood;
        private volatile CountDownLatch done = new CountDownLatch(1);
        private volatile long delivered;
        private volatile long firstWriteNs;
        private volatile long lastNs;

        void accept(BookUpdate update) {
            long nowNs = System.nanoTime();
            DepthFlood current = flood;
            if (current == null) {
                return;
            }
            long writeNs = current.writeNanos(update.lastUpdateId());
            if (writeNs == 0) {
                return; // not part of the flood being measured
            }
            if (firstWriteNs == 0) {
                firstWriteNs = writeNs;
            }
            latencyNs.recordValue(Math.max(0, nowNs - writeNs));
            delivered++; // one consumer thread
            if (update.lastUpdateId() == current.lastUpdateId()) {
                lastNs = nowNs;
                flood = null;
                done.countDown();
            }
        }

        /** Forgets what was measured so far. */
        void reset() {
            latencyNs.reset();
            delivered = 0;
            firstWriteNs = 0;
        }

        /** Measures {@code next} from now on, adding to what was measured since {@link #reset()}. */
        void expect(DepthFlood next) {
            done = new CountDownLatch(1);
            flood = next;
        }

        boolean await(Duration timeout) throws InterruptedException {
            return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }

        long delivered() {
            return delivered;
        }

        Histogram latencyNs() {
            return latencyNs;
        }

        /** From the twin's first write to the delivery of the last update. */
        double updatesPerSecond() {
            long spanNs = lastNs - firstWriteNs;
            return spanNs <= 0 ? 0 : delivered * 1e9 / spanNs;
        }
    }
}
