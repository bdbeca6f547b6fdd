package io.tributary.simulator.gemini;

import java.math.BigDecimal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;

/**
 * One symbol's generated market: price levels as integer ticks (price decimals 2, size decimals 6, so the wire text
 * is exact), an increasing event id shared by trades and changes, and the last 50 trades. A step is kept as
 * {@link Step} and written in either wire format: v2 ({@code trade} + {@code l2_updates}) or v1 ({@code update}
 * messages of {@code trade} and {@code change} events). Not thread-safe: the twin locks.
 */
final class GeminiMarket {

    private static final int RECENT_TRADES = 50;
    private static final int LEVELS_PER_SIDE = 20;

    /** A level's new size; {@code delta} is the signed change, {@code reason} v1's place/trade/cancel/initial. */
    record Change(boolean bid, long priceTicks, long sizeUnits, long deltaUnits, String reason) {
    }

    /** One trade; {@code buy} means the taker bought (took the ask). */
    record Trade(long eventId, long priceTicks, long sizeUnits, boolean buy, long timestampMs) {
    }

    /**
     * What one market move did: an optional trade with the change it made to its level, then other changes, each
     * group under its own event id (v1 writes one {@code update} per group).
     */
    record Step(Trade trade, Change traded, List<Change> changes, long changesEventId, long timestampMs) {
    }

    final String symbol;
    private final Random random;
    private final NavigableMap<Long, Long> bids = new TreeMap<>(); // price ticks -> size units
    private final NavigableMap<Long, Long> asks = new TreeMap<>();
    private final Deque<Trade> recentTrades = new ArrayDeque<>();
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

    /**
     * One market step: a trade at the best bid or ask (taking some of it), then a change of a random level.
     *
     * @param timestampMs the exchange time written into the messages
     */
    Step step(long timestampMs) {
        boolean buy = random.nextBoolean();
        NavigableMap<Long, Long> side = buy ? asks : bids;
        long price = buy ? asks.firstKey() : bids.lastKey();
        long available = side.get(price);
        long taken = Math.max(1, available / (2 + random.nextInt(4)));
        eventId += 1 + random.nextInt(3);
        Trade trade = new Trade(eventId, price, taken, buy, timestampMs);
        recentTrades.addLast(trade);
        if (recentTrades.size() > RECENT_TRADES) {
            recentTrades.removeFirst();
        }
        setLevel(side, price, available - taken);
        Change traded = new Change(!buy, price, available - taken, -taken, "trade");
        List<Change> changes = new ArrayList<>(2);
        refill(changes);
        boolean bidSide = random.nextBoolean();
        NavigableMap<Long, Long> other = bidSide ? bids : asks;
        long at = bidSide ? bids.lastKey() - random.nextInt(LEVELS_PER_SIDE)
                : asks.firstKey() + random.nextInt(LEVELS_PER_SIDE);
        long size = random.nextInt(5) == 0 ? 0 : size();
        long before = other.getOrDefault(at, 0L);
        setLevel(other, at, size);
        changes.add(new Change(bidSide, at, size, size - before, size < before ? "cancel" : "place"));
        refill(changes);
        return new Step(trade, traded, changes, ++eventId, timestampMs);
    }

    /**
     * The market moves up a tick past its best ask: the best ask is cancelled and a bid placed at its price. v2
     * subscribers are sent only the bid (the deletion is the diff they miss, after which their books cross).
     */
    Step stepUp(long timestampMs) {
        long bestAsk = asks.firstKey();
        long cancelled = asks.remove(bestAsk);
        long size = size();
        bids.put(bestAsk, size);
        List<Change> changes = new ArrayList<>(3);
        changes.add(new Change(false, bestAsk, 0, -cancelled, "cancel"));
        changes.add(new Change(true, bestAsk, size, size, "place"));
        refill(changes);
        return new Step(null, null, changes, ++eventId, timestampMs);
    }

