package io.tributary.book;

/**
 * HTX (Huobi) MBP (exchange-protocols.md §4.6): the snapshot's {@code seqNum} is the book's id; updates with
 * {@code seqNum <= id} are stale (buffered before the snapshot); the next must have {@code prevSeqNum == id}, and
 * so on. Numbers need not be contiguous; only the chaining matters. Uses {@link L2Update#lastUpdateId()}
 * ({@code seqNum}) and {@link L2Update#prevUpdateId()} ({@code prevSeqNum}).
 */
public final class HuobiSequence extends AbstractSequenceTracker {

    @Override
    protected SequenceVerdict checkUpdate(L2Update update) {
        if (update.prevUpdateId() == last) {
            return apply(update.lastUpdateId());
        }
        if (update.lastUpdateId() <= last) {
            return SequenceVerdict.SKIP;
        }
        return gap(last, update.prevUpdateId());
    }
}
