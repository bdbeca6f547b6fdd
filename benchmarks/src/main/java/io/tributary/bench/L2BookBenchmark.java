package io.tributary.bench;

import io.tributary.book.BinanceSpotSequence;
import io.tributary.book.BookView;
import io.tributary.book.L2Book;
import io.tributary.book.L2Update;
import io.tributary.book.SymbolBook;
import io.tributary.model.DecimalParser;
import io.tributary.model.DecimalResult;
import io.tributary.model.Side;
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

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The book side of "decode + apply": applying a synthetic 10-level update to a ~1000-level-per-side book, the same
 * with its 20 numbers parsed from quoted text first, through a {@link SymbolBook} with Binance's sequence rule, a
 * reader's 10-level view, and decimal parsing alone. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar L2BookBenchmark -f 1 -wi 2 -i 3 -r 2s -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class L2BookBenchmark {

    private static final int PRICE_SCALE = 2;
    private static final int SIZE_SCALE = 8;
    private static final int MESSAGES = 1024;
    private static final int LEVELS = 10;

    private final L2Book book = new L2Book("BTCUSDT", PRICE_SCALE, SIZE_SCALE);
    private final L2Update[] updates = new L2Update[MESSAGES];
    private final L2Update scratch = new L2Update(LEVELS);
    private final DecimalParser parser = new DecimalParser();
    private SymbolBook symbolBook;
    private byte[][] texts;
    private int[][] offsets;
    private long updateId;
    private int next;

    private final byte[] quotedSize = "\"0.00000500\"".getBytes(StandardCharsets.US_ASCII);
    private final byte[] quotedPrice = "\"64123.45\"".getBytes(StandardCharsets.US_ASCII);

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        long mid = 6_412_345; // 64123.45
        texts = new byte[MESSAGES][];
        offsets = new int[MESSAGES][];
        for (int m = 0; m < MESSAGES; m++) {
            L2Update update = new L2Update(LEVELS).clear("BTCUSDT", PRICE_SCALE, SIZE_SCALE);
            StringBuilder text = new StringBuilder();
            int[] ranges = new int[LEVELS * 4];
            for (int i = 0; i < LEVELS; i++) {
                Side side = i % 2 == 0 ? Side.BID : Side.ASK;
                long distance = 1 + (long) (-Math.log(1 - random.nextDouble()) * 30);
                long price = side == Side.BID ? mid - distance : mid + distance;
                long size = random.nextInt(5) == 0 ? 0 : random.nextLong(1, 500_000_000L);
                update.add(side, price, PRICE_SCALE, size, SIZE_SCALE);
                // the same level as Binance writes it: ["64123.45","1.23400000"]
                ranges[i * 4] = text.length();
                text.append('"').append(price / 100).append('.').append(String.format("%02d", price % 100)).append('"');
                ranges[i * 4 + 1] = text.length();
                text.append(',');
                ranges[i * 4 + 2] = text.length();
                text.append('"').append(size / 100_000_000).append('.')
                        .append(String.format("%08d", size % 100_000_000)).append('"');
                ranges[i * 4 + 3] = text.length();
                text.append(',');
            }
            updates[m] = update;
            texts[m] = text.toString().getBytes(StandardCharsets.US_ASCII);
            offsets[m] = ranges;
        }
        L2Update seed = new L2Update(4096).clear("BTCUSDT", PRICE_SCALE, SIZE_SCALE).snapshot(true);
        for (int i = 1; i <= 1000; i++) {
            seed.add(Side.BID, mid - i, PRICE_SCALE, 100_000_000L, SIZE_SCALE);
            seed.add(Side.ASK, mid + i, PRICE_SCALE, 100_000_000L, SIZE_SCALE);
        }
        book.apply(seed);
        symbolBook = new SymbolBook("binance", new L2Book("BTCUSDT", PRICE_SCALE, SIZE_SCALE),
                new BinanceSpotSequence(), null, null);
        seed.lastUpdateId(0);
        symbolBook.onUpdate(seed);
        for (L2Update update : updates) { // reach the steady state
            book.apply(update);
        }
    }

    /** Applies one pre-decoded 10-level update. */
    @Benchmark
    public int apply10Levels() {
        L2Update update = updates[next++ & (MESSAGES - 1)];
        return book.apply(update);
    }

    /** Parses the 20 quoted numbers of a 10-level update into the reusable carrier, then applies it. */
    @Benchmark
    public int parseAndApply10Levels() {
        int m = next++ & (MESSAGES - 1);
        byte[] text = texts[m];
        int[] ranges = offsets[m];
        L2Update update = scratch.clear("BTCUSDT", PRICE_SCALE, SIZE_SCALE);
        for (int i = 0; i < LEVELS; i++) {
            update.add(i % 2 == 0 ? Side.BID : Side.ASK, text, ranges[i * 4], ranges[i * 4 + 1],
                    ranges[i * 4 + 2], ranges[i * 4 + 3]);
        }
        return book.apply(update);
    }

    /** One update through sequence check, apply and counters (Binance spot rule). */
    @Benchmark
    public long symbolBookOnUpdate() {
        L2Update update = updates[next++ & (MESSAGES - 1)];
        updateId++;
        update.firstUpdateId(updateId).lastUpdateId(updateId);
        symbolBook.onUpdate(update);
        return symbolBook.book().updateId();
    }

    /** A reader's consistent copy of the top 10 levels per side (allocates the copy). */
    @Benchmark
    public BookView view10() {
        return book.view(10);
    }

    @Benchmark
    public long parseQuotedSize() {
        return parser.parse(quotedSize, 0, quotedSize.length, SIZE_SCALE) == DecimalResult.OK ? parser.value() : -1;
    }

    @Benchmark
    public long parseQuotedPrice() {
        return parser.parse(quotedPrice, 0, quotedPrice.length, SIZE_SCALE) == DecimalResult.OK ? parser.value() : -1;
    }
}
