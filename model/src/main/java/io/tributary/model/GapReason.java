package io.tributary.model;

/** Why a symbol's book was declared out of sync. */
public enum GapReason {
    /** The exchange's sequence rule was broken: a message was lost (or duplicated/reordered). */
    SEQUENCE_GAP,
    /** The book's checksum differs from the exchange's. */
    CHECKSUM_MISMATCH,
    /** A price or size did not fit the book's scale exactly and was rejected, so the message could not be applied. */
    VALUE_REJECTED,
    /** An L3 message referred to an order the book does not hold (or removed more than the order had). */
    UNKNOWN_ORDER
}
