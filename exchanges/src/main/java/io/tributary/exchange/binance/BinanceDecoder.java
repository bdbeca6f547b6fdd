package io.tributary.exchange.binance;

import static com.alibaba.fastjson2.util.Fnv.hashCode64;

import com.alibaba.fastjson2.JSONException;
import com.alibaba.fastjson2.JSONReader;
import io.tributary.book.L2Update;
import io.tributary.exchange.Scales;
import io.tributary.exchange.json.JsonCursor;
import io.tributary.exchange.json.MalformedMessageException;
import io.tributary.exchange.json.Rejections;
import io.tributary.exchange.json.SymbolTable;
import io.tributary.model.Side;
import java.nio.charset.StandardCharsets;

/**
 * Decodes Binance book messages (spot, USD-M and COIN-M futures; exchange-protocols.md §3.4) into reusable
 * carriers: {@code depthUpdate} ({@code U}, {@code u}, {@code pu}, {@code E}, {@code T} when present) and the REST
 * depth snapshot ({@code lastUpdateId}) into an {@link L2Update}, {@code bookTicker} into a {@link BookTicker}.
 * Accepts the combined-stream envelope {@code {"stream":..,"data":{..}}} or a bare event.
 *
 * <p>Allocation-free in steady state (symbols are interned). A message that is malformed or holds a number that
 * does not fit the scales is rejected as a whole ({@link Kind#REJECTED}) and counted; nothing is thrown.
 * Single-threaded.
 */
public final class BinanceDecoder {

    /** What a message turned out to be. */
    public enum Kind {
        /** A {@code depthUpdate}; the update carrier holds it. */
        DEPTH_UPDATE,
        /** A depth snapshot; the update carrier holds it with the snapshot flag set (symbol unknown: bare body). */
        SNAPSHOT,
        /** A {@code bookTicker}; the ticker carrier holds it. */
        BOOK_TICKER,
        /** Any other event (trades, klines, subscription replies); nothing was filled. */
        OTHER,
        /** Malformed or not representable; counted in {@link #rejected()}. */
        REJECTED
    }

    private static final long STREAM = hashCode64("stream");
    private static final long DATA = hashCode64("data");
    private static final long EVENT = hashCode64("e");
    private static final long EVENT_TIME = hashCode64("E");
    private static final long TRANSACTION_TIME = hashCode64("T");
    private static final long SYMBOL = hashCode64("s");
    private static final long FIRST_ID = hashCode64("U");
    private static final long LAST_ID = hashCode64("u");
    private static final long PREVIOUS_ID = hashCode64("pu");
    private static final long BIDS = hashCode64("b");
    private static final long ASKS = hashCode64("a");
    private static final long BID_SIZE = hashCode64("B");
    private static final long ASK_SIZE = hashCode64("A");
    private static final long LAST_UPDATE_ID = hashCode64("lastUpdateId");
    private static final long SNAPSHOT_BIDS = hashCode64("bids");
    private static final long SNAPSHOT_ASKS = hashCode64("asks");
    private static final byte[][] BOOK_EVENTS = {
            "depthUpdate".getBytes(StandardCharsets.US_ASCII), "bookTicker".getBytes(StandardCharsets.US_ASCII)};
    private static final long ABSENT = L2Update.NONE;

    private final Scales scales;
    private int priceScale;
    private int sizeScale;
    private final JsonCursor json = new JsonCursor();
    private final SymbolTable symbols = new SymbolTable();
    private final Rejections rejections = new Rejections("binance decoder");

    // The event being read; fields arrive in any order, the kind is settled at the end.
    private String symbol;
    private long firstId;
    private long lastId;
    private long previousId;
    private long eventTimeMs;
    private long transactionTimeMs;
    private long snapshotId;
    private long bidPrice;
    private long bidSize;
    private long askPrice;
    private long askSize;
    private boolean levels;
    private int tickerFields; // bits: bid price, bid size, ask price, ask size

    /** @param scales decimals kept per symbol; values that do not fit are rejected, never rounded */
    public BinanceDecoder(Scales scales) {
        this.scales = scales;
    }

    /** Sets up the carrier for {@code symbol} at its scales. */
    private void start(L2Update update, String symbol) {
        priceScale = scales.priceScale(symbol);
        sizeScale = scales.sizeScale(symbol);
        update.clear(symbol, priceScale, sizeScale);
    }

    /**
     * Decodes one WebSocket message (or a bare REST snapshot body, see {@link #decodeSnapshot}).
     *
     * @param update filled for {@link Kind#DEPTH_UPDATE} and {@link Kind#SNAPSHOT}
     * @param ticker filled for {@link Kind#BOOK_TICKER}; may be null if the caller does not want tickers
     */
    public Kind decode(byte[] message, int offset, int length, L2Update update, BookTicker ticker) {
        return decode(message, offset, length, "", update, ticker);
    }

    private Kind decode(byte[] message, int offset, int length, String knownSymbol, L2Update update,
            BookTicker ticker) {
        try {
            json.reset(message, offset, length);
            start(update, knownSymbol);
            return decodeObject(update, ticker);
        } catch (MalformedMessageException | JSONException | IndexOutOfBoundsException e) {
            rejections.reject(e.getMessage());
            return Kind.REJECTED;
        } finally {
            json.close();
        }
    }

