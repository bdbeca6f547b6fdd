package io.tributary.exchange.huobi;

import java.util.HashSet;
import java.util.Set;

/**
 * The last {@code capacity} trade ids of one symbol: the first trade after a (re)subscription may be one already
 * delivered before the disconnect (exchange-protocols.md §4.8), so ids are remembered across reconnects. Ids are
 * compared as text (the swap {@code id} does not fit a {@code long}). Single-threaded.
 */
final class RecentTradeIds {

    private final String[] ring;
    private final Set<String> ids;
    private int next;

    RecentTradeIds(int capacity) {
        this.ring = new String[capacity];
        this.ids = new HashSet<>(capacity * 2);
    }

    /** @return true if {@code id} is new (and now remembered), false for a duplicate */
    boolean add(String id) {
        if (!ids.add(id)) {
            return false;
        }
        String evicted = ring[next];
        if (evicted != null) {
            ids.remove(evicted);
        }
        ring[next] = id;
        next = (next + 1) % ring.length;
        return true;
    }
}
