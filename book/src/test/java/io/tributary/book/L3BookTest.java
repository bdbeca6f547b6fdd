package io.tributary.book;

import io.tributary.model.Side;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class L3BookTest {

    private final L3Book book = new L3Book("tBTCUSD", 1, 8);
    private final long[] ids = new long[8];
    private final long[] sizes = new long[8];

    @Test
    void queuesOrdersFirstInFirstOutPerPriceAndAggregates() {
        book.add(1, Side.BID, 1000, 5);
        book.add(2, Side.BID, 1000, 7);
        book.add(3, Side.BID, 999, 1);
        book.add(4, Side.ASK, 1001, 2);

        assertThat(book.depth(Side.BID)).isEqualTo(2);
        assertThat(book.size(Side.BID, 0)).isEqualTo(12);
        assertThat(book.orderCount(Side.BID, 0)).isEqualTo(2);
        assertThat(book.orders(Side.BID, 0, ids, sizes)).isEqualTo(2);
        assertThat(ids).startsWith(1, 2);
        assertThat(book.bestAsk()).isEqualTo(1001);
        assertThat(book.view(5).toString()).contains("bids=[100x0.00000012, 99.9x0.00000001]");
    }

    @Test
    void executeReducesAndRemovesAFilledOrder() {
        book.add(1, Side.ASK, 1001, 5);
        book.add(2, Side.ASK, 1001, 3);
        assertThat(book.execute(1, 2)).isTrue();
        assertThat(book.size(Side.ASK, 0)).isEqualTo(6);
        assertThat(book.execute(1, 3)).isTrue();
        assertThat(book.contains(1)).isFalse();
        assertThat(book.orders(Side.ASK, 0, ids, sizes)).isEqualTo(1);
        assertThat(ids[0]).isEqualTo(2);
        assertThat(book.isOutOfSync()).isFalse();
    }

    @Test
    void changeKeepsQueuePositionAndPutMovesOnPriceChange() {
        book.add(1, Side.BID, 1000, 5);
        book.add(2, Side.BID, 1000, 5);
        book.change(1, 9);
        book.orders(Side.BID, 0, ids, sizes);
        assertThat(ids).startsWith(1, 2);
        assertThat(sizes).startsWith(9, 5);

        book.put(1, Side.BID, 1000, 4); // same price: stays first
        book.orders(Side.BID, 0, ids, sizes);
        assertThat(ids).startsWith(1, 2);

        book.put(2, Side.BID, 1002, 5); // new price: moves
        assertThat(book.bestBid()).isEqualTo(1002);
        assertThat(book.size(Side.BID, 1)).isEqualTo(4);
        assertThat(book.orderPrice(2)).isEqualTo(1002);
        assertThat(book.orderCount()).isEqualTo(2);
    }

    @Test
    void unknownOrderIdsAreCountedAndMarkTheBookOutOfSync() {
        book.add(1, Side.BID, 1000, 5);
        assertThat(book.delete(42)).isFalse();
        assertThat(book.change(43, 1)).isFalse();
        assertThat(book.execute(1, 6)).isFalse(); // more than the order has
        assertThat(book.add(1, Side.BID, 1000, 1)).isFalse(); // duplicate id
        assertThat(book.unknownOrders()).isEqualTo(4);
        assertThat(book.isOutOfSync()).isTrue();
        assertThat(book.orderSize(1)).isEqualTo(5); // nothing changed

        book.clear();
        assertThat(book.isOutOfSync()).isFalse();
        assertThat(book.orderCount()).isZero();
        assertThat(book.depth(Side.BID)).isZero();
        assertThat(book.unknownOrders()).isEqualTo(4);
    }

    @Test
    void batchIsPublishedAtOnce() {
        book.beginBatch();
        book.add(1, Side.BID, 1000, 5);
        book.add(2, Side.ASK, 1001, 5);
        book.endBatch();
        assertThat(book.view(1).bestBid()).isEqualTo(1000);
        assertThat(book.view(1).bestAsk()).isEqualTo(1001);
    }
}
