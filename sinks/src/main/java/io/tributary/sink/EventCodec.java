package io.tributary.sink;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tributary.model.GapEvent;
import io.tributary.model.GapReason;
import io.tributary.model.Side;
import io.tributary.model.event.Aggressor;
import io.tributary.model.event.BestBidAsk;
import io.tributary.model.event.BookGap;
import io.tributary.model.event.BookSnapshot;
import io.tributary.model.event.BookUpdate;
import io.tributary.model.event.ConnectionEvent;
import io.tributary.model.event.Level;
import io.tributary.model.event.MarketEvent;
import io.tributary.model.event.OrderEvent;
import io.tributary.model.event.Trade;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The byte form of a {@link MarketEvent}: one JSON object with a {@code "type"} field ({@code trade}, {@code book},
 * {@code snapshot}, {@code bbo}, {@code gap}, {@code order}, {@code connection}). Decimals are JSON strings in plain
 * notation, so nothing passes through a binary floating point; levels are {@code [price, size]} string pairs. Used
 * by the spill files and as the Kafka record value.
 *
 * <p>{@code decode(encode(e)).equals(e)} for every event whose decimals have a scale of at least 0 (a negative
 * scale, never produced by the decoders, comes back with scale 0 and the same value).
 */
public final class EventCodec {

    private static final JsonFactory JSON = new JsonFactory();

    private EventCodec() {
    }

