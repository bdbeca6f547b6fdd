package io.tributary.book;

import io.tributary.model.Decimals;
import io.tributary.model.Side;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives {@link L3Book} and {@link ReferenceL3Book} with the same seeded random operations (add, put, change,
 * execute, delete, including unknown ids, duplicate adds and over-executions) and compares the aggregated levels,
 * the queues at the top, results and counters.
 */
class L3BookPropertyTest {

    private static final int SCALE = 8;
    private static final int COMPARE_EVERY = 250;

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"11, 600000", "12, 600000"})
    void fastBookAgreesWithReference(long seed, int operations) {
        SplittableRandom random = new SplittableRandom(seed);
        L3Book book = new L3Book("P", SCALE, SCALE);
        ReferenceL3Book reference = new ReferenceL3Book();
        LiveIds live = new LiveIds();
        long nextId = 1;
        long mid = 1_000_000;

        for (int op = 1; op <= operations; op++) {
            mid += random.nextInt(-2, 3);
            int kind = live.size() > 1500 ? random.nextInt(55, 100) : random.nextInt(100);
            long id = live.isEmpty() || random.nextInt(50) == 0 ? nextId + 1_000_000 // unknown id
                    : live.pick(random);
            if (kind < 40 || live.size() < 20) {
                Side side = random.nextBoolean() ? Side.BID : Side.ASK;
                long distance = random.nextInt(-3, 40);
                long price = side == Side.BID ? mid - distance : mid + distance;
                long size = random.nextLong(1, 1_000_000);
                long newId = random.nextInt(200) == 0 && !live.isEmpty() ? id : nextId++; // sometimes a duplicate
                boolean added = book.add(newId, side, price, size);
                assertThat(reference.add(newId, side, dec(price), dec(size))).isEqualTo(added);
                if (added) {
                    live.add(newId);
                }
            } else if (kind < 55) {
                Side side = random.nextBoolean() ? Side.BID : Side.ASK;
                long price = side == Side.BID ? mid - random.nextInt(0, 40) : mid + random.nextInt(0, 40);
                if (random.nextBoolean() && book.contains(id)) {
                    price = book.orderPrice(id); // same level: keeps the queue position
                    side = book.orderSide(id);
                }
                long size = random.nextLong(1, 1_000_000);
                book.put(id, side, price, size);
                reference.put(id, side, dec(price), dec(size));
                live.add(id);
            } else if (kind < 70) {
                long size = random.nextInt(10) == 0 ? 0 : random.nextLong(1, 1_000_000);
                assertThat(book.change(id, size)).isEqualTo(reference.change(id, dec(size)));
                if (size == 0) {
                    live.remove(id);
                }
            } else if (kind < 85) {
                long executed = random.nextLong(1, Math.max(2, book.orderSize(id) + 10));
                boolean done = book.execute(id, executed);
                assertThat(reference.execute(id, dec(executed))).isEqualTo(done);
                if (done && !book.contains(id)) {
                    live.remove(id);
                }
            } else {
                assertThat(book.delete(id)).isEqualTo(reference.delete(id));
                live.remove(id);
            }
            if (op % COMPARE_EVERY == 0) {
                assertSameState(book, reference, op);
            }
            if (op % 200_000 == 0) {
                book.clear();
                reference.clear();
                live.clear();
            }
        }
        assertSameState(book, reference, operations);
        assertThat(book.unknownOrders()).isPositive();
    }

    /** Ids believed live, with O(1) add, remove and random pick. */
    private static final class LiveIds {
        private final List<Long> ids = new ArrayList<>();
        private final Map<Long, Integer> positions = new java.util.HashMap<>();

        void add(long id) {
            if (positions.putIfAbsent(id, ids.size()) == null) {
                ids.add(id);
            }
        }

        void remove(long id) {
            Integer position = positions.remove(id);
            if (position != null) {
                long last = ids.remove(ids.size() - 1);
                if (position < ids.size()) {
                    ids.set(position, last);
                    positions.put(last, position);
                }
            }
        }

        long pick(SplittableRandom random) {
            return ids.get(random.nextInt(ids.size()));
        }

        int size() {
            return ids.size();
        }

        boolean isEmpty() {
            return ids.isEmpty();
        }

        void clear() {
            ids.clear();
            positions.clear();
        }
    }

    private static BigDecimal dec(long value) {
        return Decimals.toBigDecimal(value, SCALE);
    }

    private static void assertSameState(L3Book book, ReferenceL3Book reference, int op) {
        assertThat(book.orderCount()).as("orders after %d", op).isEqualTo(reference.orderCount());
        assertThat(book.unknownOrders()).as("unknown after %d", op).isEqualTo(reference.unknownOrders());
        long[] ids = new long[1024];
        long[] sizes = new long[1024];
        for (Side side : Side.values()) {
            List<Map.Entry<BigDecimal, BigDecimal>> expected = reference.levels(side);
            assertThat(book.depth(side)).as("%s depth after %d", side, op).isEqualTo(expected.size());
            long orders = 0;
            for (int level = 0; level < expected.size(); level++) {
                assertThat(dec(book.price(side, level))).isEqualByComparingTo(expected.get(level).getKey());
                assertThat(dec(book.size(side, level))).as("%s level %d after %d", side, level, op)
                        .isEqualByComparingTo(expected.get(level).getValue());
                int count = book.orders(side, level, ids, sizes);
                long sum = 0;
                List<Long> queue = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    sum += sizes[i];
                    queue.add(ids[i]);
                }
                assertThat(sum).as("aggregate equals its orders").isEqualTo(book.size(side, level));
                if (level < 3) {
                    assertThat(queue).isEqualTo(reference.queue(side, expected.get(level).getKey()));
                }
                orders += count;
            }
            assertThat(book.view(Integer.MAX_VALUE).depth(side)).isEqualTo(expected.size());
            if (side == Side.ASK) {
                long bidOrders = 0;
                for (int level = 0; level < book.depth(Side.BID); level++) {
                    bidOrders += book.orderCount(Side.BID, level);
                }
                assertThat(orders + bidOrders).isEqualTo(book.orderCount());
            }
        }
    }
}
