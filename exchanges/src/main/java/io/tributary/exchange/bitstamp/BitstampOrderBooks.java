package io.tributary.exchange.bitstamp;

import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import io.tributary.book.L2Update;
import io.tributary.book.L3Book;
import io.tributary.exchange.Scales;
import io.tributary.exchange.bitstamp.BitstampDecoder.Action;
import io.tributary.exchange.bitstamp.BitstampDecoder.OrderChange;
import io.tributary.model.Side;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The order-by-order books of {@code live_orders} (exchange-protocols.md §5.6), seeded and checked from
 * {@code detail_order_book} snapshots (top 100 orders per side, {@code [price, amount, id]}). Events wait until
 * their symbol's first snapshot; those not newer than it are dropped. Every later snapshot is compared with the book
 * if the book has applied nothing newer (frames of one socket arrive in order): each snapshot order must be in the
 * book with its side, price and amount, and the book must hold no other order better than the snapshot's worst on
 * that side. A mismatch is counted and the book reseeded from that snapshot. The aggregated view of an
 * {@link L3Book} is the symbol's L2 book. Single writer thread; counters readable from any thread.
 */
final class BitstampOrderBooks {

    /** Events kept per symbol while it waits for its first snapshot; more are dropped and counted. */
    static final int MAX_PENDING = 100_000;

    private final Scales scales;
    private final BitstampDecoder decoder;
    private final OrderChangedAmount changedAmount;
    private final Map<String, OrderBook> books = new HashMap<>();
    final AtomicLong events = new AtomicLong();
    final AtomicLong stale = new AtomicLong();
    final AtomicLong unknownDeletes = new AtomicLong();
    final AtomicLong unknownChanges = new AtomicLong();
    final AtomicLong pendingDropped = new AtomicLong();
    final AtomicLong checked = new AtomicLong();
    final AtomicLong mismatches = new AtomicLong();
    final AtomicLong rejected = new AtomicLong();

    BitstampOrderBooks(Scales scales, OrderChangedAmount changedAmount) {
        this.scales = scales;
        this.changedAmount = changedAmount;
        this.decoder = new BitstampDecoder(scales);
    }

    /**
     * A {@code live_orders} event.
     *
     * @return the decoded change (an {@code order_changed} with the order's remaining amount), or null if rejected
     *         or its remaining amount cannot be known
     */
    OrderChange onOrder(String symbol, String event, JSONObject data) {
        OrderChange change = decoder.order(symbol, event, data);
        if (change == null) {
            rejected.incrementAndGet();
            return null;
        }
        events.incrementAndGet();
        OrderBook book = bookFor(symbol);
        if (!book.seeded) {
            if (book.pending.size() < MAX_PENDING) {
                book.pending.add(change);
            } else {
                pendingDropped.incrementAndGet();
            }
            return change;
        }
        return book.apply(change);
    }

    /** A {@code detail_order_book} snapshot: seeds the book, or checks it (and reseeds on a mismatch). */
    void onDetail(String symbol, JSONObject data) {
        long micros = BitstampDecoder.micros(data);
        List<long[]> bids = entries(symbol, data == null ? null : data.getJSONArray("bids"));
        List<long[]> asks = entries(symbol, data == null ? null : data.getJSONArray("asks"));
        if (micros == L2Update.NONE || bids == null || asks == null) {
            rejected.incrementAndGet();
            return;
        }
        OrderBook book = bookFor(symbol);
        if (book.seeded) {
            if (book.lastMicros > micros) {
                return; // the book is already past it: not comparable
            }
            checked.incrementAndGet();
            if (book.matches(Side.BID, bids) && book.matches(Side.ASK, asks)) {
                return;
            }
            mismatches.incrementAndGet();
        }
        book.seed(micros, bids, asks);
    }

    /** @return {@code [price, amount, id]} scaled, or null if malformed or a value does not fit */
    private List<long[]> entries(String symbol, JSONArray side) {
        if (side == null) {
            return null;
        }
        List<long[]> out = new ArrayList<>(side.size());
        for (int i = 0; i < side.size(); i++) {
            if (!(side.get(i) instanceof JSONArray entry) || entry.size() < 3) {
                return null;
            }
            long price = decoder.scaled(entry.getString(0), scales.priceScale(symbol));
            long amount = decoder.scaled(entry.getString(1), scales.sizeScale(symbol));
            long id;
            try {
                id = Long.parseLong(entry.getString(2));
            } catch (NumberFormatException e) {
                return null;
            }
            if (price == L2Update.NONE || amount == L2Update.NONE) {
                return null;
            }
            out.add(new long[] {price, amount, id});
        }
        return out;
    }

