package io.tributary.exchange.bitstamp;

import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import io.tributary.book.L2Update;
import io.tributary.exchange.Scales;
import io.tributary.model.DecimalParser;
import io.tributary.model.DecimalResult;
import io.tributary.model.Side;
import io.tributary.model.event.Aggressor;
import io.tributary.model.event.MarketEvent;
import io.tributary.model.event.Trade;
import java.math.BigDecimal;

/**
 * Turns Bitstamp payloads into exact values (exchange-protocols.md §5.5–§5.7): book levels into {@link L2Update}s
 * whose id is the {@code microtimestamp}, trades with the taker side from {@code type}, and {@code live_orders}
 * events into scaled {@link OrderChange}s. Numbers are read from their text ({@code price_str}, {@code "0.123"}),
 * never through {@code double}; a value that does not fit the symbol's scales is rejected. Single thread.
 */
final class BitstampDecoder {

    /** One {@code live_orders} event, scaled; {@code amount} is the order's remaining amount. */
    record OrderChange(Action action, long orderId, Side side, long price, long amount, long microtimestamp) {
    }

    enum Action { CREATED, CHANGED, DELETED }

    private final Scales scales;
    private final DecimalParser parser = new DecimalParser();

    BitstampDecoder(Scales scales) {
        this.scales = scales;
    }

    /**
     * Fills {@code out} with a diff ({@code snapshot} false) or a full book ({@code order_book} channel or REST).
     *
     * @return false if the payload is malformed (a rejected value leaves {@code out} marked rejected instead)
     */
    boolean levels(String symbol, JSONObject data, boolean snapshot, L2Update out) {
        long micros = micros(data);
        JSONArray bids = data == null ? null : data.getJSONArray("bids");
        JSONArray asks = data == null ? null : data.getJSONArray("asks");
        if (micros == L2Update.NONE || bids == null || asks == null) {
            return false;
        }
        out.clear(symbol, scales.priceScale(symbol), scales.sizeScale(symbol)).snapshot(snapshot)
                .lastUpdateId(micros).eventTimeNanos(micros * 1000);
        return addAll(Side.BID, bids, out) && addAll(Side.ASK, asks, out);
    }

    private static boolean addAll(Side side, JSONArray levels, L2Update out) {
        for (int i = 0; i < levels.size(); i++) {
            if (!(levels.get(i) instanceof JSONArray level) || level.size() < 2
                    || !(level.get(0) instanceof String price) || !(level.get(1) instanceof String amount)) {
                return false;
            }
            out.add(side, price, amount); // a rejected value marks `out` rejected; the book counts it
        }
        return true;
    }

    /** @return the trade, or null if malformed */
    Trade trade(String symbol, JSONObject data, long receivedNs) {
        Object id = data == null ? null : data.get("id");
        String price = text(data, "price");
        String amount = text(data, "amount");
        if (id == null || price == null || amount == null) {
            return null;
        }
        // type 0: the buy order took liquidity, 1: the sell order (§5.7, read the same way by ccxt and cryptofeed)
        Aggressor taker = switch (data.getIntValue("type", -1)) {
            case 0 -> Aggressor.BUY;
            case 1 -> Aggressor.SELL;
            default -> Aggressor.UNKNOWN;
        };
        long micros = micros(data);
        try {
            return new Trade("bitstamp", symbol, id.toString(), new BigDecimal(price), new BigDecimal(amount), taker,
                    micros == L2Update.NONE ? MarketEvent.NO_TIME : micros * 1000, receivedNs);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** @return the order event, or null if malformed or a value does not fit the scales */
    OrderChange order(String symbol, String event, JSONObject data) {
        Action action = switch (event) {
            case "order_created" -> Action.CREATED;
            case "order_changed" -> Action.CHANGED;
            case "order_deleted" -> Action.DELETED;
            default -> null;
        };
        long micros = micros(data);
        if (action == null || micros == L2Update.NONE || !(data.get("id") instanceof Number id)) {
            return null;
        }
        Side side = switch (data.getIntValue("order_type", -1)) {
            case 0 -> Side.BID;
            case 1 -> Side.ASK;
            default -> null;
        };
        long price = scaled(text(data, "price"), scales.priceScale(symbol));
        long amount = scaled(text(data, "amount"), scales.sizeScale(symbol));
        if (side == null || price == L2Update.NONE || amount == L2Update.NONE) {
            return null;
        }
        return new OrderChange(action, id.longValue(), side, price, amount, micros);
    }

    /** @return the scaled value, or {@link L2Update#NONE} if absent or not exact at {@code scale} */
    long scaled(String text, int scale) {
        if (text == null || parser.parse(text, scale) != DecimalResult.OK) {
            return L2Update.NONE;
        }
        return parser.value();
    }

    /** Prefers the exact {@code name_str}; a bare number is read from fastjson2's BigDecimal, never a double. */
    private static String text(JSONObject data, String name) {
        String exact = data.getString(name + "_str");
        if (exact != null) {
            return exact;
        }
        Object value = data.get(name);
        return switch (value) {
            case String s -> s;
            case BigDecimal d -> d.toPlainString();
            case Integer i -> i.toString();
            case Long l -> l.toString();
            case null, default -> null;
        };
    }

    static long micros(JSONObject data) {
        if (data == null) {
            return L2Update.NONE;
        }
        Object value = data.get("microtimestamp");
        try {
            return switch (value) {
                case String s -> Long.parseLong(s);
                case Long l -> l;
                case Integer i -> i;
                case null, default -> L2Update.NONE;
            };
        } catch (NumberFormatException e) {
            return L2Update.NONE;
        }
    }
}
