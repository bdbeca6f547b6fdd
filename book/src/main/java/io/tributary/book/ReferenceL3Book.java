package io.tributary.book;

import io.tributary.model.Side;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A slow, obviously correct L3 book, the oracle for {@link L3Book}: per side a sorted map from price to an
 * insertion-ordered map of order id to size (the FIFO queue), plus an id index. Same semantics and return values
 * as {@link L3Book}.
 */
public final class ReferenceL3Book {

    private record Placement(Side side, BigDecimal price) {
    }

    private final NavigableMap<BigDecimal, LinkedHashMap<Long, BigDecimal>> bids =
            new TreeMap<>(Comparator.reverseOrder());
    private final NavigableMap<BigDecimal, LinkedHashMap<Long, BigDecimal>> asks = new TreeMap<>();
    private final Map<Long, Placement> index = new HashMap<>();
    private long unknownOrders;

    public boolean add(long orderId, Side side, BigDecimal price, BigDecimal size) {
        if (index.containsKey(orderId)) {
            unknownOrders++;
            return false;
        }
        side(side).computeIfAbsent(price, p -> new LinkedHashMap<>()).put(orderId, size);
        index.put(orderId, new Placement(side, price));
        return true;
    }

    public void put(long orderId, Side side, BigDecimal price, BigDecimal size) {
        Placement placement = index.get(orderId);
        if (placement != null && placement.side() == side && placement.price().compareTo(price) == 0) {
            queue(placement).put(orderId, size); // keeps the queue position
            return;
        }
        if (placement != null) {
            delete(orderId);
        }
        add(orderId, side, price, size);
    }

    public boolean change(long orderId, BigDecimal newSize) {
        Placement placement = index.get(orderId);
        if (placement == null || newSize.signum() < 0) {
            unknownOrders++;
            return false;
        }
        if (newSize.signum() == 0) {
            return delete(orderId);
        }
        queue(placement).put(orderId, newSize);
        return true;
    }

    public boolean execute(long orderId, BigDecimal executed) {
        Placement placement = index.get(orderId);
        if (placement == null || executed.signum() <= 0 || executed.compareTo(queue(placement).get(orderId)) > 0) {
            unknownOrders++;
            return false;
        }
        return change(orderId, queue(placement).get(orderId).subtract(executed));
    }

    public boolean delete(long orderId) {
        Placement placement = index.remove(orderId);
        if (placement == null) {
            unknownOrders++;
            return false;
        }
        LinkedHashMap<Long, BigDecimal> queue = queue(placement);
        queue.remove(orderId);
        if (queue.isEmpty()) {
            side(placement.side()).remove(placement.price());
        }
        return true;
    }

    public void clear() {
        bids.clear();
        asks.clear();
        index.clear();
    }

    public long unknownOrders() {
        return unknownOrders;
    }

    public int orderCount() {
        return index.size();
    }

    /** @return aggregated levels of a side, best first: (price, total size) */
    public List<Map.Entry<BigDecimal, BigDecimal>> levels(Side side) {
        List<Map.Entry<BigDecimal, BigDecimal>> levels = new ArrayList<>();
        for (Map.Entry<BigDecimal, LinkedHashMap<Long, BigDecimal>> level : side(side).entrySet()) {
            BigDecimal total = level.getValue().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            levels.add(Map.entry(level.getKey(), total));
        }
        return levels;
    }

    /** @return order ids at a price in queue order (empty if none) */
    public List<Long> queue(Side side, BigDecimal price) {
        LinkedHashMap<Long, BigDecimal> queue = side(side).get(price);
        return queue == null ? List.of() : new ArrayList<>(queue.keySet());
    }

    private LinkedHashMap<Long, BigDecimal> queue(Placement placement) {
        return side(placement.side()).get(placement.price());
    }

    private NavigableMap<BigDecimal, LinkedHashMap<Long, BigDecimal>> side(Side side) {
        return side == Side.BID ? bids : asks;
    }
}
