package io.tributary.exchange.kraken;

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
import java.util.Arrays;

/**
 * Decodes Kraken WebSocket v1 book messages (exchange-protocols.md §7.2–7.3) into a reusable {@link L2Update}:
 * <pre>
 * [channelID, {"as":[..],"bs":[..]}, "book-1000", "XBT/USD"]                        snapshot
 * [channelID, {"a":[..]}, {"b":[..],"c":"974947235"}, "book-1000", "XBT/USD"]     update (one or two objects)
 * </pre>
 * Levels are {@code [price, volume, timestamp(, "r")]} strings kept in array order (the {@code "r"} republish flag
 * is a normal update); the unsigned CRC32 {@code c} goes to the carrier's checksum ({@link L2Update#NONE} on
 * snapshots) and the subscribed depth (from the channel name) is available from {@link #depth()}. Malformed input is counted and reported as {@link Kind#REJECTED}, never thrown.
 * Single-threaded; allocation-free in steady state.
 */
public final class KrakenBookDecoder {

    /** What a message turned out to be. */
    public enum Kind {
        /** A book snapshot or update; the carrier holds it. */
        BOOK,
        /** {@code {"event":"heartbeat"}}. */
        HEARTBEAT,
        /** Any other event or channel (status, subscription replies, trades, tickers). */
        OTHER,
        /** Malformed or not representable; counted in {@link #rejected()}. */
        REJECTED
    }

    private static final long SNAPSHOT_ASKS = hashCode64("as");
    private static final long SNAPSHOT_BIDS = hashCode64("bs");
    private static final long ASKS = hashCode64("a");
    private static final long BIDS = hashCode64("b");
    private static final long CHECKSUM = hashCode64("c");
    private static final long EVENT = hashCode64("event");
    private static final byte[][] HEARTBEAT_EVENT = {"heartbeat".getBytes(StandardCharsets.US_ASCII)};
    private static final byte[] BOOK_CHANNEL_PREFIX = "book-".getBytes(StandardCharsets.US_ASCII);

    private final Scales scales;
    private int priceScale;
    private int sizeScale;
    private final JsonCursor json = new JsonCursor();
    private final SymbolTable pairs = new SymbolTable();
    private final Rejections rejections = new Rejections("kraken book decoder");
    private int depth;
    private int messageEnd;
    private int channelStart;
    private int channelEnd;
    private int pairStart;
    private int pairEnd;

    /** @param scales decimals kept per symbol; values that do not fit are rejected, never rounded */
    public KrakenBookDecoder(Scales scales) {
        this.scales = scales;
    }

    /** Sets up the carrier for {@code symbol} at its scales. */
    private void start(L2Update update, String symbol) {
        priceScale = scales.priceScale(symbol);
        sizeScale = scales.sizeScale(symbol);
        update.clear(symbol, priceScale, sizeScale);
    }

    /** Decodes one message; for {@link Kind#BOOK} the update's symbol is the pair ({@code "XBT/USD"}). */
    public Kind decode(byte[] message, int offset, int length, L2Update update) {
        try {
            json.reset(message, offset, length);
            messageEnd = offset + length;
            return decode(update);
        } catch (MalformedMessageException | JSONException | IndexOutOfBoundsException e) {
            rejections.reject(e.getMessage());
            return Kind.REJECTED;
        } finally {
            json.close();
        }
    }

    /** @return the subscribed depth named by the last book message's channel ({@code book-1000} → 1000) */
    public int depth() {
        return depth;
    }

    /** @return how many messages were rejected so far */
    public long rejected() {
        return rejections.count();
    }

