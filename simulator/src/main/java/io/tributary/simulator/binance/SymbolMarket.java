package io.tributary.simulator.binance;

import io.tributary.simulator.TwinSession;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The generated market of one symbol: a live book moved by depth updates with contiguous update ids, trades at the
 * top, and a second book trailing a few updates behind that REST snapshots come from (so a snapshot's
 * {@code lastUpdateId} lies inside what a client has buffered, as the sync procedure expects).
 */
final class SymbolMarket {
    private record Change(boolean bid, long priceE8, long quantityE8) {}

    private record Update(long firstId, long lastId, List<Change> changes) {}

    private final SymbolSpec spec;
    private final MarketGenerator.Settings settings;
    private final SplittableRandom random;
    private final OrderBookSide bids = new OrderBookSide(true);
    private final OrderBookSide asks = new OrderBookSide(false);
    private final OrderBookSide snapshotBids;
    private final OrderBookSide snapshotAsks;
    private final OrderBookSide initialBids;
    private final OrderBookSide initialAsks;
    private final long initialUpdateId;
    private final ArrayDeque<Update> notInSnapshot = new ArrayDeque<>();
    private long midE8;
    private long lastUpdateId;
    private long snapshotUpdateId;
    private long tradeId;
    private boolean dropNextUpdate;

    SymbolMarket(SymbolSpec spec, MarketGenerator.Settings settings, SplittableRandom random) {
        this.spec = spec;
        this.settings = settings;
        this.random = random;
        midE8 = spec.midE8();
        lastUpdateId = 1_000_000L + random.nextInt(1_000_000);
        tradeId = 10_000L + random.nextInt(10_000);
        for (int k = 1; k <= settings.bookDepth(); k++) {
            bids.set(midE8 - k * spec.tickE8(), randomQuantity());
            asks.set(midE8 + k * spec.tickE8(), randomQuantity());
        }
        snapshotBids = new OrderBookSide(bids);
        snapshotAsks = new OrderBookSide(asks);
        snapshotUpdateId = lastUpdateId;
        initialBids = new OrderBookSide(bids);
        initialAsks = new OrderBookSide(asks);
        initialUpdateId = lastUpdateId;
    }

    SymbolSpec spec() {
        return spec;
    }

    void dropNextUpdate() {
        dropNextUpdate = true;
    }

    long lastUpdateId() {
        return lastUpdateId;
    }

    /**
     * A flood of depth updates continuing this market's ids (see {@link DepthFlood}); {@code onFinished} must end it
     * with {@link #endFlood}. The market must not step while a flood runs.
     */
    DepthFlood flood(String streamName, long updates, int levels, TwinSession session,
            Consumer<DepthFlood> onFinished) {
        return new DepthFlood(spec, streamName, midE8, lastUpdateId, settings.bookDepth(), updates, levels, random.split(),
                session, onFinished);
    }

    /** The live book and the snapshot move to the flood's end state, as if its updates had been steps. */
    void endFlood(DepthFlood flood) {
        for (Update update : notInSnapshot) {
            for (Change change : update.changes()) {
                (change.bid() ? snapshotBids : snapshotAsks).set(change.priceE8(), change.quantityE8());
            }
        }
        notInSnapshot.clear();
        flood.applyFinalState(bids, asks);
        flood.applyFinalState(snapshotBids, snapshotAsks);
        lastUpdateId = flood.lastUpdateId();
        snapshotUpdateId = lastUpdateId;
    }

    /** One step: a depth update, maybe a trade, and a book ticker when the top changed. */
    void step(long eventTimeMs, List<MarketEvent> out) {
        Map.Entry<Long, Long> bidBefore = bids.best();
        Map.Entry<Long, Long> askBefore = asks.best();
        long previousId = lastUpdateId;
        Update update = nextUpdate();
        for (Change change : update.changes()) {
            (change.bid() ? bids : asks).set(change.priceE8(), change.quantityE8());
        }
        trailSnapshot(update);
        String stream = spec.streamName();
        if (dropNextUpdate) {
            dropNextUpdate = false; // applied but never sent: the next update opens a gap for every client
        } else {
            out.add(new MarketEvent(stream + "@depth", depthUpdateJson(update, previousId, eventTimeMs)));
        }
        if (random.nextInt(100) < settings.tradePercent()) {
            trade(stream, eventTimeMs, out);
        }
        if (!sameLevel(bidBefore, bids.best()) || !sameLevel(askBefore, asks.best())) {
            out.add(new MarketEvent(stream + "@bookTicker", bookTickerJson()));
        }
    }

