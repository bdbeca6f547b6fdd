package io.tributary.book;

import io.tributary.model.Decimals;
import io.tributary.model.Side;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A slow, obviously correct L2 book (sorted maps of {@link BigDecimal}), the oracle that {@link L2Book} is checked
 * against in property tests and replays. Same semantics: a snapshot clears, size zero deletes, each side is
 * truncated to the maximum depth after each message; values keep the decimals the exchange wrote.
 */
public final class ReferenceL2Book {

    private final int maxDepth;
    private final NavigableMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
    private final NavigableMap<BigDecimal, BigDecimal> asks = new TreeMap<>();

    /** @param maxDepth levels kept per side, 0 for all */
    public ReferenceL2Book(int maxDepth) {
        this.maxDepth = maxDepth;
    }

    /** Applies one message, unless it was rejected. */
    public void apply(L2Update update) {
        if (update.rejected()) {
            return;
        }
        if (update.isSnapshot()) {
            bids.clear();
            asks.clear();
        }
        for (int i = 0; i < update.size(); i++) {
            BigDecimal price = Decimals.toBigDecimal(update.price(i), update.priceScale(), update.priceDecimals(i));
            BigDecimal size = Decimals.toBigDecimal(update.size(i), update.sizeScale(), update.sizeDecimals(i));
            NavigableMap<BigDecimal, BigDecimal> side = side(update.side(i));
            side.remove(price);
            if (size.signum() != 0) {
                side.put(price, size);
            }
        }
        if (maxDepth > 0) {
            while (bids.size() > maxDepth) {
                bids.pollLastEntry();
            }
            while (asks.size() > maxDepth) {
                asks.pollLastEntry();
            }
        }
    }

    public void clear() {
        bids.clear();
        asks.clear();
    }

    public int depth(Side side) {
        return side(side).size();
    }

    /** @return the levels of a side, best first, as (price, size) with the decimals as written */
    public List<Map.Entry<BigDecimal, BigDecimal>> levels(Side side) {
        return new ArrayList<>(side(side).entrySet());
    }

    /** @return true if both sides have levels and the best bid is not below the best ask */
    public boolean isCrossed() {
        return !bids.isEmpty() && !asks.isEmpty() && bids.firstKey().compareTo(asks.firstKey()) >= 0;
    }

    private NavigableMap<BigDecimal, BigDecimal> side(Side side) {
        return side == Side.BID ? bids : asks;
    }
}
