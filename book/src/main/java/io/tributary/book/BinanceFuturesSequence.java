package io.tributary.book;

/**
 * Binance USD-M and COIN-M futures diff depth: after the snapshot, events with {@code u < lastUpdateId} are stale;
 * the first applied event must satisfy {@code U <= lastUpdateId <= u}, or be the very next event
 * ({@code pu == lastUpdateId}: futures ids are not contiguous, so when the snapshot ends exactly at an event's
 * {@code u} the next event starts above it and the literal rule would resync a book that is already right);
 * every later event's {@code pu} must equal the previous event's {@code u}. Uses {@link L2Update#firstUpdateId()} ({@code U}),
 * {@link L2Update#lastUpdateId()} ({@code u}) and {@link L2Update#prevUpdateId()} ({@code pu}).
 */
public final class BinanceFuturesSequence extends AbstractSequenceTracker {

    private boolean bridged;

    @Override
    protected void onSnapshot(L2Update snapshot) {
        bridged = false;
    }

    @Override
    protected SequenceVerdict checkUpdate(L2Update update) {
        long lastId = update.lastUpdateId();
        if (!bridged) {
            if (lastId < last) {
                return SequenceVerdict.SKIP;
            }
            if (update.firstUpdateId() > last && update.prevUpdateId() != last) {
                return gap(last, update.firstUpdateId());
            }
            bridged = true;
            return apply(lastId);
        }
        if (update.prevUpdateId() == last) {
            return apply(lastId);
        }
        if (lastId <= last) {
            return SequenceVerdict.SKIP;
        }
        return gap(last, update.prevUpdateId());
    }

    @Override
    public void reset() {
        super.reset();
        bridged = false;
    }
}
