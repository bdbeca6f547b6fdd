package io.tributary.exchange.gemini;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONException;
import com.alibaba.fastjson2.JSONObject;
import io.tributary.book.L2Update;
import io.tributary.exchange.Scales;
import io.tributary.model.Side;
import io.tributary.model.event.Aggressor;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Decodes Gemini v2 messages: {@code l2_updates} into an {@link L2Update} (exact scaled decimals; the message with a
 * {@code trades} array is the full book, so a snapshot) and trades, standalone or inside that first message, into
 * {@link GeminiTrade}s. Single-threaded; the update is reused.
 */
public final class GeminiDecoder {

    /** What a message was. */
    public enum Kind { BOOK, TRADE, HEARTBEAT, OTHER, REJECTED }

    private final Scales scales;
    private long rejected;

    public GeminiDecoder(Scales scales) {
        this.scales = scales;
    }

    /** Parses and decodes one frame; see {@link #decode(JSONObject, L2Update, Consumer)}. */
    public Kind decode(byte[] frame, L2Update update, Consumer<GeminiTrade> trades) {
        try {
            return JSON.parse(frame) instanceof JSONObject object ? decode(object, update, trades) : reject();
        } catch (JSONException e) {
            return reject();
        }
    }

    /**
     * @param update filled when the message is a book message ({@link Kind#BOOK}; {@link L2Update#rejected()} is set
     *               when a value did not fit the scales, so the symbol resynchronises)
     * @param trades receives every trade the message carries, oldest first
     */
    public Kind decode(JSONObject message, L2Update update, Consumer<GeminiTrade> trades) {
        String type = message.getString("type");
        if (type == null) {
            return reject();
        }
        try {
            return switch (type) {
                case "l2_updates" -> book(message, update, trades);
                case "trade" -> {
                    GeminiTrade trade = trade(message);
                    if (trade == null) {
                        yield reject();
                    }
                    trades.accept(trade);
                    yield Kind.TRADE;
                }
                case "heartbeat" -> Kind.HEARTBEAT;
                default -> Kind.OTHER;
            };
        } catch (JSONException | ClassCastException | NumberFormatException e) {
            return reject();
        }
    }

    private Kind book(JSONObject message, L2Update update, Consumer<GeminiTrade> trades) {
        String symbol = message.getString("symbol");
        JSONArray changes = message.getJSONArray("changes");
        if (symbol == null || changes == null) {
            return reject();
        }
        JSONArray initialTrades = message.getJSONArray("trades");
        update.clear(symbol, scales.priceScale(symbol), scales.sizeScale(symbol)).snapshot(initialTrades != null);
        for (int i = 0; i < changes.size(); i++) {
            JSONArray change = changes.getJSONArray(i);
            Side side = change == null || change.size() != 3 ? null : side(change.getString(0));
            String price = side == null ? null : change.getString(1);
            String size = side == null ? null : change.getString(2);
            if (price == null || size == null) {
                return reject();
            }
            if (!update.add(side, price, size)) {
                rejected++;
                return Kind.BOOK; // marked rejected: the book resynchronises
            }
        }
        if (initialTrades != null) {
            // the recordings hold these newest first for some symbols and oldest first (or mixed) for others:
            // handed on in event-id order so that deduplication by the last id works
            List<GeminiTrade> recent = new ArrayList<>(initialTrades.size());
            for (int i = 0; i < initialTrades.size(); i++) {
                GeminiTrade trade = trade(initialTrades.getJSONObject(i));
                if (trade != null) {
                    recent.add(trade);
                }
            }
            recent.sort(Comparator.comparingLong(GeminiTrade::eventId));
            recent.forEach(trades);
        }
        return Kind.BOOK;
    }

    /** @return the trade, or null if a field is missing or not a plain decimal */
    static GeminiTrade trade(JSONObject message) {
        String symbol = message.getString("symbol");
        String price = message.getString("price");
        String quantity = message.getString("quantity");
        if (symbol == null || price == null || quantity == null || !(message.get("event_id") instanceof Number id)) {
            return null;
        }
        Aggressor taker = switch (String.valueOf(message.getString("side"))) {
            case "buy" -> Aggressor.BUY;
            case "sell" -> Aggressor.SELL;
            default -> Aggressor.UNKNOWN; // auction fills carry no taker
        };
        long timestampMs = message.get("timestamp") instanceof Number ms ? ms.longValue() : Long.MIN_VALUE;
        return new GeminiTrade(symbol, id.longValue(), new BigDecimal(price), new BigDecimal(quantity), taker,
                timestampMs);
    }

    private static Side side(String text) {
        return switch (text == null ? "" : text) {
            case "buy" -> Side.BID;
            case "sell" -> Side.ASK;
            default -> null;
        };
    }

    private Kind reject() {
        rejected++;
        return Kind.REJECTED;
    }

    /** @return messages that were malformed or held a value that did not fit the scales */
    public long rejected() {
        return rejected;
    }
}
