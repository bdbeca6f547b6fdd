package io.tributary.book;

import io.tributary.model.DecimalParser;
import io.tributary.model.DecimalResult;
import io.tributary.model.Side;

import java.util.Arrays;

/**
 * One book message, decoded: a reusable, mutable carrier that a decoder fills for each message without
 * allocating (its arrays grow once to the largest message seen), and that {@link L2Book#apply} and
 * {@link SymbolBook#onUpdate} consume. Levels are kept in wire order: the last entry for a price wins.
 *
 * <p>Sizes are absolute; a size of zero deletes the level. Prices and sizes are scaled {@code long}s at the scales
 * set with {@link #clear(String, int, int)}; each level also keeps the number of decimals the exchange wrote, so
 * checksums over the exchange's own digits can be reproduced.
 *
 * <p>A value that cannot be represented exactly marks the whole update as {@link #rejected()}: it must not be
 * applied, and the symbol's book is resynchronised.
 */
public final class L2Update {

    /** Marks an absent sequence field or checksum. */
    public static final long NONE = Long.MIN_VALUE;

    private final DecimalParser parser = new DecimalParser();

    private String symbol = "";
    private int priceScale;
    private int sizeScale;
    private boolean snapshot;
    private long eventTimeNanos = NONE;
    private long firstUpdateId = NONE;
    private long lastUpdateId = NONE;
    private long prevUpdateId = NONE;
    private long checksum = NONE;
    private DecimalResult rejection = DecimalResult.OK;

    private int count;
    private Side[] sides;
    private long[] prices;
    private long[] sizes;
    private byte[] priceDecimals;
    private byte[] sizeDecimals;

    public L2Update() {
        this(64);
    }

    public L2Update(int initialLevels) {
        int capacity = Math.max(4, initialLevels);
        sides = new Side[capacity];
        prices = new long[capacity];
        sizes = new long[capacity];
        priceDecimals = new byte[capacity];
        sizeDecimals = new byte[capacity];
    }

    /**
     * Starts a new message: forgets the levels, the flags and the sequence fields.
     *
     * @param symbol     the exchange's symbol (pass a cached instance to avoid allocation)
     * @param priceScale decimals of the symbol's prices (see {@link L2Book#priceScale()})
     * @param sizeScale  decimals of the symbol's sizes
     */
    public L2Update clear(String symbol, int priceScale, int sizeScale) {
        this.symbol = symbol;
        this.priceScale = priceScale;
        this.sizeScale = sizeScale;
        snapshot = false;
        eventTimeNanos = NONE;
        firstUpdateId = NONE;
        lastUpdateId = NONE;
        prevUpdateId = NONE;
        checksum = NONE;
        rejection = DecimalResult.OK;
        count = 0;
        return this;
    }

    /** Marks this message as a full snapshot: the book is cleared before its levels are applied. */
    public L2Update snapshot(boolean isSnapshot) {
        this.snapshot = isSnapshot;
        return this;
    }

    /** @param nanos exchange event time, epoch nanoseconds (exact for ms and µs sources) */
    public L2Update eventTimeNanos(long nanos) {
        this.eventTimeNanos = nanos;
        return this;
    }

    /** @param id first update id covered by the message (Binance {@code U}) */
    public L2Update firstUpdateId(long id) {
        this.firstUpdateId = id;
        return this;
    }

    /**
     * @param id the message's own sequence number / last update id (Binance {@code u} or a snapshot's
     *           {@code lastUpdateId}, OKX {@code seqId}, HTX {@code seqNum}, Coinbase {@code sequence},
     *           Bybit {@code u}, Bitfinex SEQ_ALL number); becomes the book's update id
     */
    public L2Update lastUpdateId(long id) {
        this.lastUpdateId = id;
        return this;
    }

    /** @param id the id of the previous message (Binance futures {@code pu}, OKX {@code prevSeqId}, HTX {@code prevSeqNum}) */
    public L2Update prevUpdateId(long id) {
        this.prevUpdateId = id;
        return this;
    }

    /** @param value checksum sent with the message (Kraken: unsigned, OKX: signed), checked after applying */
    public L2Update checksum(long value) {
        this.checksum = value;
        return this;
    }

    /** Adds a level from already scaled values. */
    public L2Update add(Side side, long price, int priceDecimals, long size, int sizeDecimals) {
        if (count == prices.length) {
            grow();
        }
        sides[count] = side;
        prices[count] = price;
        sizes[count] = size;
        this.priceDecimals[count] = (byte) priceDecimals;
        this.sizeDecimals[count] = (byte) sizeDecimals;
        count++;
        return this;
    }

