package io.tributary.model;

/** The side of an order book: bids (buy orders) or asks (sell orders). */
public enum Side {
    BID,
    ASK;

    /** @return the other side */
    public Side opposite() {
        return this == BID ? ASK : BID;
    }
}
