package io.tributary.bench;

import io.tributary.core.connection.RawMessage;
import io.tributary.core.json.JsonFilter;
import io.tributary.core.stream.Hub;
import io.tributary.core.stream.Overflow;
import io.tributary.core.stream.Registration;
import io.tributary.core.stream.StreamOptions;
import io.tributary.simulator.binance.MarketEvent;
import io.tributary.simulator.binance.MarketGenerator;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The hub's fan-out: generated Binance messages (depth updates, trades, book tickers) through one {@link JsonFilter}
 * per consumer ({@code {"e":"depthUpdate"}}) to 1, 10 or 100 consumers, each draining on its own thread.
 * <ul>
 *   <li>{@code publish}: messages/s the publishing (socket) thread gets through; consumers that fall behind drop
 *       their oldest, which never slows the publisher.</li>
 *   <li>{@code publishAndDeliver}: messages/s published when every matching message must also reach every consumer
 *       (batches of 1,000, each waited for): the delivered throughput. Deliveries/s = that × consumers × the
 *       matching share printed at the end of the trial.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--sun-misc-unsafe-memory-access=allow"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class HubBenchmark {
    private static final int BATCH = 1_000;
    private static final int DISTINCT_MESSAGES = 4_096;

    @Param({"1", "10", "100"})
    public int consumers;

    private byte[][] frames;
    private boolean[] matches;
    private Hub<RawMessage> hub;
    private final List<Registration> registrations = new ArrayList<>();
    private AtomicLong[] delivered;
    private long published;
    private long matchingPublished;

    @Setup
    public void setUp() {
        MarketGenerator market = MarketGenerator.builder().seed(1).build();
        List<MarketEvent> events = new ArrayList<>();
        while (events.size() < DISTINCT_MESSAGES) {
            events.addAll(market.step());
        }
        frames = new byte[DISTINCT_MESSAGES][];
        matches = new boolean[DISTINCT_MESSAGES];
        for (int i = 0; i < DISTINCT_MESSAGES; i++) {
            frames[i] = events.get(i).json().getBytes(StandardCharsets.UTF_8);
            matches[i] = events.get(i).stream().endsWith("@depth");
        }
        hub = new Hub<>("bench");
        delivered = new AtomicLong[consumers];
        for (int c = 0; c < consumers; c++) {
            AtomicLong count = new AtomicLong();
            delivered[c] = count;
            registrations.add(hub.addHandler(JsonFilter.parse("{\"e\":\"depthUpdate\"}"), m -> count.incrementAndGet(),
                    StreamOptions.of(1 << 16, Overflow.DROP_OLDEST).withName("consumer-" + c)));
        }
    }

    @TearDown
    public void tearDown() {
        long deliveredTotal = 0;
        long droppedTotal = 0;
        for (int c = 0; c < consumers; c++) {
            deliveredTotal += delivered[c].get();
            droppedTotal += registrations.get(c).stats().dropped();
        }
        hub.close();
        System.out.printf("%n[hub] consumers=%d published=%d matching=%.0f%% delivered=%d dropped=%d%n", consumers,
                published, 100.0 * matchingPublished / Math.max(1, published), deliveredTotal, droppedTotal);
    }

    @Benchmark
    public void publish() {
        publishNext();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void publishAndDeliver() {
        for (int i = 0; i < BATCH; i++) {
            publishNext();
        }
        for (AtomicLong count : delivered) {
            while (count.get() < matchingPublished) {
                Thread.onSpinWait();
                Thread.yield(); // two cores: let the consumers run
            }
        }
    }

    private void publishNext() {
        int i = (int) (published++ % DISTINCT_MESSAGES);
        if (matches[i]) {
            matchingPublished++;
        }
        // a fresh message each time, so each one is parsed once, as off a socket
        hub.publish(new RawMessage(1, published, System.nanoTime(), 0, false, frames[i]));
    }
}
