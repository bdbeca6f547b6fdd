package io.tributary.exchange;

import io.tributary.book.SymbolBook;
import io.tributary.book.SymbolCounters;
import io.tributary.book.SyncState;

/**
 * One symbol's counters at one instant.
 *
 * @param state          whether the book is in sync now
 * @param bookMessages   book messages received (snapshots and updates)
 * @param applied        book messages applied
 * @param stale          book messages dropped as already covered by the snapshot
 * @param gaps           sequence gaps detected
 * @param resyncs        snapshots that brought the book back after a gap
 * @param staleSnapshots snapshots discarded because they were older than the buffered updates (fetched again)
 * @param checksumOk     checksums verified
 * @param checksumFailed checksums that failed
 * @param crossed        applied messages after which the book was crossed
 * @param rejected       messages holding a value that did not fit the book's scale
 * @param trades         trades received
 * @param bestBidAsks    best bid/ask updates received
 */
public record SymbolStats(String symbol, SyncState state, long bookMessages, long applied, long stale, long gaps,
                          long resyncs, long staleSnapshots, long checksumOk, long checksumFailed, long crossed,
                          long rejected, long trades, long bestBidAsks) {

    /** Reads a book's counters (any thread) together with the connector's own. */
    public static SymbolStats of(SymbolBook book, long staleSnapshots, long trades, long bestBidAsks) {
        SymbolCounters c = book.counters();
        return new SymbolStats(book.symbol(), book.state(), c.messages(), c.applied(), c.stale(), c.gaps(),
                c.resyncs(), staleSnapshots, c.checksumOk(), c.checksumFailed(), c.crossed(), c.rejected(), trades,
                bestBidAsks);
    }

    /** Counters of a symbol without a book (trades or best bid/ask only). */
    public static SymbolStats withoutBook(String symbol, long trades, long bestBidAsks) {
        return new SymbolStats(symbol, SyncState.SYNCING, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, trades, bestBidAsks);
    }
}