    /** The REST depth snapshot: {@code {"lastUpdateId":..,"bids":[..],"asks":[..]}}, trailing the stream. */
    String snapshotJson(int limit, long eventTimeMs) {
        return bookJson(snapshotUpdateId, snapshotBids, snapshotAsks, limit, settings.futures() ? eventTimeMs : -1);
    }

    /**
     * A stale snapshot: the book as it was when the market started, true to that moment but older than anything a
     * client buffered since.
     */
    String staleSnapshotJson(int limit, long eventTimeMs) {
        return bookJson(initialUpdateId, initialBids, initialAsks, limit, settings.futures() ? eventTimeMs : -1);
    }


    /** A partial-depth event ({@code @depth5/10/20}): the live top of the book, same shape as the snapshot. */
    String partialDepthJson(int levels) {
        return bookJson(lastUpdateId, bids, asks, levels, -1);
    }

    /** @param timeMs the futures snapshot's {@code E} and {@code T}, or negative for none (spot) */
    private static String bookJson(long updateId, OrderBookSide bidSide, OrderBookSide askSide, int limit,
            long timeMs) {
        StringBuilder json = new StringBuilder(64 + Math.min(limit, 1000) * 64);
        json.append("{\"lastUpdateId\":").append(updateId);
        if (timeMs >= 0) {
            json.append(",\"E\":").append(timeMs).append(",\"T\":").append(timeMs);
        }
        json.append(",\"bids\":");
        bidSide.appendJson(json, limit);
        json.append(",\"asks\":");
        askSide.appendJson(json, limit);
        return json.append('}').toString();
    }

    private Update nextUpdate() {
        long tickE8 = spec.tickE8();
        Map<Long, Change> changes = new LinkedHashMap<>(); // keyed by signed price: one final value per level
        if (random.nextInt(5) == 0) {
            long moved = midE8 + (random.nextBoolean() ? tickE8 : -tickE8);
            if (moved > tickE8 * (settings.bookDepth() + 1L)) {
                midE8 = moved;
            }
            // the mid moved: clear what now sits on the wrong side, and what drifted too far away
            long farE8 = 2L * settings.bookDepth() * tickE8;
            for (Map.Entry<Long, Long> level : bids.bestFirst()) {
                if (level.getKey() >= midE8 || midE8 - level.getKey() > farE8) {
                    changes.put(-level.getKey(), new Change(true, level.getKey(), 0));
                }
            }
            for (Map.Entry<Long, Long> level : asks.bestFirst()) {
                if (level.getKey() <= midE8 || level.getKey() - midE8 > farE8) {
                    changes.put(level.getKey(), new Change(false, level.getKey(), 0));
                }
            }
        }
        for (int i = 0; i < settings.levelsPerUpdate(); i++) {
            boolean bid = random.nextBoolean();
            long priceE8 = midE8 + (bid ? -1 : 1) * (1 + random.nextInt(settings.bookDepth())) * tickE8;
            OrderBookSide side = bid ? bids : asks;
            long quantityE8 = side.has(priceE8) && random.nextInt(5) == 0 ? 0 : randomQuantity();
            changes.put(bid ? -priceE8 : priceE8, new Change(bid, priceE8, quantityE8));
        }
        long firstId = lastUpdateId + 1;
        lastUpdateId += changes.size();
        return new Update(firstId, lastUpdateId, List.copyOf(changes.values()));
    }

    private void trailSnapshot(Update update) {
        notInSnapshot.add(update);
        while (notInSnapshot.size() > settings.snapshotLag()) {
            Update old = notInSnapshot.poll();
            for (Change change : old.changes()) {
                (change.bid() ? snapshotBids : snapshotAsks).set(change.priceE8(), change.quantityE8());
            }
            snapshotUpdateId = old.lastId();
        }
    }

    private long randomQuantity() {
        return spec.lotE8() * (1 + random.nextInt(1_000));
    }

