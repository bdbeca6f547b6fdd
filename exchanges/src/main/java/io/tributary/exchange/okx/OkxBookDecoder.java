package io.tributary.exchange.okx;

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
 * Decodes OKX v5 order book pushes ({@code books}, {@code books-l2-tbt}, {@code books50-l2-tbt}, {@code books5},
 * {@code bbo-tbt}; exchange-protocols.md §9.4–9.5) into a reusable {@link L2Update}:
 * <pre>
 * {"arg":{"channel":"books","instId":"BTC-USDT"},"action":"snapshot",
 *  "data":[{"asks":[["8476.98","415","0","13"]],"bids":[..],"ts":"1597026383085","checksum":-855196043,
 *           "prevSeqId":-1,"seqId":123456}]}
 * </pre>
 * {@code seqId}/{@code prevSeqId} (when present) go to the update's last/previous update id, {@code ts} to its
 * exchange time, the signed CRC32 {@code checksum} to its checksum ({@link L2Update#NONE} when absent). The snapshot-only
 * channels ({@code books5}, {@code bbo-tbt}) have no {@code action} and are reported as snapshots.
 * Single-threaded; malformed input is counted and reported as {@link Kind#REJECTED}, never thrown.
 */
public final class OkxBookDecoder {

    /** What a message turned out to be. */
    public enum Kind {
        /** A book snapshot or update; the carrier holds it. */
        BOOK,
        /** Any other channel or an event ({@code subscribe}, {@code error}, trades, tickers). */
        OTHER,
        /** Malformed or not representable; counted in {@link #rejected()}. */
        REJECTED
    }

    private static final long ARG = hashCode64("arg");
    private static final long CHANNEL = hashCode64("channel");
    private static final long INSTRUMENT = hashCode64("instId");
    private static final long ACTION = hashCode64("action");
    private static final long DATA = hashCode64("data");
    private static final long ASKS = hashCode64("asks");
    private static final long BIDS = hashCode64("bids");
    private static final long TIMESTAMP = hashCode64("ts");
    private static final long CHECKSUM = hashCode64("checksum");
    private static final long SEQ_ID = hashCode64("seqId");
    private static final long PREV_SEQ_ID = hashCode64("prevSeqId");
    private static final byte[][] BOOK_CHANNELS = ascii("books", "books-l2-tbt", "books50-l2-tbt", "books5", "bbo-tbt");
    private static final byte[][] ACTIONS = ascii("snapshot", "update");
    private static final long ABSENT = L2Update.NONE;

    private final Scales scales;
    private int priceScale;
    private int sizeScale;
    private final JsonCursor json = new JsonCursor();
    private final SymbolTable instruments = new SymbolTable();
    private final Rejections rejections = new Rejections("okx book decoder");

    /** @param scales decimals kept per symbol; values that do not fit are rejected, never rounded */
    public OkxBookDecoder(Scales scales) {
        this.scales = scales;
    }

    /** Sets up the carrier for {@code symbol} at its scales. */
    private void start(L2Update update, String symbol) {
        priceScale = scales.priceScale(symbol);
        sizeScale = scales.sizeScale(symbol);
        update.clear(symbol, priceScale, sizeScale);
    }

    /** Decodes one message; for {@link Kind#BOOK} the update's symbol is the {@code instId}. */
    public Kind decode(byte[] message, int offset, int length, L2Update update) {
        try {
            json.reset(message, offset, length);
            return decode(update);
        } catch (MalformedMessageException | JSONException | IndexOutOfBoundsException e) {
            rejections.reject(e.getMessage());
            return Kind.REJECTED;
        } finally {
            json.close();
        }
    }

    /** @return how many messages were rejected so far */
    public long rejected() {
        return rejections.count();
    }

    private Kind decode(L2Update update) {
        JSONReader reader = json.reader();
        if (!reader.nextIfObjectStart()) {
            throw new MalformedMessageException("not a JSON object");
        }
        start(update, "");
        boolean bookChannel = false;
        boolean data = false;
        int action = 0; // snapshot unless told otherwise (books5, bbo-tbt send whole books without an action)
        String instrument = null;
        while (!reader.nextIfObjectEnd()) {
            long field = reader.readFieldNameHashCode();
            if (field == ARG && reader.isObject()) {
                reader.nextIfObjectStart();
                while (!reader.nextIfObjectEnd()) {
                    long argField = reader.readFieldNameHashCode();
                    if (argField == CHANNEL) {
                        bookChannel = json.readStringMatch(BOOK_CHANNELS) >= 0;
                    } else if (argField == INSTRUMENT) {
                        instrument = json.readSymbol(instruments);
                        start(update, instrument);
                    } else {
                        reader.skipValue();
                    }
                }
                if (!bookChannel) {
                    return Kind.OTHER;
                }
            } else if (field == ACTION) {
                action = json.readStringMatch(ACTIONS);
                if (action < 0) {
                    throw new MalformedMessageException("unknown book action");
                }
            } else if (field == DATA && bookChannel) {
                readData(update);
                data = true;
            } else {
                reader.skipValue(); // events, or data before we know the channel (never sent so)
            }
        }
        if (!data) {
            return Kind.OTHER;
        }
        if (instrument == null) {
            throw new MalformedMessageException("book push without instId");
        }
        update.snapshot(action == 0);
        return Kind.BOOK;
    }

    /** {@code [{"asks":..,"bids":..,"ts":..,"checksum":..,"prevSeqId":..,"seqId":..}]}: one element for books. */
    private void readData(L2Update update) {
        JSONReader reader = json.reader();
        if (!reader.nextIfArrayStart()) {
            throw new MalformedMessageException("data is not an array");
        }
        int elements = 0;
        long seqId = ABSENT;
        long prevSeqId = ABSENT;
        while (!reader.nextIfArrayEnd()) {
            if (++elements > 1 || !reader.nextIfObjectStart()) {
                throw new MalformedMessageException("book data must hold exactly one object");
            }
            while (!reader.nextIfObjectEnd()) {
                long field = reader.readFieldNameHashCode();
                if (field == ASKS) {
                    readLevels(Side.ASK, update);
                } else if (field == BIDS) {
                    readLevels(Side.BID, update);
                } else if (field == TIMESTAMP) {
                    update.eventTimeNanos(Math.multiplyExact(json.readLong(), 1_000_000L));
                } else if (field == CHECKSUM) {
                    long value = json.readLong();
                    if (value != (int) value) {
                        throw new MalformedMessageException("checksum out of 32-bit range");
                    }
                    update.checksum(value);
                } else if (field == SEQ_ID) {
                    seqId = json.readLong();
                } else if (field == PREV_SEQ_ID) {
                    prevSeqId = json.readLong();
                } else {
                    reader.skipValue();
                }
            }
        }
        if (elements == 0) {
            throw new MalformedMessageException("empty book data");
        }
        update.lastUpdateId(seqId);
        update.prevUpdateId(prevSeqId);
    }

    /** {@code [["price","size","0","orders"], ...]}: the deprecated third and the order count are ignored. */
    private void readLevels(Side side, L2Update update) {
        json.readLevels(update, side, priceScale, sizeScale);
    }

    private static byte[][] ascii(String... texts) {
        byte[][] bytes = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++) {
            bytes[i] = texts[i].getBytes(StandardCharsets.US_ASCII);
        }
        return bytes;
    }
}