    /** @return the event as UTF-8 JSON */
    public static byte[] encode(MarketEvent event) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        try (JsonGenerator json = JSON.createGenerator(out)) {
            json.writeStartObject();
            switch (event) {
                case Trade t -> {
                    header(json, "trade", t);
                    json.writeStringField("tradeId", t.tradeId());
                    decimal(json, "price", t.price());
                    decimal(json, "size", t.size());
                    json.writeStringField("aggressor", t.aggressor().name());
                }
                case BookUpdate b -> {
                    header(json, "book", b);
                    json.writeBooleanField("snapshot", b.snapshot());
                    levels(json, "bids", b.bids());
                    levels(json, "asks", b.asks());
                    json.writeNumberField("firstUpdateId", b.firstUpdateId());
                    json.writeNumberField("lastUpdateId", b.lastUpdateId());
                }
                case BookSnapshot s -> {
                    header(json, "snapshot", s);
                    levels(json, "bids", s.bids());
                    levels(json, "asks", s.asks());
                    json.writeNumberField("updateId", s.updateId());
                }
                case BestBidAsk q -> {
                    header(json, "bbo", q);
                    decimal(json, "bidPrice", q.bidPrice());
                    decimal(json, "bidSize", q.bidSize());
                    decimal(json, "askPrice", q.askPrice());
                    decimal(json, "askSize", q.askSize());
                    json.writeNumberField("updateId", q.updateId());
                }
                case BookGap g -> {
                    header(json, "gap", g);
                    json.writeNumberField("expected", g.gap().expected());
                    json.writeNumberField("received", g.gap().received());
                    json.writeStringField("reason", g.gap().reason().name());
                }
                case OrderEvent o -> {
                    header(json, "order", o);
                    json.writeStringField("action", o.action().name());
                    json.writeStringField("orderId", o.orderId());
                    json.writeStringField("side", o.side().name());
                    decimal(json, "price", o.price());
                    decimal(json, "size", o.size());
                }
                case ConnectionEvent c -> {
                    header(json, "connection", c);
                    json.writeNumberField("connectionId", c.connectionId());
                    json.writeStringField("state", c.state().name());
                    json.writeStringField("endpoint", c.endpoint());
                    json.writeStringField("detail", c.detail());
                }
            }
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array never fails to take bytes
        }
        return out.toByteArray();
    }

    /**
     * @return the event {@code bytes} encode
     * @throws IllegalArgumentException if the bytes are not an event this codec wrote
     */
    public static MarketEvent decode(byte[] bytes) {
        Map<String, Object> f = read(bytes);
        try {
            String exchange = text(f, "exchange");
            String symbol = text(f, "symbol");
            long exchangeTimeNs = number(f, "exchangeTimeNs");
            long receivedNs = number(f, "receivedNs");
            return switch (text(f, "type")) {
                case "trade" -> new Trade(exchange, symbol, text(f, "tradeId"), decimal(f, "price"),
                        decimal(f, "size"), Aggressor.valueOf(text(f, "aggressor")), exchangeTimeNs, receivedNs);
                case "book" -> new BookUpdate(exchange, symbol, Boolean.TRUE.equals(f.get("snapshot")),
                        levels(f, "bids"), levels(f, "asks"), number(f, "firstUpdateId"), number(f, "lastUpdateId"),
                        exchangeTimeNs, receivedNs);
                case "snapshot" -> new BookSnapshot(exchange, symbol, levels(f, "bids"), levels(f, "asks"),
                        number(f, "updateId"), exchangeTimeNs, receivedNs);
                case "bbo" -> new BestBidAsk(exchange, symbol, decimal(f, "bidPrice"), decimal(f, "bidSize"),
                        decimal(f, "askPrice"), decimal(f, "askSize"), number(f, "updateId"), exchangeTimeNs,
                        receivedNs);
                case "gap" -> new BookGap(new GapEvent(exchange, symbol, number(f, "expected"), number(f, "received"),
                        GapReason.valueOf(text(f, "reason"))), exchangeTimeNs, receivedNs);
                case "order" -> new OrderEvent(exchange, symbol, OrderEvent.OrderAction.valueOf(text(f, "action")),
                        text(f, "orderId"), Side.valueOf(text(f, "side")), decimal(f, "price"), decimal(f, "size"),
                        exchangeTimeNs, receivedNs);
                case "connection" -> new ConnectionEvent(exchange, number(f, "connectionId"),
                        ConnectionEvent.State.valueOf(text(f, "state")), text(f, "endpoint"), text(f, "detail"),
                        exchangeTimeNs, receivedNs);
                default -> throw new IllegalArgumentException("unknown event type '" + f.get("type") + "'");
            };
        } catch (NullPointerException | ClassCastException | NumberFormatException e) {
            throw new IllegalArgumentException("not an encoded event: " + e.getMessage(), e);
        }
    }

    private static void header(JsonGenerator json, String type, MarketEvent event) throws IOException {
        json.writeStringField("type", type);
        json.writeStringField("exchange", event.exchange());
        json.writeStringField("symbol", event.symbol());
        json.writeNumberField("exchangeTimeNs", event.exchangeTimeNs());
        json.writeNumberField("receivedNs", event.receivedNs());
    }

    private static void decimal(JsonGenerator json, String name, BigDecimal value) throws IOException {
        if (value == null) {
            json.writeNullField(name);
        } else {
            json.writeStringField(name, value.toPlainString());
        }
    }

    private static void levels(JsonGenerator json, String name, List<Level> levels) throws IOException {
        json.writeArrayFieldStart(name);
        for (Level level : levels) {
            json.writeStartArray();
            json.writeString(level.price().toPlainString());
            json.writeString(level.size().toPlainString());
            json.writeEndArray();
        }
        json.writeEndArray();
    }

    /** Reads one flat object whose values are strings, integers, booleans, null or arrays of string pairs. */
    private static Map<String, Object> read(byte[] bytes) {
        Map<String, Object> fields = new HashMap<>();
        try (JsonParser json = JSON.createParser(bytes)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not an encoded event: no JSON object");
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String name = json.currentName();
                JsonToken token = json.nextToken();
                fields.put(name, switch (token) {
                    case VALUE_STRING -> json.getText();
                    case VALUE_NUMBER_INT -> json.getLongValue();
                    case VALUE_TRUE, VALUE_FALSE -> token == JsonToken.VALUE_TRUE;
                    case VALUE_NULL -> null;
                    case START_ARRAY -> readLevels(json);
                    default -> throw new IllegalArgumentException("not an encoded event: unexpected " + token);
                });
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not an encoded event: " + e.getMessage(), e);
        }
        return fields;
    }

    private static List<Level> readLevels(JsonParser json) throws IOException {
        List<Level> levels = new ArrayList<>();
        while (json.nextToken() == JsonToken.START_ARRAY) {
            json.nextToken();
            BigDecimal price = new BigDecimal(json.getText());
            json.nextToken();
            BigDecimal size = new BigDecimal(json.getText());
            if (json.nextToken() != JsonToken.END_ARRAY) {
                throw new IllegalArgumentException("not an encoded event: a level is not a [price, size] pair");
            }
            levels.add(new Level(price, size));
        }
        return levels;
    }

    private static String text(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("not an encoded event: no '" + name + "'");
        }
        return (String) value;
    }

    private static long number(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("not an encoded event: no '" + name + "'");
        }
        return (Long) value;
    }

    private static BigDecimal decimal(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        return value == null ? null : new BigDecimal((String) value);
    }

    @SuppressWarnings("unchecked")
    private static List<Level> levels(Map<String, Object> fields, String name) {
        Object value = fields.get(name);
        return value == null ? List.of() : (List<Level>) value;
    }
}
