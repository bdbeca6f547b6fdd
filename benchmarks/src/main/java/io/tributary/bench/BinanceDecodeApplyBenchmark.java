package io.tributary.bench;

import io.tributary.book.L2Book;
import io.tributary.book.L2Update;
import io.tributary.exchange.Scales;
import io.tributary.exchange.binance.BinanceBookSync;
import io.tributary.exchange.binance.BinanceDecoder;
import io.tributary.exchange.binance.BinanceDecoder.Kind;
import io.tributary.exchange.recording.RecordingEntry;
import io.tributary.exchange.recording.RecordingReader;
import io.tributary.exchange.recording.Recordings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Decode + apply of Binance diff depth messages, per message: the real BTCUSDT spot stream (hftbacktest recording,
 * all its depth events loaded at setup and cycled; on average ~50 levels per message), and a synthetic 10-level
 * update ({@code ["64123.45000000","1.23400000"]} levels, Binance's own formatting). "decodeApply" is decoder +
 * {@link L2Book#apply}; "sync" goes through {@link BinanceBookSync} (symbol lookup, sequence rule, buffering
 * logic, crossed check), with ids that keep the chain valid. Run:
 * {@code java -Dtributary.shared.dir=../shared -jar benchmarks/target/benchmarks.jar BinanceDecodeApply
 * -f 1 -wi 2 -i 3 -r 2s -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class BinanceDecodeApplyBenchmark {

    private static final String RECORDING = "data/binance/hftbacktest/spot/btcusdt_20240808.gz";
    private static final Scales SCALES = Scales.of(8, 8);
    private static final int SYNTHETIC_MESSAGES = 1024;

    private final BinanceDecoder decoder = new BinanceDecoder(SCALES);
    private final L2Update update = new L2Update();
    private final L2Book realBook = new L2Book("BTCUSDT", 8, 8);
    private final L2Book syntheticBook = new L2Book("BTCUSDT", 8, 8);
    private byte[][] real;
    private byte[][] synthetic;
    private final byte[] restartSnapshot =
            "{\"lastUpdateId\":999999,\"bids\":[],\"asks\":[]}".getBytes(StandardCharsets.US_ASCII);
    private BinanceBookSync sync;
    private int nextReal;
    private int nextSynthetic;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path file = Path.of(System.getProperty("tributary.shared.dir", "../shared"), RECORDING);
        List<byte[]> messages = new ArrayList<>();
        byte[] snapshot = null;
        long levels = 0;
        try (RecordingReader reader = Recordings.open(file)) {
            for (RecordingEntry e = reader.next(); e != null; e = reader.next()) {
                if (e.kind() == RecordingEntry.Kind.REST) {
                    snapshot = e.payload();
                } else if (decoder.decode(e.payload(), 0, e.payload().length, update, null) == Kind.DEPTH_UPDATE) {
                    messages.add(e.payload());
                    levels += update.size();
                }
            }
        }
        real = messages.toArray(new byte[0][]);
        if (snapshot == null || real.length == 0) {
            throw new IllegalStateException("no snapshot or depth events in " + file);
        }
        decoder.decodeSnapshot(snapshot, 0, snapshot.length, "BTCUSDT", update);
        realBook.apply(update);
        System.out.printf("%n%d real depth events, %.1f levels per event on average%n", real.length,
                (double) levels / real.length);

        SplittableRandom random = new SplittableRandom(42);
        synthetic = new byte[SYNTHETIC_MESSAGES][];
        long midCents = 6_412_345;
        for (int m = 0; m < SYNTHETIC_MESSAGES; m++) {
            StringBuilder bids = new StringBuilder();
            StringBuilder asks = new StringBuilder();
            for (int i = 0; i < 10; i++) {
                boolean bid = i % 2 == 0;
                long distance = 1 + (long) (-Math.log(1 - random.nextDouble()) * 30);
                long priceCents = bid ? midCents - distance : midCents + distance;
                long sizeUnits = random.nextInt(5) == 0 ? 0 : random.nextLong(1, 500_000_000L);
                StringBuilder side = bid ? bids : asks;
                side.append(side.isEmpty() ? "" : ",").append("[\"")
                        .append(priceCents / 100).append('.').append(String.format("%02d", priceCents % 100))
                        .append("000000\",\"").append(sizeUnits / 100_000_000).append('.')
                        .append(String.format("%08d", sizeUnits % 100_000_000)).append("\"]");
            }
            long first = 1_000_000L + m * 10L;
            synthetic[m] = ("{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":1723161255208,"
                    + "\"s\":\"BTCUSDT\",\"U\":" + first + ",\"u\":" + (first + 9) + ",\"b\":[" + bids + "],\"a\":["
                    + asks + "]}}").getBytes(StandardCharsets.US_ASCII);
        }
        sync = new BinanceBookSync(BinanceBookSync.Market.SPOT, SCALES, (symbol, first) -> {
        }, null);
        sync.onSnapshot("BTCUSDT", restartSnapshot, 0, restartSnapshot.length);
    }

    @Benchmark
    public int realStreamDecodeApply() {
        byte[] message = real[nextReal];
        nextReal = nextReal + 1 == real.length ? 0 : nextReal + 1;
        decoder.decode(message, 0, message.length, update, null);
        return realBook.apply(update);
    }

    @Benchmark
    public Kind realStreamDecodeOnly() {
        byte[] message = real[nextReal];
        nextReal = nextReal + 1 == real.length ? 0 : nextReal + 1;
        return decoder.decode(message, 0, message.length, update, null);
    }

    @Benchmark
    public int syntheticTenLevelDecodeApply() {
        byte[] message = synthetic[nextSynthetic];
        nextSynthetic = nextSynthetic + 1 == synthetic.length ? 0 : nextSynthetic + 1;
        decoder.decode(message, 0, message.length, update, null);
        return syntheticBook.apply(update);
    }

    @Benchmark
    public Kind syntheticTenLevelDecodeOnly() {
        byte[] message = synthetic[nextSynthetic];
        nextSynthetic = nextSynthetic + 1 == synthetic.length ? 0 : nextSynthetic + 1;
        return decoder.decode(message, 0, message.length, update, null);
    }

    /** Through the whole sync path; each cycle of the synthetic messages starts from a fresh (empty) snapshot. */
    @Benchmark
    public Kind syntheticTenLevelSync() {
        byte[] message = synthetic[nextSynthetic];
        nextSynthetic = nextSynthetic + 1 == synthetic.length ? 0 : nextSynthetic + 1;
        Kind kind = sync.onMessage(message, 0, message.length);
        if (nextSynthetic == 0) {
            // the cycle restarts at lower ids: start the book's chain over from a snapshot just below them
            sync.onSnapshot("BTCUSDT", restartSnapshot, 0, restartSnapshot.length);
        }
        return kind;
    }
}
