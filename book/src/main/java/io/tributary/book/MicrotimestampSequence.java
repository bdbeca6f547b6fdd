package io.tributary.book;

/**
 * Feeds whose only order is the event time (Bitstamp {@code diff_order_book}, exchange-protocols.md §5.5): the book's
 * id is the snapshot's {@code microtimestamp}; a diff not newer than the book is already covered and skipped (which
 * also drops a rotation overlap's repeats); every newer one is applied. A lost diff cannot be seen here: the connector
 * compares the book with periodic snapshots instead.
 */
public final class MicrotimestampSequence extends AbstractSequenceTracker {

    @Override
    protected SequenceVerdict checkUpdate(L2Update update) {
        long time = update.lastUpdateId();
        return time <= last ? SequenceVerdict.SKIP : apply(time);
    }
}
