package io.tributary.book;

/** What a {@link SequenceTracker} says to do with a message. */
public enum SequenceVerdict {
    /** In sequence: apply it. */
    APPLY,
    /** Already covered by the book (older than the snapshot, or a repeat): drop it and count it as stale. */
    SKIP,
    /** Messages were lost: the symbol's book is out of sync and needs a new snapshot. */
    GAP
}
