package io.tributary.simulator.binance;

import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;

/** One side of a generated book: price → quantity (both 8-decimal fixed point), best price first. */
final class OrderBookSide {
    private final TreeMap<Long, Long> levels;

    OrderBookSide(boolean bids) {
        levels = new TreeMap<>(bids ? Comparator.<Long>reverseOrder() : Comparator.<Long>naturalOrder());
    }

    OrderBookSide(OrderBookSide copy) {
        levels = new TreeMap<>(copy.levels);
    }

    /** Binance semantics: a quantity is absolute, zero deletes the level. */
    void set(long priceE8, long quantityE8) {
        if (quantityE8 == 0) {
            levels.remove(priceE8);
        } else {
            levels.put(priceE8, quantityE8);
        }
    }

    boolean has(long priceE8) {
        return levels.containsKey(priceE8);
    }

    /** The best level, or null when empty. */
    Map.Entry<Long, Long> best() {
        return levels.firstEntry();
    }

    Iterable<Map.Entry<Long, Long>> bestFirst() {
        return levels.entrySet();
    }

    /** {@code [["price","qty"],...]}, at most {@code limit} levels, best first. */
    void appendJson(StringBuilder out, int limit) {
        out.append('[');
        int n = 0;
        for (Map.Entry<Long, Long> level : levels.entrySet()) {
            if (n++ == limit) {
                break;
            }
            if (n > 1) {
                out.append(',');
            }
            appendLevel(out, level.getKey(), level.getValue());
        }
        out.append(']');
    }

    static void appendLevel(StringBuilder out, long priceE8, long quantityE8) {
        out.append("[\"");
        Decimals.appendTo(out, priceE8);
        out.append("\",\"");
        Decimals.appendTo(out, quantityE8);
        out.append("\"]");
    }
}
