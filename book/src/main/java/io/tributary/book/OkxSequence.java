package io.tributary.book;

/**
 * OKX v5 books (exchange-protocols.md §9.4): a snapshot ({@code prevSeqId = -1}) sets the id to its
 * {@code seqId}; every update's {@code prevSeqId} must equal the previous message's {@code seqId}. That also
 * accepts the keep-alive ({@code prevSeqId == seqId}) and the restart after maintenance ({@code seqId < prevSeqId}).
 * A message the book already covers ({@code seqId <= id}: buffered before a new snapshot, or a repeat) is stale;
 * anything else is a gap. Messages without sequence fields (recordings older than
 * {@code seqId}) are applied and left to the checksum. Uses {@link L2Update#lastUpdateId()} ({@code seqId}) and
 * {@link L2Update#prevUpdateId()} ({@code prevSeqId}).
 */
public final class OkxSequence extends AbstractSequenceTracker {

    /** {@code prevSeqId} of a snapshot. */
    public static final long SNAPSHOT_PREV_SEQ_ID = -1;

    @Override
    protected boolean needsSnapshot() {
        return false;
    }

    @Override
    protected SequenceVerdict checkUpdate(L2Update update) {
        long prev = update.prevUpdateId();
        if (prev == L2Update.NONE && update.lastUpdateId() == L2Update.NONE) {
            return SequenceVerdict.APPLY;
        }
        if (prev == SNAPSHOT_PREV_SEQ_ID) {
            return apply(update.lastUpdateId());
        }
        if (last != L2Update.NONE && prev == last) {
            return apply(update.lastUpdateId());
        }
        if (last != L2Update.NONE && update.lastUpdateId() <= last) {
            return SequenceVerdict.SKIP;
        }
        return gap(last, prev);
    }
}
