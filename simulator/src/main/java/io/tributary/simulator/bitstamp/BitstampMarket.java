package io.tributary.simulator.bitstamp;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * One market's generated order book, order by order: the twin's source of truth for {@code live_orders},
 * {@code diff_order_book}, {@code order_book}, {@code detail_order_book} and the REST snapshot. Prices are integer
 * ticks of 0.01 and amounts integer units of 1e-8, written as fixed-point text. Bids stay below the mid and asks above,
 * so the book never crosses. Not thread-safe: the twin serialises access.
 */
final class BitstampMarket {

    /** One generated change: the order event and the level it moved, each as Bitstamp writes them. */
    record Change(String orderEvent, String orderJson, boolean bid, long price) {
    }

    record Order(long id, boolean bid, long price, long amount) {
    }

    private static final int MAX_ORDERS_PER_SIDE = 80;

    final String symbol;
    private final Random random;
    private final long midTicks;
    private final Map<Long, Order> orders = new LinkedHashMap<>();
    private long nextOrderId;

    BitstampMarket(String symbol, long seed, long midTicks) {
        this.symbol = symbol;
        this.random = new Random(seed);
        this.midTicks = midTicks;
        this.nextOrderId = 1_400_000_000_000_000L + (seed & 0xffff) * 1_000_000L;
    }

    /**
     * Makes one order event: a create, a partial fill/amend or a delete. An {@code order_changed} carries the order's
     * remaining amount, or with {@code changedCarriesTraded} the amount that left it (the sources disagree on which
     * Bitstamp sends: docs/protocols/bitstamp.md).
     */
    Change step(boolean changedCarriesTraded) {
        int roll = random.nextInt(100);
        List<Order> live = new ArrayList<>(orders.values());
        boolean bid = random.nextBoolean();
        long sideCount = live.stream().filter(o -> o.bid() == bid).count();
        if (live.isEmpty() || (roll < 50 && sideCount < MAX_ORDERS_PER_SIDE)) {
            long price = bid ? midTicks - 1 - random.nextInt(20) : midTicks + 1 + random.nextInt(20);
            Order order = new Order(nextOrderId++, bid, price, 1 + random.nextInt(500_000_000));
            orders.put(order.id(), order);
            return change("order_created", order);
        }
        Order order = live.get(random.nextInt(live.size()));
        if (roll < 75 && order.amount() > 1) {
            Order changed = new Order(order.id(), order.bid(), order.price(), 1 + random.nextLong(order.amount() - 1));
            orders.put(order.id(), changed);
            return change("order_changed", changedCarriesTraded
                    ? new Order(order.id(), order.bid(), order.price(), order.amount() - changed.amount())
                    : changed);
        }
        orders.remove(order.id());
        return change("order_deleted", order);
    }

    private Change change(String event, Order order) {
        return new Change(event, "{\"id\":" + order.id() + ",\"id_str\":\"" + order.id() + "\",\"order_type\":"
                + (order.bid() ? 0 : 1) + ",\"price\":" + price(order.price()) + ",\"price_str\":\""
                + price(order.price()) + "\",\"amount\":" + amount(order.amount()) + ",\"amount_str\":\""
                + amount(order.amount()) + "\"", order.bid(), order.price());
    }

    /** @return the level's total amount now (0 if empty) */
    long levelAmount(boolean bid, long price) {
        return orders.values().stream().filter(o -> o.bid() == bid && o.price() == price)
                .mapToLong(Order::amount).sum();
    }

    /** @return the aggregated levels of one side, best first, at most {@code depth} */
    List<long[]> levels(boolean bid, int depth) {
        TreeMap<Long, Long> levels = new TreeMap<>(bid ? Comparator.<Long>reverseOrder() : Comparator.<Long>naturalOrder());
        orders.values().stream().filter(o -> o.bid() == bid).forEach(o -> levels.merge(o.price(), o.amount(), Long::sum));
        List<long[]> out = new ArrayList<>();
        levels.forEach((price, amount) -> {
            if (out.size() < depth) {
                out.add(new long[] {price, amount});
            }
        });
        return out;
    }

    /** @return the orders of one side in price-time priority, at most {@code depth} */
    List<Order> orders(boolean bid, int depth) {
        Comparator<Order> byPrice = Comparator.comparingLong(Order::price);
        return orders.values().stream().filter(o -> o.bid() == bid)
                .sorted((bid ? byPrice.reversed() : byPrice).thenComparingLong(Order::id))
                .limit(depth).toList();
    }

    long midTicks() {
        return midTicks;
    }

    static String price(long ticks) {
        return fixed(ticks, 2);
    }

    static String amount(long units) {
        return fixed(units, 8);
    }

    private static String fixed(long value, int decimals) {
        StringBuilder text = new StringBuilder(Long.toString(value));
        while (text.length() <= decimals) {
            text.insert(0, '0');
        }
        return text.insert(text.length() - decimals, '.').toString();
    }
}
