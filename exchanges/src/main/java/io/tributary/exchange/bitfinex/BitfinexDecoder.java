package io.tributary.exchange.bitfinex;

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
 * Decodes one Bitfinex v2 WebSocket connection (exchange-protocols.md §11.2–11.7). It is stateful: the
 * {@code subscribed} events map each {@code chanId} to its channel and symbol, so a data message
 * {@code [chanId, ...]} can be read. Aggregated books (P0..P4) fill an {@link L2Update}; raw books (R0) a
 * {@link RawBookUpdate}; {@code hb} and {@code cs} are reported; every data message's trailing SEQ_ALL sequence
 * number (flag 65536) is available from {@link #sequence()} whatever its channel, since the number counts all
 * channels of the connection. Use one decoder per connection; single-threaded. Malformed input is counted and
 * reported as {@link Kind#REJECTED}, never thrown.
 */
public final class BitfinexDecoder {

    /** What a message turned out to be. */
    public enum Kind {
        /** An aggregated book snapshot or update; the L2 carrier holds it. */
        BOOK,
        /** A raw (R0) book snapshot or update; the raw carrier holds it. */
        RAW_BOOK,
        /** {@code [chanId,"cs",checksum]}; see {@link #checksum()}. */
        CHECKSUM,
        /** {@code [chanId,"hb"]}. */
        HEARTBEAT,
        /** An event object ({@code info}, {@code conf}, {@code subscribed}, {@code error}, ...). */
        EVENT,
        /** Data of a channel that is not a book (trades, tickers) or not known. */
        OTHER,
        /** Malformed or not representable; counted in {@link #rejected()}. */
        REJECTED
    }

    private static final long EVENT = hashCode64("event");
    private static final long CHANNEL = hashCode64("channel");
    private static final long CHANNEL_ID = hashCode64("chanId");
    private static final long SYMBOL = hashCode64("symbol");
    private static final long PRECISION = hashCode64("prec");
    private static final byte[][] EVENTS = ascii("subscribed", "unsubscribed");
    private static final byte[][] BOOK_CHANNEL = ascii("book");
    private static final byte[][] RAW_PRECISION = ascii("R0");
    private static final byte[][] CONTROL = ascii("hb", "cs");
    private static final byte OTHER_CHANNEL = 0;
    private static final byte BOOK_CHANNEL_TYPE = 1;
    private static final byte RAW_BOOK_CHANNEL_TYPE = 2;

    private final Scales scales;
    private int priceScale;
    private int sizeScale;
    private final JsonCursor json = new JsonCursor();
    private final SymbolTable symbols = new SymbolTable();
    private final Rejections rejections = new Rejections("bitfinex decoder");

    // chanId -> channel, a handful per connection: linear arrays beat a map here.
    private long[] channelIds = new long[32];
    private String[] channelSymbols = new String[32];
    private byte[] channelTypes = new byte[32];
    private int channels;

    private boolean hasSequence;
    private long sequence;
    private int checksum;
    private long channelId;

    /** @param scales decimals kept per symbol; values that do not fit are rejected, never rounded */
    public BitfinexDecoder(Scales scales) {
        this.scales = scales;
    }

    /** Sets up the carrier for {@code symbol} at its scales. */
    private void start(L2Update update, String symbol) {
        priceScale = scales.priceScale(symbol);
        sizeScale = scales.sizeScale(symbol);
        update.clear(symbol, priceScale, sizeScale);
    }

    /** Decodes one message of this connection. */
    public Kind decode(byte[] message, int offset, int length, L2Update book, RawBookUpdate rawBook) {
        hasSequence = false;
        try {
            json.reset(message, offset, length);
            return decode(book, rawBook);
        } catch (MalformedMessageException | JSONException | IndexOutOfBoundsException e) {
            rejections.reject(e.getMessage());
            return Kind.REJECTED;
        } finally {
            json.close();
        }
    }

    /** Forgets the channel map, for a new connection. */
    public void reset() {
        channels = 0;
    }

    /** @return whether the last data message carried a SEQ_ALL sequence number */
    public boolean hasSequence() {
        return hasSequence;
    }

    /** @return the SEQ_ALL sequence number of the last data message (see {@link #hasSequence()}) */
    public long sequence() {
        return sequence;
    }

    /** @return the signed CRC32 of the last {@link Kind#CHECKSUM} message */
    public int checksum() {
        return checksum;
    }

    /** @return the chanId of the last data message */
    public long channelId() {
        return channelId;
    }

    /** @return the symbol subscribed on {@code chanId} ({@code tBTCUSD}), or null if not known */
    public String symbolOf(long chanId) {
        int index = indexOf(chanId);
        return index < 0 ? null : channelSymbols[index];
    }

    /** @return how many messages were rejected so far */
    public long rejected() {
        return rejections.count();
    }

    private Kind decode(L2Update book, RawBookUpdate rawBook) {
        JSONReader reader = json.reader();
        if (reader.isObject()) {
            readEvent();
            return Kind.EVENT;
        }
        if (!reader.nextIfArrayStart()) {
            throw new MalformedMessageException("neither an event object nor a channel array");
        }
        channelId = json.readLong();
        int index = indexOf(channelId);
        byte type = index < 0 ? OTHER_CHANNEL : channelTypes[index];
        Kind kind;
        if (reader.isString()) {
            int control = json.readStringMatch(CONTROL);
            if (control == 0) {
                kind = Kind.HEARTBEAT;
            } else if (control == 1) {
                long value = json.readLong();
                if (value != (int) value) {
                    throw new MalformedMessageException("checksum out of 32-bit range");
                }
                checksum = (int) value;
                kind = Kind.CHECKSUM;
            } else {
                reader.skipValue(); // "te"/"tu" trade payload
                kind = Kind.OTHER;
            }
        } else if (type == BOOK_CHANNEL_TYPE) {
            start(book, channelSymbols[index]);
            readBook(book);
            kind = Kind.BOOK;
        } else if (type == RAW_BOOK_CHANNEL_TYPE) {
            rawBook.clear();
            rawBook.symbol(channelSymbols[index]);
            priceScale = scales.priceScale(channelSymbols[index]);
            sizeScale = scales.sizeScale(channelSymbols[index]);
            readRawBook(rawBook);
            kind = Kind.RAW_BOOK;
        } else {
            reader.skipValue();
            kind = Kind.OTHER;
        }
        // SEQ_ALL appends the public sequence number (authenticated channel 0 adds its own after it).
        while (!reader.nextIfArrayEnd()) {
            if (!hasSequence && reader.isNumber()) {
                sequence = json.readLong();
                hasSequence = true;
            } else {
                reader.skipValue();
            }
        }
        return kind;
    }

    /** P0..P4 snapshot {@code [[PRICE,COUNT,AMOUNT],...]} or update {@code [PRICE,COUNT,AMOUNT]}. */
    private void readBook(L2Update book) {
        JSONReader reader = json.reader();
        if (!reader.nextIfArrayStart()) {
            throw new MalformedMessageException("book payload is not an array");
        }
        if (reader.isArray() || reader.nextIfArrayEnd()) {
            book.snapshot(true);
            if (reader.isArray()) {
                while (!reader.nextIfArrayEnd()) {
                    if (!reader.nextIfArrayStart()) {
                        throw new MalformedMessageException("book entry is not an array");
                    }
                    readBookEntry(book);
                }
            }
            return;
        }
        readBookEntry(book);
    }

    /** Reads {@code PRICE,COUNT,AMOUNT]} after the opening bracket. COUNT 0 deletes; AMOUNT's sign is the side. */
    private void readBookEntry(L2Update book) {
        JSONReader reader = json.reader();
        long price = json.readExactDecimal(priceScale, "price");
        int priceDecimals = json.lastDecimals();
        long count = json.readLong();
        long amount = json.readExactDecimal(sizeScale, "amount");
        int amountDecimals = json.lastDecimals();
        if (!reader.nextIfArrayEnd()) {
            throw new MalformedMessageException("book entry longer than [PRICE,COUNT,AMOUNT]");
        }
        if (amount == 0 || count < 0) {
            throw new MalformedMessageException("book entry with zero amount or negative count");
        }
        Side side = amount > 0 ? Side.BID : Side.ASK;
        long size = count == 0 ? 0 : Math.abs(amount);
        book.add(side, price, priceDecimals, size, count == 0 ? 0 : amountDecimals);
    }

    /** R0 snapshot {@code [[ORDER_ID,PRICE,AMOUNT],...]} or update {@code [ORDER_ID,PRICE,AMOUNT]}. */
    private void readRawBook(RawBookUpdate rawBook) {
        JSONReader reader = json.reader();
        if (!reader.nextIfArrayStart()) {
            throw new MalformedMessageException("raw book payload is not an array");
        }
        if (reader.isArray() || reader.nextIfArrayEnd()) {
            rawBook.snapshot(true);
            if (reader.isArray()) {
                while (!reader.nextIfArrayEnd()) {
                    if (!reader.nextIfArrayStart()) {
                        throw new MalformedMessageException("raw book entry is not an array");
                    }
                    readRawEntry(rawBook);
                }
            }
            return;
        }
        readRawEntry(rawBook);
    }

    private void readRawEntry(RawBookUpdate rawBook) {
        long orderId = json.readLong();
        long price = json.readExactDecimal(priceScale, "price");
        long amount = json.readExactDecimal(sizeScale, "amount");
        if (!json.reader().nextIfArrayEnd()) {
            throw new MalformedMessageException("raw book entry longer than [ORDER_ID,PRICE,AMOUNT]");
        }
        if (amount == 0 || price < 0) {
            throw new MalformedMessageException("raw book entry with zero amount or negative price");
        }
        rawBook.add(orderId, price, amount);
    }

    /** {@code subscribed} registers its chanId, {@code unsubscribed} forgets it; other events are only reported. */
    private void readEvent() {
        JSONReader reader = json.reader();
        reader.nextIfObjectStart();
        int event = -1;
        long id = Long.MIN_VALUE;
        boolean book = false;
        boolean raw = false;
        String symbol = null;
        while (!reader.nextIfObjectEnd()) {
            long field = reader.readFieldNameHashCode();
            if (field == EVENT) {
                event = json.readStringMatch(EVENTS);
            } else if (field == CHANNEL_ID) {
                id = json.readLong();
            } else if (field == CHANNEL) {
                book = json.readStringMatch(BOOK_CHANNEL) == 0;
            } else if (field == PRECISION) {
                raw = json.readStringMatch(RAW_PRECISION) == 0;
            } else if (field == SYMBOL) {
                symbol = json.readSymbol(symbols);
            } else {
                reader.skipValue();
            }
        }
        if (event == 0 && id != Long.MIN_VALUE) {
            register(id, symbol, !book ? OTHER_CHANNEL : raw ? RAW_BOOK_CHANNEL_TYPE : BOOK_CHANNEL_TYPE);
        } else if (event == 1 && id != Long.MIN_VALUE) {
            forget(id);
        }
    }

    private void register(long id, String symbol, byte type) {
        int index = indexOf(id);
        if (index < 0) {
            if (channels == channelIds.length) {
                channelIds = Arrays.copyOf(channelIds, channels * 2);
                channelSymbols = Arrays.copyOf(channelSymbols, channels * 2);
                channelTypes = Arrays.copyOf(channelTypes, channels * 2);
            }
            index = channels++;
        }
        channelIds[index] = id;
        channelSymbols[index] = symbol;
        channelTypes[index] = type;
    }

    private void forget(long id) {
        int index = indexOf(id);
        if (index >= 0) {
            channels--;
            channelIds[index] = channelIds[channels];
            channelSymbols[index] = channelSymbols[channels];
            channelTypes[index] = channelTypes[channels];
        }
    }

    private int indexOf(long id) {
        for (int i = 0; i < channels; i++) {
            if (channelIds[i] == id) {
                return i;
            }
        }
        return -1;
    }

    private static byte[][] ascii(String... texts) {
        byte[][] bytes = new byte[texts.length][];
        for (int i = 0; i < texts.length; i++) {
            bytes[i] = texts[i].getBytes(StandardCharsets.US_ASCII);
        }
        return bytes;
    }
}
