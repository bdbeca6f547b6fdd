package io.tributary.cli;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import io.tributary.book.BookView;
import io.tributary.book.L2Update;
import io.tributary.book.L3Book;
import io.tributary.model.Decimals;
import io.tributary.model.Side;
import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The end of a live-path benchmark: the connector's book against the twin's own, exactly (decimals compared by value,
 * whatever the scales). Each method returns an empty string when the books are equal, else the first difference.
 */
final class BookCheck {

    /** For {@link #compare}: no update id to compare. */
    static final long NO_ID = Long.MIN_VALUE;

    private BookCheck() {
    }

    /** A twin's L2 book (price to size, per side) from a decoded snapshot. */
    static Map<Side, Map<BigDecimal, BigDecimal>> levels(L2Update snapshot) {
        Map<Side, Map<BigDecimal, BigDecimal>> levels = emptyBook();
        for (int i = 0; i < snapshot.size(); i++) {
            levels.get(snapshot.side(i)).put(Decimals.toBigDecimal(snapshot.price(i), snapshot.priceScale()),
                    Decimals.toBigDecimal(snapshot.size(i), snapshot.sizeScale()));
        }
        return levels;
    }

    static Map<Side, Map<BigDecimal, BigDecimal>> emptyBook() {
        Map<Side, Map<BigDecimal, BigDecimal>> levels = new EnumMap<>(Side.class);
        for (Side side : Side.values()) {
            levels.put(side, new TreeMap<>());
        }
        return levels;
    }

    /** The connector's L2 book against {@code expected} level by level, and its update id unless {@link #NO_ID}. */
    static String compare(Optional<BookView> connectorBook, Map<Side, Map<BigDecimal, BigDecimal>> expected,
                          long expectedUpdateId) {
        if (connectorBook.isEmpty()) {
            return "the connector's book is not in sync";
        }
        BookView book = connectorBook.get();
        for (Side side : Side.values()) {
            Map<BigDecimal, BigDecimal> want = stripped(expected.get(side));
            Map<BigDecimal, BigDecimal> got = new TreeMap<>();
            for (int i = 0; i < book.depth(side); i++) {
                got.put(book.priceDecimal(side, i).stripTrailingZeros(), book.sizeDecimal(side, i).stripTrailingZeros());
            }
            if (!want.equals(got)) {
                return side + ": twin has " + want.size() + " levels, connector " + got.size()
                        + (want.size() == got.size() ? " with different prices or sizes" : "");
            }
        }
        return expectedUpdateId == NO_ID || book.updateId() == expectedUpdateId ? ""
                : "update id " + book.updateId() + ", twin's " + expectedUpdateId;
    }

    /**
     * The connector's order-by-order book against a Bitstamp {@code detail_order_book} ({@code [price, amount, id]}
     * per order, top 100 a side): every snapshot order in the book with its side, price and amount, and, where the
     * snapshot holds the whole side (fewer than 100), no other order in the book.
     */
    static String compareOrders(Optional<L3Book> connectorBook, String detailOrderBook) {
        if (connectorBook.isEmpty()) {
            return "the connector's order book is not seeded";
        }
        L3Book book = connectorBook.get();
        JSONObject detail = JSON.parseObject(detailOrderBook);
        for (Side side : Side.values()) {
            JSONArray orders = detail.getJSONArray(side == Side.BID ? "bids" : "asks");
            for (int i = 0; i < orders.size(); i++) {
                JSONArray order = orders.getJSONArray(i);
                long id = Long.parseLong(order.getString(2));
                if (!book.contains(id) || book.orderSide(id) != side
                        || Decimals.toBigDecimal(book.orderPrice(id), book.priceScale())
                        .compareTo(new BigDecimal(order.getString(0))) != 0
                        || Decimals.toBigDecimal(book.orderSize(id), book.sizeScale())
                        .compareTo(new BigDecimal(order.getString(1))) != 0) {
                    return side + ": order " + id + " " + order + " is " + (book.contains(id)
                            ? book.orderSide(id) + " " + Decimals.toPlainString(book.orderPrice(id), book.priceScale())
                            + " " + Decimals.toPlainString(book.orderSize(id), book.sizeScale()) + " in the connector's book"
                            : "not in the connector's book");
                }
            }
            int inBook = 0;
            for (int level = 0; level < book.depth(side); level++) {
                inBook += book.orderCount(side, level);
            }
            if (orders.size() < 100 && inBook != orders.size()) {
                return side + ": twin has " + orders.size() + " orders, connector " + inBook;
            }
        }
        return "";
    }

    /** The L2 book a {@code detail_order_book} adds up to: the orders' amounts summed per side and price. */
    static Map<Side, Map<BigDecimal, BigDecimal>> levels(String detailOrderBook) {
        Map<Side, Map<BigDecimal, BigDecimal>> levels = emptyBook();
        JSONObject detail = JSON.parseObject(detailOrderBook);
        for (Side side : Side.values()) {
            JSONArray orders = detail.getJSONArray(side == Side.BID ? "bids" : "asks");
            for (int i = 0; i < orders.size(); i++) {
                JSONArray order = orders.getJSONArray(i);
                levels.get(side).merge(new BigDecimal(order.getString(0)), new BigDecimal(order.getString(1)),
                        BigDecimal::add);
            }
        }
        return levels;
    }

    private static Map<BigDecimal, BigDecimal> stripped(Map<BigDecimal, BigDecimal> levels) {
        Map<BigDecimal, BigDecimal> out = new TreeMap<>();
        levels.forEach((price, size) -> out.put(price.stripTrailingZeros(), size.stripTrailingZeros()));
        return out;
    }
}
