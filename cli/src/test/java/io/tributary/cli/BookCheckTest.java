package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.book.BookView;
import io.tributary.book.L2Book;
import io.tributary.book.L2Update;
import io.tributary.book.L3Book;
import io.tributary.model.Side;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The benchmarks' final book check finds a book that differs from the twin's, and only then. */
class BookCheckTest {

    @Test
    void anL2BookEqualToTheTwinsPassesWhateverTheScales() {
        Map<Side, Map<BigDecimal, BigDecimal>> twin = twinBook("2.50");

        assertThat(BookCheck.compare(connectorBook("2.5", 7), twin, 7)).isEmpty();
        assertThat(BookCheck.compare(connectorBook("2.5", 7), twin, BookCheck.NO_ID)).isEmpty();
    }

    @Test
    void aDeliberatelyBrokenL2BookIsReported() {
        Map<Side, Map<BigDecimal, BigDecimal>> twin = twinBook("2.50");

        assertThat(BookCheck.compare(connectorBook("2.51", 7), twin, 7)).contains("BID").contains("different");
        assertThat(BookCheck.compare(connectorBook("2.5", 6), twin, 7)).isEqualTo("update id 6, twin's 7");
        twin.get(Side.ASK).put(new BigDecimal("101.00"), BigDecimal.ONE);
        assertThat(BookCheck.compare(connectorBook("2.5", 7), twin, 7)).isEqualTo("ASK: twin has 2 levels, connector 1");
        assertThat(BookCheck.compare(Optional.empty(), twin, 7)).contains("not in sync");
    }

    @Test
    void anOrderBookEqualToTheDetailOrderBookPasses() {
        assertThat(BookCheck.compareOrders(Optional.of(orderBook(3)), detail("0.30000000"))).isEmpty();
    }

    @Test
    void aDetailOrderBookAddsUpToItsLevels() {
        L3Book book = orderBook(3);
        book.put(5, Side.BID, 9_999_000_000L, 5_000_000L); // a second order at 99.99
        String detail = "{\"bids\":[[\"99.99\",\"0.10000000\",\"1\"],[\"99.99\",\"0.05000000\",\"5\"],"
                + "[\"99.98\",\"0.20000000\",\"2\"]],\"asks\":[[\"100.01\",\"0.30000000\",\"3\"]]}";

        assertThat(BookCheck.compare(Optional.of(book.view(Integer.MAX_VALUE)), BookCheck.levels(detail),
                BookCheck.NO_ID)).isEmpty();
        book.delete(5);
        assertThat(BookCheck.compare(Optional.of(book.view(Integer.MAX_VALUE)), BookCheck.levels(detail),
                BookCheck.NO_ID)).contains("BID").contains("different");
    }

    @Test
    void aDeliberatelyBrokenOrderBookIsReported() {
        assertThat(BookCheck.compareOrders(Optional.of(orderBook(3)), detail("0.29000000")))
                .startsWith("ASK: order 3 ").contains("0.3");
        L3Book extraOrder = orderBook(3);
        extraOrder.put(4, Side.BID, 9_990_000_000L, 10_000_000L);
        assertThat(BookCheck.compareOrders(Optional.of(extraOrder), detail("0.30000000")))
                .isEqualTo("BID: twin has 2 orders, connector 3");
        L3Book missingOrder = orderBook(3);
        missingOrder.delete(2);
        assertThat(BookCheck.compareOrders(Optional.of(missingOrder), detail("0.30000000")))
                .contains("order 2").contains("not in the connector's book");
    }

    private static Map<Side, Map<BigDecimal, BigDecimal>> twinBook(String bidSize) {
        Map<Side, Map<BigDecimal, BigDecimal>> book = BookCheck.emptyBook();
        book.get(Side.BID).put(new BigDecimal("99.99"), new BigDecimal(bidSize));
        book.get(Side.ASK).put(new BigDecimal("100.00"), new BigDecimal("1.0000"));
        return book;
    }

    /** A real book at scales 8/8, the bid's size as given. */
    private static Optional<BookView> connectorBook(String bidSize, long updateId) {
        L2Book book = new L2Book("X", 8, 8);
        L2Update snapshot = new L2Update().clear("X", 8, 8).snapshot(true).lastUpdateId(updateId);
        snapshot.add(Side.BID, "99.99", bidSize);
        snapshot.add(Side.ASK, "100", "1");
        book.apply(snapshot);
        return Optional.of(book.view(Integer.MAX_VALUE));
    }

    /** Orders 1 and 2 bid, 3 ask (0.3), at scales 8/8. */
    private static L3Book orderBook(int askOrder) {
        L3Book book = new L3Book("btcusd", 8, 8);
        book.put(1, Side.BID, 9_999_000_000L, 10_000_000L);
        book.put(2, Side.BID, 9_998_000_000L, 20_000_000L);
        book.put(askOrder, Side.ASK, 10_001_000_000L, 30_000_000L);
        return book;
    }

    private static String detail(String askAmount) {
        return "{\"timestamp\":\"1\",\"microtimestamp\":\"1000000\",\"bids\":[[\"99.99\",\"0.10000000\",\"1\"],"
                + "[\"99.98\",\"0.20000000\",\"2\"]],\"asks\":[[\"100.01\",\"" + askAmount + "\",\"3\"]]}";
    }
}
