package io.tributary.exchange.bitfinex;

import io.tributary.book.L3Book;
import io.tributary.book.SyncState;
import io.tributary.model.Side;

/**
 * One symbol's Bitfinex raw (R0) book kept in sync: the snapshot fills an {@link L3Book} atomically; an update with
 * price 0 removes its order, any other adds it or replaces it (it may move price). A removal of an order the book
 * does not hold means the book lost track: only this symbol goes out of sync and waits for a new snapshot.
 * Raw books may be transiently crossed (orders that will match are briefly both shown); that is counted, not an
 * error. Single writer thread; state and counters readable from any thread.
 */
public final class RawBookSync {

    private final L3Book book;
    private volatile SyncState state = SyncState.SYNCING;
    private volatile long messages;
    private volatile long crossed;
    private volatile long resyncs;
    private volatile long droppedWhileSyncing;

    RawBookSync(L3Book book) {
        this.book = book;
    }

    /** @return false if the update made the book lose track (it is then out of sync) */
    boolean apply(RawBookUpdate update) {
        messages++;
        if (update.snapshot()) {
            if (state == SyncState.OUT_OF_SYNC) {
                resyncs++;
            }
            book.beginBatch();
            try {
                book.clear();
                for (int i = 0; i < update.size(); i++) {
                    put(update, i);
                }
            } finally {
                book.endBatch();
            }
            state = book.isOutOfSync() ? SyncState.OUT_OF_SYNC : SyncState.LIVE;
        } else if (state != SyncState.LIVE) {
            droppedWhileSyncing++;
            return true;
        } else {
            for (int i = 0; i < update.size(); i++) {
                if (update.price(i) == 0) {
                    book.delete(update.orderId(i));
                } else {
                    put(update, i);
                }
            }
            if (book.isOutOfSync()) {
                state = SyncState.OUT_OF_SYNC;
            }
        }
        if (state == SyncState.LIVE && book.isCrossed()) {
            crossed++;
        }
        return state != SyncState.OUT_OF_SYNC;
    }

    /** Declares the book out of sync for a reason found outside it (a connection-wide SEQ_ALL gap). */
    void markOutOfSync() {
        state = SyncState.OUT_OF_SYNC;
        book.clear();
    }

    private void put(RawBookUpdate update, int i) {
        long amount = update.amount(i);
        book.put(update.orderId(i), amount > 0 ? Side.BID : Side.ASK, update.price(i), Math.abs(amount));
    }

    public String symbol() {
        return book.symbol();
    }

    /** @return the book; readers on other threads use {@link L3Book#view(int)} */
    public L3Book book() {
        return book;
    }

    public SyncState state() {
        return state;
    }

    /** @return raw book messages handled */
    public long messages() {
        return messages;
    }

    /** @return messages after which the live book was crossed (transient on raw books) */
    public long crossed() {
        return crossed;
    }

    /** @return snapshots that brought the book back after it went out of sync */
    public long resyncs() {
        return resyncs;
    }

    /** @return updates dropped while waiting for a new snapshot */
    public long droppedWhileSyncing() {
        return droppedWhileSyncing;
    }
}
