package io.tributary.exchange.kraken;

import io.tributary.book.BookChecksum;
import io.tributary.book.KrakenChecksum;
import io.tributary.book.L2Book;
import io.tributary.book.L2Update;
import io.tributary.book.SequenceTracker;
import io.tributary.book.SymbolBook;
import io.tributary.book.SyncListener;
import io.tributary.book.Unsequenced;
import io.tributary.exchange.ResyncRequester;
import io.tributary.exchange.Scales;
import io.tributary.exchange.SymbolBooks;
import io.tributary.exchange.kraken.KrakenBookDecoder.Kind;
import java.util.Collection;

/**
 * Keeps the Kraken v1 books of one connection in sync (exchange-protocols.md §7.3, §7.6): each pair's snapshot
 * starts its book, updates are applied in order, each side is truncated to the subscribed depth (from the channel
 * name), and every update's CRC32 {@code c} is verified. A mismatch puts only that pair out of sync and asks for a
 * resubscription; its updates are dropped until the new snapshot. Kraken has no sequence numbers.
 * Single writer thread.
 */
public final class KrakenBookSync {

    private final KrakenBookDecoder decoder;
    private final L2Update update = new L2Update();
    private final SymbolBooks books;

    public KrakenBookSync(Scales scales, ResyncRequester requester, SyncListener listener) {
        this.decoder = new KrakenBookDecoder(scales);
        this.books = new SymbolBooks("kraken", new SymbolBooks.Factory() {
            @Override
            public L2Book book(String pair) {
                return new L2Book(pair, scales.priceScale(pair), scales.sizeScale(pair), decoder.depth());
            }

            @Override
            public SequenceTracker tracker() {
                return new Unsequenced();
            }

            @Override
            public BookChecksum checksum() {
                return new KrakenChecksum();
            }
        }, requester, listener, false);
    }

    /** Handles one WebSocket message. */
    public Kind onMessage(byte[] message, int offset, int length) {
        Kind kind = decoder.decode(message, offset, length, update);
        if (kind == Kind.BOOK) {
            books.onUpdate(update);
        }
        return kind;
    }

    /** @return the last decoded book message (reused) */
    public L2Update lastUpdate() {
        return update;
    }

    /** @return the pair's book, or null if never seen */
    public SymbolBook book(String pair) {
        return books.get(pair);
    }

    public Collection<SymbolBook> books() {
        return books.all();
    }

    /** @return updates dropped while their pair waited for a new snapshot */
    public long droppedWhileSyncing() {
        return books.droppedWhileSyncing();
    }

    /** @return messages the decoder rejected */
    public long rejected() {
        return decoder.rejected();
    }
}
