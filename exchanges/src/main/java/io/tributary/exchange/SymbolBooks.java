package io.tributary.exchange;

import io.tributary.book.BookChecksum;
import io.tributary.book.L2Book;
import io.tributary.book.L2Update;
import io.tributary.book.SequenceTracker;
import io.tributary.book.SymbolBook;
import io.tributary.book.SyncListener;
import io.tributary.book.SyncState;
import io.tributary.model.GapEvent;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The per-symbol books of one connection: creates a {@link SymbolBook} the first time a symbol is seen, routes
 * updates to it, and turns "out of sync" into a snapshot request for that one symbol. Single writer thread.
 *
 * <p>Feeds whose snapshot arrives in the stream (Kraken, OKX, Bitfinex) resubscribe after a failure; updates that
 * arrive between the failure and the new snapshot belong to the old book and are dropped here rather than buffered
 * (replaying them after the new snapshot would corrupt it). Feeds with a REST snapshot (Binance) buffer them.
 */
public final class SymbolBooks {

    /** Makes the parts of a new symbol's book. */
    public interface Factory {
        L2Book book(String symbol);

        SequenceTracker tracker();

        /** @return the checksum, or null if the exchange has none */
        BookChecksum checksum();
    }

    private final String exchange;
    private final Factory factory;
    private final ResyncRequester requester;
    private final SyncListener listener;
    private final boolean bufferUntilSnapshot;
    private final Map<String, SymbolBook> books = new HashMap<>();
    private long droppedWhileSyncing;

    /**
     * @param bufferUntilSnapshot true for REST-snapshot feeds (buffer updates while the snapshot is fetched), false
     *                            for feeds that send the snapshot in-stream
     * @param listener            also told about every gap and resync (sinks, metrics); may be null
     */
    public SymbolBooks(String exchange, Factory factory, ResyncRequester requester, SyncListener listener,
            boolean bufferUntilSnapshot) {
        this.exchange = exchange;
        this.factory = factory;
        this.requester = requester;
        this.listener = listener;
        this.bufferUntilSnapshot = bufferUntilSnapshot;
    }

    /** Routes one decoded update to its symbol's book, creating it (and asking for a snapshot) if new. */
    public SymbolBook onUpdate(L2Update update) {
        SymbolBook book = bookFor(update.symbol());
        if (!bufferUntilSnapshot && !update.isSnapshot() && book.state() != SyncState.LIVE) {
            droppedWhileSyncing++;
            return book;
        }
        book.onUpdate(update);
        return book;
    }

    /** @return the symbol's book, created (and a first snapshot requested) if it did not exist */
    public SymbolBook bookFor(String symbol) {
        SymbolBook book = books.get(symbol);
        if (book == null) {
            book = new SymbolBook(exchange, factory.book(symbol), factory.tracker(), factory.checksum(),
                    new Forwarder());
            books.put(symbol, book);
            requester.requestSnapshot(symbol, true);
        }
        return book;
    }

    /** @return the symbol's book, or null if never seen */
    public SymbolBook get(String symbol) {
        return books.get(symbol);
    }

    public Collection<SymbolBook> all() {
        return books.values();
    }

    /** @return updates dropped because their (in-stream snapshot) symbol was waiting for a new snapshot */
    public long droppedWhileSyncing() {
        return droppedWhileSyncing;
    }

    private final class Forwarder implements SyncListener {

        @Override
        public void onOutOfSync(SymbolBook book, GapEvent event) {
            if (listener != null) {
                listener.onOutOfSync(book, event);
            }
            requester.requestSnapshot(book.symbol(), false);
        }

        @Override
        public void onLive(SymbolBook book) {
            if (listener != null) {
                listener.onLive(book);
            }
        }
    }
}
