package io.tributary.book;

import io.tributary.model.Decimals;
import io.tributary.model.Side;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Drives {@link L2Book} and {@link ReferenceL2Book} with the same seeded random messages and compares their whole
 * state every few messages: inserts near and far from the top, replacements, deletes (also of absent levels),
 * snapshots, crossing, truncation to a depth, and varying written decimals.
 */
class L2BookPropertyTest {

    private static final int PRICE_SCALE = 2;
    private static final int SIZE_SCALE = 8;
    private static final int COMPARE_EVERY = 40;

    @ParameterizedTest(name = "seed {0}, max depth {1}")
    @CsvSource({"1, 0, 250000", "2, 10, 250000", "3, 25, 250000", "4, 1000, 150000"})
    void fastBookAgreesWithReference(long seed, int maxDepth, int messages) {
        SplittableRandom random = new SplittableRandom(seed);
        L2Book book = new L2Book("P", PRICE_SCALE, SIZE_SCALE, maxDepth);
        ReferenceL2Book reference = new ReferenceL2Book(maxDepth);
        L2Update update = new L2Update();
        long mid = 1_000_000;
        long levelOps = 0;
        int crossedSeen = 0;

        for (int m = 1; m <= messages; m++) {
            update.clear("P", PRICE_SCALE, SIZE_SCALE).lastUpdateId(m);
            boolean snapshot = random.nextInt(2000) == 0;
            update.snapshot(snapshot);
            int levels = snapshot ? random.nextInt(0, 300) : random.nextInt(1, 11);
            mid += random.nextInt(-3, 4);
            for (int i = 0; i < levels; i++) {
                Side side = random.nextBoolean() ? Side.BID : Side.ASK;
                // distance from mid: mostly near the top, sometimes across it (crossing), sometimes deep
                long distance = (long) (-Math.log(1 - random.nextDouble()) * 30) - (random.nextInt(50) == 0 ? 5 : 0);
                long price = side == Side.BID ? mid - distance : mid + distance;
                long size = random.nextInt(4) == 0 ? 0 : random.nextLong(1, 10_000_000_000L);
                int priceDecimals = Decimals.minimalDecimals(price, PRICE_SCALE) + random.nextInt(2);
                int sizeDecimals = Math.max(Decimals.minimalDecimals(size, SIZE_SCALE), random.nextInt(0, 11));
                update.add(side, price, priceDecimals, size, sizeDecimals);
            }
            levelOps += levels;
            book.apply(update);
            reference.apply(update);
            if (book.isCrossed()) {
                crossedSeen++;
            }
            if (m % COMPARE_EVERY == 0 || snapshot) {
                assertSameState(book, reference, m);
            }
        }
        assertSameState(book, reference, messages);
        assertThat(levelOps).isGreaterThan(messages * 4L);
        assertThat(crossedSeen).as("crossing exercised").isPositive();
    }

    private static void assertSameState(L2Book book, ReferenceL2Book reference, int message) {
        assertThat(book.isCrossed()).as("crossed after %d", message).isEqualTo(reference.isCrossed());
        for (Side side : Side.values()) {
            List<Map.Entry<BigDecimal, BigDecimal>> expected = reference.levels(side);
            assertThat(book.depth(side)).as("%s depth after message %d", side, message).isEqualTo(expected.size());
            for (int level = 0; level < expected.size(); level++) {
                Map.Entry<BigDecimal, BigDecimal> want = expected.get(level);
                String price = Decimals.toPlainString(book.price(side, level), PRICE_SCALE,
                        book.priceDecimals(side, level));
                String size = Decimals.toPlainString(book.size(side, level), SIZE_SCALE,
                        book.sizeDecimals(side, level));
                if (!price.equals(want.getKey().toPlainString()) || !size.equals(want.getValue().toPlainString())) {
                    throw new AssertionError(side + " level " + level + " after message " + message + ": "
                            + price + " x " + size + ", reference " + want.getKey().toPlainString() + " x "
                            + want.getValue().toPlainString());
                }
            }
        }
    }
}
