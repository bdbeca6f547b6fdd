package io.tributary.book;

import io.tributary.model.Side;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A writer applies messages while readers take views. Message k leaves a book whose every level has size k, 11
 * levels per side, and a best bid of 1001 (k odd) or 1000 (k even); a half-applied message would break one of
 * these. Each reader asserts every view it gets is one the writer published.
 */
class BookConcurrencyTest {

    private static final int MESSAGES = 200_000;
    private static final int READERS = 2;

    @Test
    void readersOnlySeeWholeMessages() throws Exception {
        L2Book book = new L2Book("BTCUSDT", 0, 0);
        L2Update update = new L2Update();
        apply(book, update, 1);
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(READERS);
        try {
            List<Future<long[]>> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                readers.add(pool.submit(() -> {
                    start.await();
                    long views = 0;
                    long distinct = 0;
                    long previous = 0;
                    while (!done.get()) {
                        BookView view = book.view(20);
                        assertPublished(view);
                        assertThat(view.updateId()).as("views move forward").isGreaterThanOrEqualTo(previous);
                        distinct += view.updateId() != previous ? 1 : 0;
                        previous = view.updateId();
                        views++;
                    }
                    return new long[] {views, distinct};
                }));
            }
            start.countDown();
            for (long k = 2; k <= MESSAGES; k++) {
                apply(book, update, k);
            }
            done.set(true);
            for (Future<long[]> reader : readers) {
                long[] seen = reader.get();
                assertThat(seen[0]).as("views taken").isPositive();
                assertThat(seen[1]).as("distinct published states seen").isGreaterThan(1);
            }
        } finally {
            pool.shutdownNow();
        }
        assertPublished(book.view(20));
        assertThat(book.view(20).updateId()).isEqualTo(MESSAGES);
    }

    /**
     * The same for an {@link L3Book} written in batches: after batch k every one of the 20 orders has size k and
     * the orders sit on 5 levels per side whose prices depend on k's parity (orders move between levels).
     */
    @Test
    void l3ReadersOnlySeeWholeBatches() throws Exception {
        L3Book book = new L3Book("tBTCUSD", 0, 0);
        applyL3(book, 1);
        AtomicBoolean done = new AtomicBoolean();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(READERS);
        try {
            List<Future<Long>> readers = new ArrayList<>();
            for (int r = 0; r < READERS; r++) {
                readers.add(pool.submit(() -> {
                    start.await();
                    long views = 0;
                    while (!done.get()) {
                        BookView view = book.view(10);
                        long k = view.size(Side.BID, 0) / 2;
                        boolean odd = (k & 1) == 1;
                        for (Side side : Side.values()) {
                            if (view.depth(side) != 5) {
                                throw new AssertionError("torn view: " + view);
                            }
                            for (int level = 0; level < 5; level++) {
                                long price = side == Side.BID ? 1000 - level - (odd ? 0 : 10)
                                        : 1001 + level + (odd ? 0 : 10);
                                if (view.size(side, level) != 2 * k || view.price(side, level) != price) {
                                    throw new AssertionError("torn view: " + view);
                                }
                            }
                        }
                        views++;
                    }
                    return views;
                }));
            }
            start.countDown();
            for (long k = 2; k <= MESSAGES / 4; k++) {
                applyL3(book, k);
            }
            done.set(true);
            for (Future<Long> reader : readers) {
                assertThat(reader.get()).isPositive();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(book.orderCount()).isEqualTo(20);
    }

    /** Batch k: 2 orders per level, 5 levels per side, sizes k, prices shifted by 10 for even k. */
    private static void applyL3(L3Book book, long k) {
        boolean odd = (k & 1) == 1;
        book.beginBatch();
        for (int i = 0; i < 10; i++) {
            int level = i / 2;
            book.put(i, Side.BID, 1000 - level - (odd ? 0 : 10), k);
            book.put(100 + i, Side.ASK, 1001 + level + (odd ? 0 : 10), k);
        }
        book.endBatch();
    }

    private static void apply(L2Book book, L2Update update, long k) {
        update.clear("BTCUSDT", 0, 0).lastUpdateId(k);
        boolean odd = (k & 1) == 1;
        for (int p = 991; p <= 1000; p++) {
            update.add(Side.BID, p, 0, k, 0);
            update.add(Side.ASK, p + 10, 0, k, 0);
        }
        update.add(Side.BID, odd ? 1001 : 990, 0, k, 0);
        update.add(Side.BID, odd ? 990 : 1001, 0, 0, 0);
        update.add(Side.ASK, odd ? 1000 : 1011, 0, k, 0);
        update.add(Side.ASK, odd ? 1011 : 1000, 0, 0, 0);
        book.apply(update);
    }

    private static void assertPublished(BookView view) {
        long k = view.updateId();
        boolean odd = (k & 1) == 1;
        if (view.depth(Side.BID) != 11 || view.depth(Side.ASK) != 11
                || view.bestBid() != (odd ? 1001 : 1000) || view.bestAsk() != (odd ? 1000 : 1001)) {
            throw new AssertionError("torn view: " + view);
        }
        for (Side side : Side.values()) {
            for (int level = 0; level < 11; level++) {
                if (view.size(side, level) != k) {
                    throw new AssertionError("torn view at " + side + " " + level + ": " + view);
                }
            }
        }
    }
}