    private void refill(List<Change> changes) {
        if (asks.isEmpty()) {
            long size = size();
            asks.put(bids.lastKey() + 1, size);
            changes.add(new Change(false, bids.lastKey() + 1, size, size, "place"));
        }
        if (bids.isEmpty()) {
            long size = size();
            bids.put(asks.firstKey() - 1, size);
            changes.add(new Change(true, asks.firstKey() - 1, size, size, "place"));
        }
    }

    private static void setLevel(NavigableMap<Long, Long> side, long price, long size) {
        if (size == 0) {
            side.remove(price);
        } else {
            side.put(price, size);
        }
    }

    // ---- v2 ----------------------------------------------------------------------------------------------------

    /** The v2 full-book message with the last trades (newest first, as most of Gemini's recordings have them). */
    String v2FullBook() {
        StringBuilder out = new StringBuilder(64 + 40 * (bids.size() + asks.size()))
                .append("{\"type\":\"l2_updates\",\"symbol\":\"").append(symbol).append("\",\"changes\":[");
        boolean first = true;
        for (Map.Entry<Long, Long> level : bids.descendingMap().entrySet()) {
            first = v2Change(out, first, true, level.getKey(), level.getValue());
        }
        for (Map.Entry<Long, Long> level : asks.entrySet()) {
            first = v2Change(out, first, false, level.getKey(), level.getValue());
        }
        out.append("],\"trades\":[");
        Iterator<Trade> newestFirst = recentTrades.descendingIterator();
        while (newestFirst.hasNext()) {
            out.append(v2Trade(newestFirst.next())).append(newestFirst.hasNext() ? "," : "");
        }
        return out.append("],\"auction_events\":[]}").toString();
    }

    /**
     * @param losingDiff true to leave out the cancel of a {@link #stepUp} (the v2 fault)
     * @return the step's v2 messages: the trade, then one {@code l2_updates} with every change
     */
    List<String> v2(Step step, boolean losingDiff) {
        List<String> out = new ArrayList<>(2);
        if (step.trade() != null) {
            out.add(v2Trade(step.trade()));
        }
        StringBuilder changes = new StringBuilder(160);
        boolean first = true;
        if (step.traded() != null) {
            first = v2Change(changes, true, step.traded().bid(), step.traded().priceTicks(),
                    step.traded().sizeUnits());
        }
        for (Change change : step.changes()) {
            if (!(losingDiff && "cancel".equals(change.reason()))) {
                first = v2Change(changes, first, change.bid(), change.priceTicks(), change.sizeUnits());
            }
        }
        out.add("{\"type\":\"l2_updates\",\"symbol\":\"" + symbol + "\",\"changes\":[" + changes + "]}");
        return out;
    }

    private String v2Trade(Trade trade) {
        return "{\"type\":\"trade\",\"symbol\":\"" + symbol + "\",\"event_id\":" + trade.eventId() + ",\"timestamp\":"
                + trade.timestampMs() + ",\"price\":\"" + ticks(trade.priceTicks(), 2) + "\",\"quantity\":\""
                + ticks(trade.sizeUnits(), 6) + "\",\"side\":\"" + (trade.buy() ? "buy" : "sell") + "\"}";
    }

    private static boolean v2Change(StringBuilder out, boolean first, boolean bid, long price, long size) {
        out.append(first ? "" : ",").append("[\"").append(bid ? "buy" : "sell").append("\",\"")
                .append(ticks(price, 2)).append("\",\"").append(ticks(size, 6)).append("\"]");
        return false;
    }

    // ---- v1 ----------------------------------------------------------------------------------------------------

    /** Which events a v1 socket asked for ({@code bids}, {@code offers}, {@code trades} query flags). */
    record V1Filter(boolean bids, boolean offers, boolean trades) {

        boolean wants(Change change) {
            return change.bid() ? bids : offers;
        }
    }

