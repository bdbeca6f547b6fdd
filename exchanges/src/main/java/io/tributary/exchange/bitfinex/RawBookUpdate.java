package io.tributary.exchange.bitfinex;

import java.util.Arrays;

/**
 * A Bitfinex raw book (R0) message: order entries {@code [ORDER_ID, PRICE, AMOUNT]} in wire order. A reusable
 * carrier the decoder refills; prices and amounts are scaled {@code long}s at the decoder's scales. Price 0 means
 * "remove this order"; amount &gt; 0 is a bid, &lt; 0 an ask (its size is the absolute value).
 */
public final class RawBookUpdate {

    private String symbol;
    private boolean snapshot;
    private int size;
    private long[] orderIds = new long[64];
    private long[] prices = new long[64];
    private long[] amounts = new long[64];

    void clear() {
        symbol = null;
        snapshot = false;
        size = 0;
    }

    void symbol(String symbol) {
        this.symbol = symbol;
    }

    void snapshot(boolean snapshot) {
        this.snapshot = snapshot;
    }

    void add(long orderId, long price, long amount) {
        if (size == orderIds.length) {
            orderIds = Arrays.copyOf(orderIds, size * 2);
            prices = Arrays.copyOf(prices, size * 2);
            amounts = Arrays.copyOf(amounts, size * 2);
        }
        orderIds[size] = orderId;
        prices[size] = price;
        amounts[size] = amount;
        size++;
    }

    public String symbol() {
        return symbol;
    }

    /** @return true for the subscription's initial snapshot (the whole raw book) */
    public boolean snapshot() {
        return snapshot;
    }

    /** @return the number of order entries */
    public int size() {
        return size;
    }

    public long orderId(int index) {
        return orderIds[index];
    }

    /** @return the price, 0 for a removal */
    public long price(int index) {
        return prices[index];
    }

    /** @return the signed amount: positive bid, negative ask */
    public long amount(int index) {
        return amounts[index];
    }
}
