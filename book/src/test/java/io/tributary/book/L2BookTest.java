package io.tributary.book;

import io.tributary.model.DecimalResult;
import io.tributary.model.Side;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class L2BookTest {

    private final L2Book book = new L2Book("BTCUSDT", 2, 8);
    private final L2Update update = new L2Update();

    private L2Update message() {
        return update.clear("BTCUSDT", 2, 8);
    }

    @Test
    void insertsReplacesAndDeletesLevelsBestFirst() {
        message().snapshot(true).lastUpdateId(10);
        update.add(Side.BID, "100.00", "1");
        update.add(Side.BID, "101.00", "2");
        update.add(Side.BID, "99.50", "3");
        update.add(Side.ASK, "103.00", "4");
        update.add(Side.ASK, "102.00", "5");
        book.apply(update);

        assertThat(book.bestBid()).isEqualTo(10100);
        assertThat(book.bestAsk()).isEqualTo(10200);
        assertThat(book.depth(Side.BID)).isEqualTo(3);
        assertThat(book.price(Side.BID, 2)).isEqualTo(9950);
        assertThat(book.price(Side.ASK, 1)).isEqualTo(10300);
        assertThat(book.updateId()).isEqualTo(10);

        assertThat(book.view(1).eventTimeNanos()).isEqualTo(L2Update.NONE);

        message().lastUpdateId(11).eventTimeNanos(1_672_515_782_136_000_000L);
        update.add(Side.BID, "101.00", "0"); // delete the best bid
        update.add(Side.BID, "100.00", "7.5"); // replace
        update.add(Side.ASK, "50.00", "0"); // delete of an absent level: no change
        int changes = book.apply(update);

        assertThat(book.bestBid()).isEqualTo(10000);
        assertThat(book.size(Side.BID, 0)).isEqualTo(750_000_000L);
        assertThat(book.sizeAt(Side.BID, 10100)).isZero();
        assertThat(book.depth(Side.ASK)).isEqualTo(2);
        assertThat(book.updateId()).isEqualTo(11);
        assertThat(book.view(1).eventTimeNanos()).isEqualTo(1_672_515_782_136_000_000L);
        assertThat(changes & L2BookListener.BEST_BID_PRICE).isNotZero();
        assertThat(changes & L2BookListener.BEST_ASK_PRICE).isZero();
    }

    @Test
    void snapshotReplacesEverything() {
        book.set(Side.BID, 100, 1);
        book.set(Side.ASK, 200, 1);
        message().snapshot(true);
        update.add(Side.ASK, "3.00", "1");
        book.apply(update);
        assertThat(book.depth(Side.BID)).isZero();
        assertThat(book.depth(Side.ASK)).isEqualTo(1);
        assertThat(book.bestBid()).isEqualTo(L2Book.NO_PRICE);
    }

    @Test
    void truncatesToTheSubscribedDepthAfterEachMessage() {
        L2Book kraken = new L2Book("XBT/USD", 1, 8, 3);
        L2Update snapshot = new L2Update().clear("XBT/USD", 1, 8).snapshot(true);
        for (int i = 0; i < 3; i++) {
            snapshot.add(Side.ASK, 1000 + i, 1, 1, 0);
            snapshot.add(Side.BID, 900 - i, 1, 1, 0);
        }
        kraken.apply(snapshot);

        // a better ask pushes the worst one out without an explicit delete
        L2Update insert = new L2Update().clear("XBT/USD", 1, 8).add(Side.ASK, 999, 1, 5, 0);
        kraken.apply(insert);
        assertThat(kraken.depth(Side.ASK)).isEqualTo(3);
        assertThat(kraken.price(Side.ASK, 0)).isEqualTo(999);
        assertThat(kraken.price(Side.ASK, 2)).isEqualTo(1001);

        // within a message, levels are applied first and truncated last: the delete frees room for 1002
        L2Update both = new L2Update().clear("XBT/USD", 1, 8).add(Side.ASK, 1002, 1, 1, 0).add(Side.ASK, 999, 1, 0, 0);
        kraken.apply(both);
        assertThat(kraken.view(10).toString()).contains("asks=[100x0.00000001, 100.1x0.00000001, 100.2x0.00000001]");
    }

    @Test
    void detectsACrossedBook() {
        book.set(Side.BID, 100, 1);
        int changes = book.set(Side.ASK, 100, 1);
        assertThat(book.isCrossed()).isTrue();
        assertThat(changes & L2BookListener.CROSSED).isNotZero();
        assertThat(book.view(1).isCrossed()).isTrue();
        book.set(Side.ASK, 100, 0);
        assertThat(book.isCrossed()).isFalse();
    }

    @Test
    void keepsTheDecimalsTheExchangeWrote() {
        L2Book kraken = new L2Book("XBT/USD", 5, 8);
        update.clear("XBT/USD", 5, 8).add(Side.ASK, "0.05005", "0.00000500");
        kraken.apply(update);
        assertThat(kraken.priceDecimals(Side.ASK, 0)).isEqualTo(5);
        assertThat(kraken.sizeDecimals(Side.ASK, 0)).isEqualTo(8);
    }

    @Test
    void doesNotApplyARejectedUpdate() {
        message();
        assertThat(update.add(Side.BID, "100.00", "1")).isTrue();
        assertThat(update.add(Side.BID, "100.001", "1")).isFalse();
        assertThat(update.rejected()).isTrue();
        assertThat(update.rejection()).isEqualTo(DecimalResult.TOO_PRECISE);
        assertThat(book.apply(update)).isZero();
        assertThat(book.depth(Side.BID)).isZero();
    }

    @Test
    void listenerHearsWhichBestPriceMoved() {
        List<Integer> heard = new ArrayList<>();
        book.listener((b, changes) -> heard.add(changes));
        book.set(Side.BID, 100, 1);
        book.set(Side.BID, 99, 1); // below the best: levels only
        book.set(Side.BID, 100, 2); // size at the best
        book.set(Side.ASK, 101, 1);
        book.set(Side.ASK, 300, 0); // absent: no call

        assertThat(heard).containsExactly(
                L2BookListener.LEVELS | L2BookListener.BEST_BID_PRICE,
                L2BookListener.LEVELS,
                L2BookListener.LEVELS | L2BookListener.BEST_BID_SIZE,
                L2BookListener.LEVELS | L2BookListener.BEST_ASK_PRICE);
    }

    @Test
    void viewIsAnImmutableCopyOfTheTop() {
        for (int i = 1; i <= 10; i++) {
            book.set(Side.BID, 100 - i, i);
            book.set(Side.ASK, 100 + i, i);
        }
        BookView view = book.view(3);
        book.clear();

        assertThat(view.depth(Side.BID)).isEqualTo(3);
        assertThat(view.price(Side.BID, 0)).isEqualTo(99);
        assertThat(view.price(Side.BID, 2)).isEqualTo(97);
        assertThat(view.size(Side.ASK, 2)).isEqualTo(3);
        assertThat(view.bestAsk()).isEqualTo(101);
        assertThat(view.priceDecimal(Side.ASK, 0)).isEqualByComparingTo("1.01");
        assertThat(book.view(3).depth(Side.BID)).isZero();
    }

    @Test
    void growsBeyondItsInitialCapacity() {
        for (int i = 0; i < 5000; i++) {
            book.set(Side.ASK, 100_000 - i * 7L % 5000 * 3, 1);
        }
        assertThat(book.depth(Side.ASK)).isEqualTo(5000);
        for (int level = 1; level < 5000; level++) {
            assertThat(book.price(Side.ASK, level)).isGreaterThan(book.price(Side.ASK, level - 1));
        }
    }
}
