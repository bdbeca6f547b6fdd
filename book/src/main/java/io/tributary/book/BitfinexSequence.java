package io.tributary.book;

/**
 * Bitfinex {@code SEQ_ALL} (exchange-protocols.md §11.4): one public sequence number per connection, on every
 * message of every channel (heartbeats included), each exactly the previous + 1. The first message of a connection
 * starts the count. Share one instance per connection and feed it every message ({@link #check(long)}); a gap
 * concerns every book on that connection, since which one lost the message is unknown. Book snapshots do not
 * restart the count. Uses {@link L2Update#lastUpdateId()} when used as a {@link SequenceTracker}.
 */
public final class BitfinexSequence extends AbstractSequenceTracker {

    /** Judges one message's sequence number. */
    public SequenceVerdict check(long sequence) {
        if (last != L2Update.NONE && sequence != last + 1) {
            return gap(last + 1, sequence);
        }
        return apply(sequence);
    }

    @Override
    protected boolean needsSnapshot() {
        return false;
    }

    @Override
    protected boolean snapshotRestarts() {
        return false;
    }

    @Override
    protected SequenceVerdict checkUpdate(L2Update update) {
        return check(update.lastUpdateId());
    }
}
