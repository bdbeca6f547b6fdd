package io.tributary.exchange.huobi;

import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import io.tributary.book.L2Update;
import io.tributary.exchange.Scales;
import io.tributary.model.Side;
import io.tributary.model.event.Aggressor;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes inflated HTX market-data messages (exchange-protocols.md §4): MBP increments and their {@code req}
 * snapshots, {@code depth.step0} full books, trades and best bid/offer. Prices and sizes arrive as JSON numbers;
 * fastjson2 reads them as {@code BigDecimal}, and they enter the book as exact scaled {@code long}s (a value that
 * does not fit the symbol's scales rejects the message). Single-threaded; the carriers are reused.
 */
public final class HuobiDecoder {

    /** What a message was. */
    public enum Kind {
        /** An MBP increment, in {@link #update()}. */
        MBP_UPDATE,
        /** A {@code req} reply with an MBP snapshot, in {@link #update()}. */
        MBP_SNAPSHOT,
        /** A {@code depth.step0} full book, in {@link #update()} as a snapshot. */
        DEPTH_SNAPSHOT,
        /** Trades, in {@link #trades()}. */
        TRADES,
        /** A best bid/offer, in {@link #bbo()}. */
        BBO,
        /** A {@code sub}/{@code unsub} acknowledgement; {@link #topic()} names it. */
        ACK,
        /** An error reply; {@link #errorMessage()} holds its {@code err-msg}. */
        ERROR,
        /** Anything else (other topics, replies to requests this decoder does not handle). */
        OTHER,
        /** A message of a known kind that could not be decoded (counted). */
        REJECTED
    }

    private final Scales scales;
    private final L2Update update = new L2Update();
    private final List<HuobiTrade> trades = new ArrayList<>();
    private HuobiBbo bbo;
    private String topic;
    private String errorMessage;
    private String errorId;
    private long rejected;

    public HuobiDecoder(Scales scales) {
        this.scales = scales;
    }

    /** Decodes one message, already parsed from its inflated JSON text. */
    public Kind decode(JSONObject message) {
        try {
            return decodeChecked(message);
        } catch (RuntimeException e) { // a field of the wrong type: fastjson2 throws on conversion
            rejected++;
            return Kind.REJECTED;
        }
    }

    private Kind decodeChecked(JSONObject message) {
        String ch = message.getString("ch");
        if (ch != null) {
            return push(ch, message);
        }
        if ("error".equals(message.getString("status"))) {
            errorMessage = message.getString("err-msg");
            errorId = message.getString("id");
            topic = null;
            return Kind.ERROR;
        }
        String rep = message.getString("rep");
        if (rep != null) {
            HuobiTopic parsed = HuobiTopic.parse(rep);
            if (parsed != null && parsed.channel() != null && parsed.channel().onFeedPath()
                    && message.get("data") instanceof JSONObject data) {
                return book(parsed.symbol(), data, Kind.MBP_SNAPSHOT, message.getLongValue("ts"));
            }
            return Kind.OTHER;
        }
        topic = message.getString("subbed");
        if (topic == null) {
            topic = message.getString("unsubbed");
        }
        return topic != null ? Kind.ACK : Kind.OTHER;
    }

    private Kind push(String ch, JSONObject message) {
        HuobiTopic parsed = HuobiTopic.parse(ch);
        if (parsed == null || parsed.channel() == null || !(message.get("tick") instanceof JSONObject tick)) {
            return Kind.OTHER;
        }
        long tsMs = message.getLongValue("ts");
        return switch (parsed.channel()) {
            case MBP_150, MBP_20, MBP_5 -> book(parsed.symbol(), tick, Kind.MBP_UPDATE, tsMs);
            case DEPTH_STEP0 -> book(parsed.symbol(), tick, Kind.DEPTH_SNAPSHOT, tsMs);
            case TRADE -> trades(parsed.symbol(), tick);
            case BBO -> bbo(parsed.symbol(), tick);
        };
    }

    private Kind book(String symbol, JSONObject tick, Kind kind, long tsMs) {
        update.clear(symbol, scales.priceScale(symbol), scales.sizeScale(symbol));
        update.eventTimeNanos(tsMs > 0 ? tsMs * 1_000_000L : L2Update.NONE);
        switch (kind) {
            case MBP_UPDATE -> update.lastUpdateId(required(tick, "seqNum")).prevUpdateId(required(tick, "prevSeqNum"));
            case MBP_SNAPSHOT -> update.snapshot(true).lastUpdateId(required(tick, "seqNum"));
            // spot books are versioned by `version`; swap books by `mrid` (their `version` counts seconds)
            default -> update.snapshot(true).lastUpdateId(tick.containsKey("mrid") ? required(tick, "mrid")
                    : required(tick, "version"));
        }
        if (!levels(tick.getJSONArray("bids"), Side.BID) || !levels(tick.getJSONArray("asks"), Side.ASK)) {
            rejected++;
        }
        return kind;
    }

    /** @return false if a level was rejected (the update is then marked rejected) */
    private boolean levels(JSONArray levels, Side side) {
        if (levels == null) {
            return true; // a 5/20-level increment carries only the side that changed
        }
        for (int i = 0; i < levels.size(); i++) {
            JSONArray level = levels.getJSONArray(i);
            if (level == null || level.size() < 2
                    || !update.add(side, plain(level.get(0)), plain(level.get(1)))) {
                if (level == null || level.size() < 2) {
                    throw new IllegalArgumentException("level is not [price, size]");
                }
                return false;
            }
        }
        return true;
    }

    private Kind trades(String symbol, JSONObject tick) {
        trades.clear();
        JSONArray data = tick.getJSONArray("data");
        if (data == null) {
            rejected++;
            return Kind.REJECTED;
        }
        for (int i = 0; i < data.size(); i++) {
            JSONObject t = data.getJSONObject(i);
            Object id = t.containsKey("tradeId") ? t.get("tradeId") : t.get("id");
            BigDecimal price = t.getBigDecimal("price");
            BigDecimal amount = t.getBigDecimal("amount");
            if (id == null || price == null || amount == null) {
                rejected++;
                return Kind.REJECTED;
            }
            trades.add(new HuobiTrade(symbol, id.toString(), price, amount, aggressor(t.getString("direction")),
                    t.getLongValue("ts")));
        }
        return Kind.TRADES;
    }

    private Kind bbo(String symbol, JSONObject tick) {
        BigDecimal bid = tick.getBigDecimal("bid");
        BigDecimal ask = tick.getBigDecimal("ask");
        BigDecimal bidSize = tick.getBigDecimal("bidSize");
        BigDecimal askSize = tick.getBigDecimal("askSize");
        if (bid == null || ask == null || bidSize == null || askSize == null) {
            rejected++;
            return Kind.REJECTED;
        }
        bbo = new HuobiBbo(symbol, bid, bidSize, ask, askSize,
                tick.getLongValue("seqId"), tick.getLongValue("quoteTime"));
        return Kind.BBO;
    }

    /** §2.4: HTX names the taker's side directly. */
    static Aggressor aggressor(String direction) {
        if ("buy".equals(direction)) {
            return Aggressor.BUY;
        }
        return "sell".equals(direction) ? Aggressor.SELL : Aggressor.UNKNOWN;
    }

    private static long required(JSONObject tick, String field) {
        Object value = tick.get(field);
        if (!(value instanceof Number number)) {
            throw new IllegalArgumentException("no numeric " + field);
        }
        return number.longValue();
    }

    /** JSON numbers as fastjson2 read them, written out without an exponent (the recordings use {@code 9.121E-7}). */
    private static String plain(Object number) {
        if (number instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        if (number instanceof Number || number instanceof String) {
            return number.toString();
        }
        throw new IllegalArgumentException("not a number: " + number);
    }

    /** @return the last decoded book message (reused) */
    public L2Update update() {
        return update;
    }

    /** @return the last decoded trades (reused list) */
    public List<HuobiTrade> trades() {
        return trades;
    }

    public HuobiBbo bbo() {
        return bbo;
    }

    /** @return the topic of the last {@link Kind#ACK} */
    public String topic() {
        return topic;
    }

    /** @return the {@code err-msg} of the last {@link Kind#ERROR} */
    public String errorMessage() {
        return errorMessage;
    }

    /** @return the {@code id} of the request the last {@link Kind#ERROR} answers, or null */
    public String errorId() {
        return errorId;
    }

    /** @return messages rejected: malformed, or a value that does not fit the scales */
    public long rejected() {
        return rejected;
    }
}
