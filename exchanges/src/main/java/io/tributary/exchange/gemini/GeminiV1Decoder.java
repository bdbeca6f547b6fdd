package io.tributary.exchange.gemini;

import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONException;
import com.alibaba.fastjson2.JSONObject;
import io.tributary.book.L2Update;
import io.tributary.exchange.Scales;
import io.tributary.exchange.gemini.GeminiDecoder.Kind;
import io.tributary.model.Side;
import io.tributary.model.event.Aggressor;
import java.math.BigDecimal;
import java.util.function.Consumer;

/**
 * Decodes Gemini market data v1 messages of one symbol's socket: the {@code change} events of an {@code update}
 * into an {@link L2Update} (absolute remaining sizes, exact scaled decimals; a message with {@code reason:"initial"}
 * changes is the full book, so a snapshot) and its {@code trade} events into {@link GeminiTrade}s keyed by
 * {@code tid}. Auction events are skipped. Single-threaded; the update is reused.
 */
public final class GeminiV1Decoder {

    private final Scales scales;
    private long rejected;

    public GeminiV1Decoder(Scales scales) {
        this.scales = scales;
    }

    /**
     * @param symbol the symbol of the socket the message came on (v1 messages do not name it)
     * @param update filled when the message changes the book ({@link Kind#BOOK}; {@link L2Update#rejected()} is set
     *               when a value did not fit the scales)
     * @param trades receives the message's trades, in message order
     * @return {@link Kind#BOOK} if it held changes, {@link Kind#TRADE} if only trades, {@link Kind#HEARTBEAT},
     *         {@link Kind#OTHER} (auctions only, or nothing) or {@link Kind#REJECTED} (malformed: nothing was used)
     */
    public Kind decode(String symbol, JSONObject message, L2Update update, Consumer<GeminiTrade> trades) {
        String type = message.getString("type");
        if ("heartbeat".equals(type)) {
            return Kind.HEARTBEAT;
        }
        try {
            JSONArray events = "update".equals(type) ? message.getJSONArray("events") : null;
            if (events == null) {
                return reject();
            }
            long timestampMs = message.get("timestampms") instanceof Number ms ? ms.longValue() : Long.MIN_VALUE;
            update.clear(symbol, scales.priceScale(symbol), scales.sizeScale(symbol));
            if (timestampMs != Long.MIN_VALUE) {
                update.eventTimeNanos(timestampMs * 1_000_000L);
            }
            if (message.get("eventId") instanceof Number eventId) {
                update.lastUpdateId(eventId.longValue());
            }
            // checked in full before anything is handed on, so a malformed message is rejected as a whole
            int changes = 0;
            int tradeCount = 0;
            boolean initial = false;
            GeminiTrade[] found = new GeminiTrade[events.size()];
            for (int i = 0; i < events.size(); i++) {
                JSONObject event = events.getJSONObject(i);
                String eventType = event == null ? null : event.getString("type");
                if ("change".equals(eventType)) {
                    Side side = side(event.getString("side"));
                    String price = decimal(event.get("price"));
                    String remaining = decimal(event.get("remaining"));
                    if (side == null || price == null || remaining == null) {
                        return reject();
                    }
                    initial |= "initial".equals(event.getString("reason"));
                    if (!update.add(side, price, remaining)) {
                        rejected++; // the update is marked rejected: the book resynchronises
                    }
                    changes++;
                } else if ("trade".equals(eventType)) {
                    found[i] = trade(symbol, event, timestampMs);
                    if (found[i] == null) {
                        return reject();
                    }
                    tradeCount++;
                } else if (eventType == null) {
                    return reject();
                }
            }
            update.snapshot(initial);
            for (GeminiTrade trade : found) {
                if (trade != null) {
                    trades.accept(trade);
                }
            }
            return changes > 0 ? Kind.BOOK : tradeCount > 0 ? Kind.TRADE : Kind.OTHER;
        } catch (JSONException | ClassCastException | NumberFormatException e) {
            return reject();
        }
    }

    /** @return the trade, or null if a field is missing or not a plain decimal */
    private static GeminiTrade trade(String symbol, JSONObject event, long timestampMs) {
        String price = decimal(event.get("price"));
        String amount = decimal(event.get("amount"));
        if (price == null || amount == null || !(event.get("tid") instanceof Number tid)) {
            return null;
        }
        // makerSide is the resting order's side: the taker is the other one; auction fills name no maker
        Aggressor taker = switch (String.valueOf(event.getString("makerSide"))) {
            case "bid" -> Aggressor.SELL;
            case "ask" -> Aggressor.BUY;
            default -> Aggressor.UNKNOWN;
        };
        return new GeminiTrade(symbol, tid.longValue(), new BigDecimal(price), new BigDecimal(amount), taker,
                timestampMs);
    }

    /** Gemini sends decimals as strings; a JSON number (parsed exactly as BigDecimal) is taken as written. */
    private static String decimal(Object value) {
        return switch (value) {
            case String text -> text;
            case BigDecimal number -> number.toPlainString();
            case Long number -> number.toString();
            case Integer number -> number.toString();
            case null, default -> null;
        };
    }

    private static Side side(String text) {
        return switch (text == null ? "" : text) {
            case "bid" -> Side.BID;
            case "ask" -> Side.ASK;
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