    /** Spot: {@code U}, {@code u}; futures add {@code T} and {@code pu} (the previous event's {@code u}, sent or not). */
    private String depthUpdateJson(Update update, long previousId, long eventTimeMs) {
        StringBuilder json = new StringBuilder(112 + update.changes().size() * 48);
        json.append("{\"e\":\"depthUpdate\",\"E\":").append(eventTimeMs);
        if (settings.futures()) {
            json.append(",\"T\":").append(eventTimeMs);
        }
        json.append(",\"s\":\"").append(spec.symbol())
                .append("\",\"U\":").append(update.firstId())
                .append(",\"u\":").append(update.lastId());
        if (settings.futures()) {
            json.append(",\"pu\":").append(previousId);
        }
        json.append(",\"b\":");
        appendChanges(json, update.changes(), true);
        json.append(",\"a\":");
        appendChanges(json, update.changes(), false);
        return json.append('}').toString();
    }

    private static void appendChanges(StringBuilder json, List<Change> changes, boolean bid) {
        json.append('[');
        boolean first = true;
        for (Change change : changes) {
            if (change.bid() == bid) {
                if (!first) {
                    json.append(',');
                }
                first = false;
                OrderBookSide.appendLevel(json, change.priceE8(), change.quantityE8());
            }
        }
        json.append(']');
    }

    /** One taker order filling at the top of the book: a {@code trade} and its {@code aggTrade}. */
    private void trade(String stream, long eventTimeMs, List<MarketEvent> out) {
        boolean buyerIsMaker = random.nextBoolean(); // the taker sold into the bid
        Map.Entry<Long, Long> top = buyerIsMaker ? bids.best() : asks.best();
        long priceE8 = top == null ? midE8 : top.getKey();
        long quantityE8 = spec.lotE8() * (1 + random.nextInt(100));
        long id = ++tradeId;
        StringBuilder trade = new StringBuilder(160);
        trade.append("{\"e\":\"trade\",\"E\":").append(eventTimeMs)
                .append(",\"s\":\"").append(spec.symbol())
                .append("\",\"t\":").append(id);
        appendFill(trade, priceE8, quantityE8, eventTimeMs, buyerIsMaker);
        out.add(new MarketEvent(stream + "@trade", trade.toString()));

        StringBuilder aggregate = new StringBuilder(180);
        aggregate.append("{\"e\":\"aggTrade\",\"E\":").append(eventTimeMs)
                .append(",\"s\":\"").append(spec.symbol())
                .append("\",\"a\":").append(id) // one fill per taker order here, so aggregate id = trade id
                .append(",\"f\":").append(id)
                .append(",\"l\":").append(id);
        appendFill(aggregate, priceE8, quantityE8, eventTimeMs, buyerIsMaker);
        out.add(new MarketEvent(stream + "@aggTrade", aggregate.toString()));
    }

    private static void appendFill(StringBuilder json, long priceE8, long quantityE8, long timeMs, boolean buyerIsMaker) {
        json.append(",\"p\":\"");
        Decimals.appendTo(json, priceE8);
        json.append("\",\"q\":\"");
        Decimals.appendTo(json, quantityE8);
        json.append("\",\"T\":").append(timeMs)
                .append(",\"m\":").append(buyerIsMaker)
                .append(",\"M\":true}");
    }

    private String bookTickerJson() {
        StringBuilder json = new StringBuilder(160);
        json.append("{\"u\":").append(lastUpdateId).append(",\"s\":\"").append(spec.symbol()).append('"');
        appendTop(json, "b", "B", bids.best());
        appendTop(json, "a", "A", asks.best());
        return json.append('}').toString();
    }

    private static void appendTop(StringBuilder json, String priceKey, String quantityKey, Map.Entry<Long, Long> top) {
        json.append(",\"").append(priceKey).append("\":\"");
        Decimals.appendTo(json, top == null ? 0 : top.getKey());
        json.append("\",\"").append(quantityKey).append("\":\"");
        Decimals.appendTo(json, top == null ? 0 : top.getValue());
        json.append('"');
    }

    private static boolean sameLevel(Map.Entry<Long, Long> a, Map.Entry<Long, Long> b) {
        return a == null ? b == null : b != null && a.getKey().equals(b.getKey()) && a.getValue().equals(b.getValue());
    }
}
