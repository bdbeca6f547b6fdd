package io.tributary.book;

/**
 * Coinbase {@code sequence} (exchange-protocols.md §8.6): after the snapshot's sequence, messages at or below it
 * are stale and every later one must be exactly the previous + 1. Uses {@link L2Update#lastUpdateId()}.
 */
public final class CoinbaseSequence extends AbstractSequenceTracker {

    @Override
    protected SequenceVerdict checkUpdate(L2Update update) {
        long sequence = update.lastUpdateId();
        if (sequence <= last) {
            return SequenceVerdict.SKIP;
        }
        if (sequence != last + 1) {
            return gap(last + 1, sequence);
        }
        return apply(sequence);
    }
}
