package io.tributary.book;

/** Where a symbol's book stands. */
public enum SyncState {
    /** Waiting for the first snapshot; updates are buffered. */
    SYNCING,
    /** Snapshot applied and every message since in sequence: the book is trustworthy. */
    LIVE,
    /** A gap, checksum mismatch or rejected value: the book was cleared; updates are buffered until a new snapshot. */
    OUT_OF_SYNC
}
