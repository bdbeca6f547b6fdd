package io.tributary.exchange.kraken;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONException;
import com.alibaba.fastjson2.JSONObject;
import io.tributary.exchange.json.Rejections;
import io.tributary.model.event.Aggressor;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes Kraken WebSocket v1 {@code ticker} and {@code trade} messages (exchange-protocols.md §7.2, §7.4) into exact
 * decimals:
 * <pre>
 * [channelID, {"a":[price, wholeLotVolume, lotVolume], "b":[..], "c":[..], ...}, "ticker", "XBT/USD"]
 * [channelID, [[price, volume, time, side, orderType, misc], ...], "trade", "XBT/USD"]
 * </pre>
 * Malformed input is counted and reported as {@link Kind#REJECTED}, never thrown. Single-threaded.
 */
public final class KrakenTickerTradeDecoder {

    /** What a message turned out to be. */
    public enum Kind {
        /** A ticker, in {@link #ticker()}. */
        TICKER,
        /** Trades, in {@link #trades()}. */
        TRADES,
        /** Events, subscription replies, heartbeats, book messages. */
        OTHER,
        /** Malformed or not a number where one belongs; counted in {@link #rejected()}. */
        REJECTED
    }

    /** A ticker's best bid and ask with their volumes. */
    public record Ticker(String pair, BigDecimal bid, BigDecimal bidVolume, BigDecimal ask, BigDecimal askVolume) {

        /** @return true if the best bid is not below the best ask */
        public boolean crossed() {
            return bid.compareTo(ask) >= 0;
        }
    }

    /** One trade; v1 trades carry no id. {@code taker}: the side of the order that triggered it. */
    public record KrakenTrade(String pair, BigDecimal price, BigDecimal volume, Aggressor taker, long timeMicros) {
    }

    private final Rejections rejections = new Rejections("kraken ticker/trade decoder");
    private final List<KrakenTrade> trades = new ArrayList<>();
    private Ticker ticker;

    /** Decodes one message. */
    public Kind decode(byte[] message) {
        try {
            if (!(JSON.parse(message) instanceof JSONArray array) || array.size() < 4) {
                return Kind.OTHER; // events are objects; data arrays end with channel name and pair
            }
            String channel = array.getString(array.size() - 2);
            String pair = array.getString(array.size() - 1);
            if ("ticker".equals(channel) && array.get(1) instanceof JSONObject fields) {
                return ticker(pair, fields);
            }
            if ("trade".equals(channel) && array.get(1) instanceof JSONArray list) {
                return trades(pair, list);
            }
            return Kind.OTHER;
        } catch (JSONException | NumberFormatException | ArithmeticException | ClassCastException e) {
            rejections.reject(e.getMessage());
            return Kind.REJECTED;
        }
    }

    private Kind ticker(String pair, JSONObject fields) {
        JSONArray ask = fields.getJSONArray("a");
        JSONArray bid = fields.getJSONArray("b");
        if (ask == null || bid == null || ask.size() < 3 || bid.size() < 3) {
            rejections.reject("ticker without a/b [price, wholeLotVolume, lotVolume]");
            return Kind.REJECTED;
        }
        ticker = new Ticker(pair, decimal(bid.get(0)), decimal(bid.get(2)), decimal(ask.get(0)), decimal(ask.get(2)));
        return Kind.TICKER;
    }

    private Kind trades(String pair, JSONArray list) {
        trades.clear();
        for (Object item : list) {
            if (!(item instanceof JSONArray t) || t.size() < 4) {
                rejections.reject("trade is not [price, volume, time, side, ...]");
                return Kind.REJECTED;
            }
            String side = t.getString(3);
            Aggressor taker = "b".equals(side) ? Aggressor.BUY : "s".equals(side) ? Aggressor.SELL : Aggressor.UNKNOWN;
            long timeMicros = decimal(t.get(2)).movePointRight(6).longValueExact();
            trades.add(new KrakenTrade(pair, decimal(t.get(0)), decimal(t.get(1)), taker, timeMicros));
        }
        return Kind.TRADES;
    }

    /** Kraken writes decimals as strings; a bare number is taken as written, never through a double. */
    private static BigDecimal decimal(Object value) {
        if (value instanceof String text) {
            return new BigDecimal(text);
        }
        if (value instanceof BigDecimal decimal) {
            return decimal;
        }
        if (value instanceof Integer || value instanceof Long) {
            return BigDecimal.valueOf(((Number) value).longValue());
        }
        throw new NumberFormatException("not a decimal: " + value);
    }

    /** @return the last decoded ticker */
    public Ticker ticker() {
        return ticker;
    }

    /** @return the last decoded trades (reused list) */
    public List<KrakenTrade> trades() {
        return trades;
    }

    /** @return messages rejected so far */
    public long rejected() {
        return rejections.count();
    }
}