    /**
     * Parses and adds a level from text ranges of {@code buf} (quoted or bare JSON numbers). A value that does not
     * fit the scales marks the update rejected.
     *
     * @return false if a value was rejected (the level is not added)
     */
    public boolean add(Side side, byte[] buf, int priceFrom, int priceTo, int sizeFrom, int sizeTo) {
        DecimalResult priceResult = parser.parse(buf, priceFrom, priceTo, priceScale);
        if (priceResult != DecimalResult.OK) {
            return reject(priceResult);
        }
        long price = parser.value();
        int pDecimals = parser.decimals();
        DecimalResult sizeResult = parser.parse(buf, sizeFrom, sizeTo, sizeScale);
        if (sizeResult != DecimalResult.OK) {
            return reject(sizeResult);
        }
        add(side, price, pDecimals, parser.value(), parser.decimals());
        return true;
    }

    /** Same as {@link #add(Side, byte[], int, int, int, int)} for character text. */
    public boolean add(Side side, CharSequence price, CharSequence size) {
        DecimalResult priceResult = parser.parse(price, priceScale);
        if (priceResult != DecimalResult.OK) {
            return reject(priceResult);
        }
        long priceValue = parser.value();
        int pDecimals = parser.decimals();
        DecimalResult sizeResult = parser.parse(size, sizeScale);
        if (sizeResult != DecimalResult.OK) {
            return reject(sizeResult);
        }
        add(side, priceValue, pDecimals, parser.value(), parser.decimals());
        return true;
    }

    /** Marks the update as not applicable because a value was rejected; the first reason is kept. */
    public boolean reject(DecimalResult reason) {
        if (rejection == DecimalResult.OK) {
            rejection = reason;
        }
        return false;
    }

    /** Copies everything from {@code other} (used to buffer messages while waiting for a snapshot). */
    public L2Update copyFrom(L2Update other) {
        clear(other.symbol, other.priceScale, other.sizeScale);
        snapshot = other.snapshot;
        eventTimeNanos = other.eventTimeNanos;
        firstUpdateId = other.firstUpdateId;
        lastUpdateId = other.lastUpdateId;
        prevUpdateId = other.prevUpdateId;
        checksum = other.checksum;
        rejection = other.rejection;
        for (int i = 0; i < other.count; i++) {
            add(other.sides[i], other.prices[i], other.priceDecimals[i], other.sizes[i], other.sizeDecimals[i]);
        }
        return this;
    }

    public String symbol() {
        return symbol;
    }

    public int priceScale() {
        return priceScale;
    }

    public int sizeScale() {
        return sizeScale;
    }

    public boolean isSnapshot() {
        return snapshot;
    }

    /** @return exchange event time in epoch nanoseconds, or {@link #NONE} */
    public long eventTimeNanos() {
        return eventTimeNanos;
    }

    /** @return first update id, or {@link #NONE} */
    public long firstUpdateId() {
        return firstUpdateId;
    }

    /** @return last update id / sequence number, or {@link #NONE} */
    public long lastUpdateId() {
        return lastUpdateId;
    }

    /** @return previous message's id, or {@link #NONE} */
    public long prevUpdateId() {
        return prevUpdateId;
    }

    /** @return the checksum sent with the message, or {@link #NONE} */
    public long checksum() {
        return checksum;
    }

    /** @return true if a value did not fit and the update must not be applied */
    public boolean rejected() {
        return rejection != DecimalResult.OK;
    }

    /** @return why the update was rejected, or {@link DecimalResult#OK} */
    public DecimalResult rejection() {
        return rejection;
    }

    /** @return number of levels */
    public int size() {
        return count;
    }

    public Side side(int index) {
        return sides[index];
    }

    public long price(int index) {
        return prices[index];
    }

    public long size(int index) {
        return sizes[index];
    }

    public int priceDecimals(int index) {
        return priceDecimals[index];
    }

    public int sizeDecimals(int index) {
        return sizeDecimals[index];
    }

    private void grow() {
        int capacity = prices.length * 2;
        sides = Arrays.copyOf(sides, capacity);
        prices = Arrays.copyOf(prices, capacity);
        sizes = Arrays.copyOf(sizes, capacity);
        priceDecimals = Arrays.copyOf(priceDecimals, capacity);
        sizeDecimals = Arrays.copyOf(sizeDecimals, capacity);
    }

    @Override
    public String toString() {
        return "L2Update[" + symbol + (snapshot ? " snapshot" : "") + " U=" + firstUpdateId + " u=" + lastUpdateId
                + " pu=" + prevUpdateId + " levels=" + count + (rejected() ? " rejected=" + rejection : "") + "]";
    }
}
