package io.tributary.book;

/**
 * Binance spot diff depth (exchange-protocols.md §3.4): the snapshot's {@code lastUpdateId} is the book's id;
 * an event with {@code u <= id} is stale; one with {@code U > id + 1} means events were missed; otherwise it is
 * applied and the id becomes {@code u}. For the first event after the snapshot this is exactly the bridge
 * condition {@code U <= lastUpdateId + 1 <= u}. Uses {@link L2Update#firstUpdateId()} ({@code U}) and
 * {@link L2Update#lastUpdateId()} ({@code u}).
 */
public final class BinanceSpotSequence extends AbstractSequenceTracker {

    @Override
    protected SequenceVerdict checkUpdate(L2Update update) {
        long first = update.firstUpdateId();
        long lastId = update.lastUpdateId();
        if (lastId <= last) {
            return SequenceVerdict.SKIP;
        }
        if (first > last + 1) {
            return gap(last + 1, first);
        }
        return apply(lastId);
    }
}