    private Kind decode(L2Update update) {
        JSONReader reader = json.reader();
        if (reader.isObject()) {
            return isHeartbeat() ? Kind.HEARTBEAT : Kind.OTHER;
        }
        if (!reader.nextIfArrayStart()) {
            throw new MalformedMessageException("neither an event object nor a channel array");
        }
        reader.skipValue(); // channelID: deprecated, data is identified by channel name and pair
        if (!reader.isObject()) {
            return Kind.OTHER; // trades and spreads carry arrays
        }
        // Channel name and pair come last, but decide how to read what precedes them (a ticker is an object too).
        readTail();
        if (!startsWith(json.bytes(), channelStart, channelEnd, BOOK_CHANNEL_PREFIX)) {
            return Kind.OTHER;
        }
        depth = parseDepth(json.bytes(), channelStart + BOOK_CHANNEL_PREFIX.length, channelEnd);
        start(update, pairs.intern(json.bytes(), pairStart, pairEnd));
        boolean snapshot = false;
        while (reader.isObject()) {
            reader.nextIfObjectStart();
            while (!reader.nextIfObjectEnd()) {
                long field = reader.readFieldNameHashCode();
                if (field == ASKS || field == SNAPSHOT_ASKS) {
                    snapshot |= field == SNAPSHOT_ASKS;
                    readLevels(Side.ASK, update);
                } else if (field == BIDS || field == SNAPSHOT_BIDS) {
                    snapshot |= field == SNAPSHOT_BIDS;
                    readLevels(Side.BID, update);
                } else if (field == CHECKSUM) {
                    update.checksum(json.readLong());
                } else {
                    reader.skipValue();
                }
            }
        }
        if (json.stringStart() != channelStart) {
            throw new MalformedMessageException("book objects not followed by the channel name");
        }
        update.snapshot(snapshot);
        return Kind.BOOK;
    }

    /**
     * Finds the last two strings of the message, {@code ...,"book-1000","XBT/USD"]}: the channel name and the pair.
     */
    private void readTail() {
        byte[] bytes = json.bytes();
        int i = previousNonBlank(bytes, messageEnd - 1);
        if (bytes[i] != ']') {
            throw new MalformedMessageException("channel message does not end with ]");
        }
        pairEnd = expect(bytes, previousNonBlank(bytes, i - 1), '"');
        pairStart = previousQuote(bytes, pairEnd - 1) + 1;
        int comma = expect(bytes, previousNonBlank(bytes, pairStart - 2), ',');
        channelEnd = expect(bytes, previousNonBlank(bytes, comma - 1), '"');
        channelStart = previousQuote(bytes, channelEnd - 1) + 1;
    }

    private static int previousNonBlank(byte[] bytes, int from) {
        int i = from;
        while (i > 0 && (bytes[i] == ' ' || bytes[i] == '\n' || bytes[i] == '\r' || bytes[i] == '\t')) {
            i--;
        }
        return i;
    }

    private static int previousQuote(byte[] bytes, int from) {
        int i = from;
        while (i > 0 && bytes[i] != '"') {
            i--;
        }
        return expect(bytes, i, '"');
    }

    private static int expect(byte[] bytes, int at, char c) {
        if (at <= 0 || bytes[at] != c) {
            throw new MalformedMessageException("no channel name and pair at the end of the message");
        }
        return at;
    }

    private boolean isHeartbeat() {
        JSONReader reader = json.reader();
        reader.nextIfObjectStart();
        while (!reader.nextIfObjectEnd()) {
            if (reader.readFieldNameHashCode() == EVENT) {
                return json.readStringMatch(HEARTBEAT_EVENT) == 0;
            }
            reader.skipValue();
        }
        return false;
    }

    /** {@code [["price","volume","timestamp"(,"r")], ...]} in array order. */
    private void readLevels(Side side, L2Update update) {
        json.readLevels(update, side, priceScale, sizeScale);
    }

    private static boolean startsWith(byte[] bytes, int from, int to, byte[] prefix) {
        return to - from >= prefix.length
                && Arrays.equals(bytes, from, from + prefix.length, prefix, 0, prefix.length);
    }

    private static int parseDepth(byte[] bytes, int from, int to) {
        if (from >= to || to - from > 6) {
            throw new MalformedMessageException("book channel without a depth");
        }
        int depth = 0;
        for (int i = from; i < to; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new MalformedMessageException("book channel with a bad depth");
            }
            depth = depth * 10 + digit;
        }
        return depth;
    }
}
