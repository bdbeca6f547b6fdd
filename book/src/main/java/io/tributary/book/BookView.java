package io.tributary.book;

import io.tributary.model.Decimals;
import io.tributary.model.Side;

import java.math.BigDecimal;

/**
 * An immutable copy of the top of a book, as one writer message left it: safe to keep and to read from any
 * thread. Level 0 is the best level of each side.
 */
public final class BookView {

    private final String symbol;
    private final long updateId;
    private final long eventTimeNanos;
    private final int priceScale;
    private final int sizeScale;
    private final long[] bidPrices;
    private final long[] bidSizes;
    private final long[] askPrices;
    private final long[] askSizes;

    BookView(String symbol, long updateId, long eventTimeNanos, int priceScale, int sizeScale,
             long[] bidPrices, long[] bidSizes, long[] askPrices, long[] askSizes) {
        this.symbol = symbol;
        this.updateId = updateId;
        this.eventTimeNanos = eventTimeNanos;
        this.priceScale = priceScale;
        this.sizeScale = sizeScale;
        this.bidPrices = bidPrices;
        this.bidSizes = bidSizes;
        this.askPrices = askPrices;
        this.askSizes = askSizes;
    }

    public String symbol() {
        return symbol;
    }

    /** @return the book's update id when the view was taken ({@link L2Update#NONE} if never set) */
    public long updateId() {
        return updateId;
    }

    /** @return exchange time of the last message in the view, epoch ns, {@link L2Update#NONE} if unknown */
    public long eventTimeNanos() {
        return eventTimeNanos;
    }

    public int priceScale() {
        return priceScale;
    }

    public int sizeScale() {
        return sizeScale;
    }

    /** @return number of levels copied for that side */
    public int depth(Side side) {
        return side == Side.BID ? bidPrices.length : askPrices.length;
    }

    /** @return scaled price of the {@code level}-th best level (0 = best) */
    public long price(Side side, int level) {
        return side == Side.BID ? bidPrices[level] : askPrices[level];
    }

    /** @return scaled size of the {@code level}-th best level */
    public long size(Side side, int level) {
        return side == Side.BID ? bidSizes[level] : askSizes[level];
    }

    public BigDecimal priceDecimal(Side side, int level) {
        return Decimals.toBigDecimal(price(side, level), priceScale);
    }

    public BigDecimal sizeDecimal(Side side, int level) {
        return Decimals.toBigDecimal(size(side, level), sizeScale);
    }

    /** @return best bid price, or {@link L2Book#NO_PRICE} */
    public long bestBid() {
        return bidPrices.length == 0 ? L2Book.NO_PRICE : bidPrices[0];
    }

    /** @return best ask price, or {@link L2Book#NO_PRICE} */
    public long bestAsk() {
        return askPrices.length == 0 ? L2Book.NO_PRICE : askPrices[0];
    }

    /** @return true if both sides have levels and the best bid is not below the best ask */
    public boolean isCrossed() {
        return bidPrices.length > 0 && askPrices.length > 0 && bidPrices[0] >= askPrices[0];
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(symbol).append(" #").append(updateId).append(" bids=[");
        appendSide(text, Side.BID);
        text.append("] asks=[");
        appendSide(text, Side.ASK);
        return text.append(']').toString();
    }

    private void appendSide(StringBuilder text, Side side) {
        for (int i = 0; i < depth(side); i++) {
            if (i > 0) {
                text.append(", ");
            }
            text.append(Decimals.toPlainString(price(side, i), priceScale)).append('x')
                    .append(Decimals.toPlainString(size(side, i), sizeScale));
        }
    }
}
