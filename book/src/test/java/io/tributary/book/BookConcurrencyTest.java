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