    /**
     * Decodes a REST depth snapshot body ({@code {"lastUpdateId":..,"bids":[..],"asks":[..]}}) for {@code symbol}.
     *
     * @return {@link Kind#SNAPSHOT}, or {@link Kind#REJECTED}
     */
    public Kind decodeSnapshot(byte[] body, int offset, int length, String symbol, L2Update update) {
        Kind kind = decode(body, offset, length, symbol, update, null);
        if (kind == Kind.SNAPSHOT) {
            return kind;
        }
        if (kind != Kind.REJECTED) {
            rejections.reject("not a depth snapshot");
        }
        return Kind.REJECTED;
    }

    /** @return how many messages were rejected so far */
    public long rejected() {
        return rejections.count();
    }

    private Kind decodeObject(L2Update update, BookTicker ticker) {
        JSONReader reader = json.reader();
        if (!reader.nextIfObjectStart()) {
            throw new MalformedMessageException("not a JSON object");
        }
        symbol = null;
        firstId = lastId = previousId = snapshotId = eventTimeMs = transactionTimeMs = ABSENT;
        levels = false;
        tickerFields = 0;
        while (!reader.nextIfObjectEnd()) {
            long field = reader.readFieldNameHashCode();
            if (field == DATA && reader.isObject()) {
                reader.nextIfObjectStart();
                while (!reader.nextIfObjectEnd()) {
                    if (!readEventField(reader.readFieldNameHashCode(), update)) {
                        return Kind.OTHER;
                    }
                }
            } else if (field == STREAM) {
                reader.skipValue();
            } else if (!readEventField(field, update)) {
                return Kind.OTHER;
            }
        }
        return settle(update, ticker);
    }

    /** Reads one field of the event; false stops early: the event is not about the book. */
    private boolean readEventField(long field, L2Update update) {
        if (field == EVENT) {
            return json.readStringMatch(BOOK_EVENTS) >= 0;
        } else if (field == SYMBOL) {
            symbol = json.readSymbol(symbols);
            if (update.size() > 0) {
                throw new MalformedMessageException("levels before the symbol");
            }
            start(update, symbol);
        } else if (field == FIRST_ID) {
            firstId = json.readLong();
        } else if (field == LAST_ID) {
            lastId = json.readLong();
        } else if (field == PREVIOUS_ID) {
            previousId = json.readLong();
        } else if (field == EVENT_TIME) {
            eventTimeMs = json.readLong();
        } else if (field == TRANSACTION_TIME) {
            transactionTimeMs = json.readLong();
        } else if (field == LAST_UPDATE_ID) {
            snapshotId = json.readLong();
        } else if (field == BIDS || field == SNAPSHOT_BIDS) {
            if (json.reader().isArray()) {
                readLevels(Side.BID, update);
            } else {
                bidPrice = json.readExactDecimal(priceScale, "bid price");
                tickerFields |= 1;
            }
        } else if (field == ASKS || field == SNAPSHOT_ASKS) {
            if (json.reader().isArray()) {
                readLevels(Side.ASK, update);
            } else {
                askPrice = json.readExactDecimal(priceScale, "ask price");
                tickerFields |= 4;
            }
        } else if (field == BID_SIZE) {
            bidSize = json.readExactDecimal(sizeScale, "bid size");
            tickerFields |= 2;
        } else if (field == ASK_SIZE) {
            askSize = json.readExactDecimal(sizeScale, "ask size");
            tickerFields |= 8;
        } else {
            json.reader().skipValue();
        }
        return true;
    }

    /** {@code [["price","qty"], ...]}; extra elements in a level are ignored. */
    private void readLevels(Side side, L2Update update) {
        json.readLevels(update, side, priceScale, sizeScale);
        levels = true;
    }

    private Kind settle(L2Update update, BookTicker ticker) {
        if (snapshotId != ABSENT) {
            update.snapshot(true);
            update.lastUpdateId(snapshotId);
            setEventTime(update);
            return Kind.SNAPSHOT;
        }
        if (symbol == null || lastId == ABSENT) {
            return levels || tickerFields != 0 ? reject("book message without symbol or update id") : Kind.OTHER;
        }
        if (levels) {
            if (firstId == ABSENT) {
                return reject("depthUpdate without U");
            }
            update.firstUpdateId(firstId);
            update.lastUpdateId(lastId);
            update.prevUpdateId(previousId);
            setEventTime(update);
            return Kind.DEPTH_UPDATE;
        }
        if (tickerFields != 0 && ticker != null) {
            if (tickerFields != 0b1111) {
                return reject("bookTicker without all of b, B, a, A");
            }
            ticker.symbol = symbol;
            ticker.updateId = lastId;
            ticker.bidPrice = bidPrice;
            ticker.bidSize = bidSize;
            ticker.askPrice = askPrice;
            ticker.askSize = askSize;
            return Kind.BOOK_TICKER;
        }
        return Kind.OTHER;
    }

    /** Futures carry both: T (matching engine time) is closer to the book change than E (push time). */
    private void setEventTime(L2Update update) {
        long timeMs = transactionTimeMs != ABSENT ? transactionTimeMs : eventTimeMs;
        if (timeMs != ABSENT) {
            update.eventTimeNanos(Math.multiplyExact(timeMs, 1_000_000L));
        }
    }

    private Kind reject(String reason) {
        rejections.reject(reason);
        return Kind.REJECTED;
    }
}