    /** The events of v1's first message: the whole book, both sides, as {@code reason:"initial"} changes. */
    String v1InitialEvents() {
        StringBuilder out = new StringBuilder(64 + 110 * (bids.size() + asks.size()));
        boolean first = true;
        for (Map.Entry<Long, Long> level : bids.descendingMap().entrySet()) {
            first = v1Change(out, first, new Change(true, level.getKey(), level.getValue(), level.getValue(),
                    "initial"));
        }
        for (Map.Entry<Long, Long> level : asks.entrySet()) {
            first = v1Change(out, first, new Change(false, level.getKey(), level.getValue(), level.getValue(),
                    "initial"));
        }
        return out.toString();
    }

    /** @return the event id of the market's latest event (v1's initial message carries it) */
    long eventId() {
        return eventId;
    }

    /**
     * @return the step's v1 updates, the trade's group first; a group the filter leaves empty is left out
     */
    List<V1Update> v1(Step step, V1Filter filter) {
        List<V1Update> out = new ArrayList<>(2);
        if (step.trade() != null) {
            StringBuilder events = new StringBuilder(256);
            boolean first = true;
            if (filter.trades()) {
                first = v1Trade(events, first, step.trade());
            }
            if (filter.wants(step.traded())) {
                first = v1Change(events, first, step.traded());
            }
            if (!first) {
                out.add(new V1Update(step.trade().eventId(), step.timestampMs(), events.toString()));
            }
        }
        StringBuilder events = new StringBuilder(256);
        boolean first = true;
        for (Change change : step.changes()) {
            if (filter.wants(change)) {
                first = v1Change(events, first, change);
            }
        }
        if (!first) {
            out.add(new V1Update(step.changesEventId(), step.timestampMs(), events.toString()));
        }
        return out;
    }

    /** @return the last {@code count} trades as v1 updates (oldest first), for the repeated-trades fault */
    List<V1Update> v1RecentTrades(int count) {
        List<Trade> all = List.copyOf(recentTrades);
        List<V1Update> out = new ArrayList<>(count);
        for (Trade trade : all.subList(Math.max(0, all.size() - count), all.size())) {
            StringBuilder events = new StringBuilder(128);
            v1Trade(events, true, trade);
            out.add(new V1Update(trade.eventId(), trade.timestampMs(), events.toString()));
        }
        return out;
    }

    /** One v1 {@code update} before its {@code socket_sequence} is given. */
    record V1Update(long eventId, long timestampMs, String events) {
        String message(long socketSequence) {
            return "{\"type\":\"update\",\"eventId\":" + eventId + ",\"timestamp\":" + timestampMs / 1000
                    + ",\"timestampms\":" + timestampMs + ",\"socket_sequence\":" + socketSequence + ",\"events\":["
                    + events + "]}";
        }
    }

    private static boolean v1Trade(StringBuilder out, boolean first, Trade trade) {
        // makerSide is the resting order's side: a buying taker took an ask
        out.append(first ? "" : ",").append("{\"type\":\"trade\",\"tid\":").append(trade.eventId())
                .append(",\"price\":\"").append(ticks(trade.priceTicks(), 2)).append("\",\"amount\":\"")
                .append(ticks(trade.sizeUnits(), 6)).append("\",\"makerSide\":\"").append(trade.buy() ? "ask" : "bid")
                .append("\"}");
        return false;
    }

    private static boolean v1Change(StringBuilder out, boolean first, Change change) {
        out.append(first ? "" : ",").append("{\"type\":\"change\",\"side\":\"").append(change.bid() ? "bid" : "ask")
                .append("\",\"price\":\"").append(ticks(change.priceTicks(), 2)).append("\",\"remaining\":\"")
                .append(ticks(change.sizeUnits(), 6)).append("\",\"delta\":\"").append(ticks(change.deltaUnits(), 6))
                .append("\",\"reason\":\"").append(change.reason()).append("\"}");
        return false;
    }

    // ---- both --------------------------------------------------------------------------------------------------

    private long size() {
        return 1 + random.nextInt(5_000_000);
    }

    /** Exact decimal text of {@code value} with {@code decimals} implied decimals. */
    static String ticks(long value, int decimals) {
        return BigDecimal.valueOf(value, decimals).toPlainString();
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
