package io.tributary.simulator.gemini;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;

/**
 * One symbol's generated market: price levels as integer ticks (price decimals 2, size decimals 6, so the wire text
 * is exact), an increasing event id shared by trades, and the last 50 trades. Not thread-safe: the twin locks.
 */
final class GeminiMarket {

    private static final int RECENT_TRADES = 50;
    private static final int LEVELS_PER_SIDE = 20;

    final String symbol;
    private final Random random;
    private final NavigableMap<Long, Long> bids = new TreeMap<>(); // price ticks -> size units
    private final NavigableMap<Long, Long> asks = new TreeMap<>();
    private final Deque<String> recentTrades = new ArrayDeque<>();
    private long eventId;

    GeminiMarket(String symbol, long midTicks, long seed) {
        this.symbol = symbol;
        this.random = new Random(seed);
        this.eventId = 1_000_000L + seed % 1000;
        for (int i = 1; i <= LEVELS_PER_SIDE; i++) {
            bids.put(midTicks - i, size());
            asks.put(midTicks + i, size());
        }
    }

    /** The full-book message with the last trades (newest first, as most of Gemini's recordings have them). */
    String fullBook() {
        StringBuilder out = new StringBuilder(64 + 40 * (bids.size() + asks.size()))
                .append("{\"type\":\"l2_updates\",\"symbol\":\"").append(symbol).append("\",\"changes\":[");
        boolean first = true;
        for (Map.Entry<Long, Long> level : bids.descendingMap().entrySet()) {
            first = change(out, first, "buy", level.getKey(), level.getValue());
        }
        for (Map.Entry<Long, Long> level : asks.entrySet()) {
            first = change(out, first, "sell", level.getKey(), level.getValue());
        }
        out.append("],\"trades\":[");
        Iterator<String> newestFirst = recentTrades.descendingIterator();
        while (newestFirst.hasNext()) {
            out.append(newestFirst.next()).append(newestFirst.hasNext() ? "," : "");
        }
        return out.append("],\"auction_events\":[]}").toString();
    }

    /**
     * One market step: a trade at the best bid or ask (taking some of it), then a change of a random level.
     *
     * @param timestampMs the exchange time written into the trade
     * @return the trade message then the {@code l2_updates} message
     */
    String[] step(long timestampMs) {
        boolean buy = random.nextBoolean();
        NavigableMap<Long, Long> side = buy ? asks : bids;
        long price = buy ? asks.firstKey() : bids.lastKey();
        long available = side.get(price);
        long taken = Math.max(1, available / (2 + random.nextInt(4)));
        String trade = trade(price, taken, buy, timestampMs);
        long left = available - taken;
        setLevel(side, price, left);
        refill();
        StringBuilder changes = new StringBuilder(160);
        change(changes, true, buy ? "sell" : "buy", price, left);
        boolean bidSide = random.nextBoolean();
        NavigableMap<Long, Long> other = bidSide ? bids : asks;
        long at = bidSide ? bids.lastKey() - random.nextInt(LEVELS_PER_SIDE) : asks.firstKey() + random.nextInt(
                LEVELS_PER_SIDE);
        long size = random.nextInt(5) == 0 ? 0 : size();
        setLevel(other, at, size);
        change(changes, false, bidSide ? "buy" : "sell", at, size);
        refill();
        return new String[] {trade, l2(changes)};
    }

    /**
     * The market moves up a tick past its best ask: the best ask is taken off and a bid placed at its price. Only the
     * bid's message is returned; the deletion is the diff a client misses, after which its book is crossed.
     */
    String stepLosingDiff() {
        long bestAsk = asks.firstKey();
        asks.remove(bestAsk);
        long size = size();
        bids.put(bestAsk, size);
        refill();
        StringBuilder changes = new StringBuilder(64);
        change(changes, true, "buy", bestAsk, size);
        return l2(changes);
    }

    private void refill() {
        if (asks.isEmpty()) {
            asks.put(bids.lastKey() + 1, size());
        }
        if (bids.isEmpty()) {
            bids.put(asks.firstKey() - 1, size());
        }
    }

    private static void setLevel(NavigableMap<Long, Long> side, long price, long size) {
        if (size == 0) {
            side.remove(price);
        } else {
            side.put(price, size);
        }
    }

    private String trade(long price, long size, boolean buy, long timestampMs) {
        eventId += 1 + random.nextInt(3);
        String trade = "{\"type\":\"trade\",\"symbol\":\"" + symbol + "\",\"event_id\":" + eventId + ",\"timestamp\":"
                + timestampMs + ",\"price\":\"" + ticks(price, 2) + "\",\"quantity\":\"" + ticks(size, 6)
                + "\",\"side\":\"" + (buy ? "buy" : "sell") + "\"}";
        recentTrades.addLast(trade);
        if (recentTrades.size() > RECENT_TRADES) {
            recentTrades.removeFirst();
        }
        return trade;
    }

    private String l2(StringBuilder changes) {
        return "{\"type\":\"l2_updates\",\"symbol\":\"" + symbol + "\",\"changes\":[" + changes + "]}";
    }

    private static boolean change(StringBuilder out, boolean first, String side, long price, long size) {
        out.append(first ? "" : ",").append("[\"").append(side).append("\",\"").append(ticks(price, 2))
                .append("\",\"").append(ticks(size, 6)).append("\"]");
        return false;
    }

    private long size() {
        return 1 + random.nextInt(5_000_000);
    }

    /** Exact decimal text of {@code value} with {@code decimals} implied decimals. */
    static String ticks(long value, int decimals) {
        return java.math.BigDecimal.valueOf(value, decimals).toPlainString();
    }

    /** @return best bid price text, for tests that compare against the client's book */
    String bestBid() {
        return ticks(bids.lastKey(), 2);
    }

    String bestAsk() {
        return ticks(asks.firstKey(), 2);
    }

    int depth() {
        return bids.size() + asks.size();
    }
}