    /** Forgets every book (events were lost): each waits for its next {@code detail_order_book} to be seeded again. */
    void unseedAll() {
        for (OrderBook book : books.values()) {
            book.seeded = false;
            book.pending.clear();
            book.lastMicros = L2Update.NONE;
        }
    }

    /** @return the symbol's order book if seeded, else null */
    L3Book book(String symbol) {
        OrderBook book = books.get(symbol);
        return book != null && book.seeded ? book.l3 : null;
    }

    Collection<String> symbols() {
        return books.keySet();
    }

    private OrderBook bookFor(String symbol) {
        return books.computeIfAbsent(symbol,
                s -> new OrderBook(new L3Book(s, scales.priceScale(s), scales.sizeScale(s))));
    }

    private final class OrderBook {
        final L3Book l3;
        final List<OrderChange> pending = new ArrayList<>();
        volatile boolean seeded;
        long lastMicros = L2Update.NONE;

        OrderBook(L3Book l3) {
            this.l3 = l3;
        }

        void seed(long micros, List<long[]> bids, List<long[]> asks) {
            l3.beginBatch();
            try {
                l3.clear();
                for (long[] e : bids) {
                    l3.put(e[2], Side.BID, e[0], e[1]);
                }
                for (long[] e : asks) {
                    l3.put(e[2], Side.ASK, e[0], e[1]);
                }
            } finally {
                l3.endBatch();
            }
            lastMicros = micros;
            seeded = true;
            pending.forEach(this::apply);
            pending.clear();
        }

        /** @return the change as applied (an {@code order_changed} carrying the remaining amount), or null */
        OrderChange apply(OrderChange change) {
            // several events may share a microtimestamp, so only an older one is stale
            if (change.microtimestamp() < lastMicros) {
                stale.incrementAndGet();
                return change;
            }
            lastMicros = Math.max(lastMicros, change.microtimestamp());
            OrderChange applied = change.action() == Action.CHANGED ? remaining(change) : change;
            if (applied == null) {
                unknownChanges.incrementAndGet(); // traded from an order beyond the snapshot's top 100
                return null;
            }
            switch (applied.action()) {
                // 0 left means the order is gone
                case CREATED, CHANGED -> {
                    if (applied.amount() <= 0) {
                        remove(applied.orderId());
                    } else {
                        l3.put(applied.orderId(), applied.side(), applied.price(), applied.amount());
                    }
                }
                case DELETED -> remove(applied.orderId());
            }
            return applied;
        }

        /** @return an {@code order_changed} with the order's remaining amount, or null if that cannot be known */
        private OrderChange remaining(OrderChange change) {
            if (changedAmount == OrderChangedAmount.REMAINING) {
                return change;
            }
            if (!l3.contains(change.orderId())) {
                return null;
            }
            return new OrderChange(Action.CHANGED, change.orderId(), change.side(), change.price(),
                    l3.orderSize(change.orderId()) - change.amount(), change.microtimestamp());
        }

        private void remove(long orderId) {
            if (l3.contains(orderId)) {
                l3.delete(orderId);
            } else {
                unknownDeletes.incrementAndGet(); // an order beyond the snapshot's top 100, or a repeat
            }
        }

        boolean matches(Side side, List<long[]> snapshot) {
            long worst = L2Update.NONE;
            for (long[] e : snapshot) {
                if (l3.orderSide(e[2]) != side || l3.orderPrice(e[2]) != e[0] || l3.orderSize(e[2]) != e[1]) {
                    return false;
                }
                worst = e[0];
            }
            if (worst == L2Update.NONE) {
                return l3.depth(side) == 0;
            }
            int better = 0;
            for (long[] e : snapshot) {
                if (e[0] != worst) {
                    better++;
                }
            }
            int inBook = 0;
            for (int level = 0; level < l3.depth(side) && l3.price(side, level) != worst; level++) {
                inBook += l3.orderCount(side, level);
            }
            return inBook == better;
        }
    }
}
