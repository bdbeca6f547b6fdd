package io.tributary.book;

/**
 * One exchange's sequence rule for one symbol's book messages (one class per rule). A snapshot (re)starts the
 * tracking at its id; every later message is judged {@link SequenceVerdict#APPLY apply},
 * {@link SequenceVerdict#SKIP skip} (stale) or {@link SequenceVerdict#GAP gap}. After a gap the tracker waits for
 * the next snapshot. Single-threaded, allocation-free.
 */
public interface SequenceTracker {

    /** Judges a message and, when it is to be applied, advances to it. */
    SequenceVerdict check(L2Update update);

    /** Forgets everything; the next message must be a snapshot. */
    void reset();

    /** @return the id the book is at (last applied), {@link L2Update#NONE} before a snapshot */
    long lastId();

    /** @return after a {@link SequenceVerdict#GAP}: the id the rule expected (e.g. previous id + 1) */
    long expected();

    /** @return after a {@link SequenceVerdict#GAP}: the id that arrived instead */
    long received();
}
