package io.tributary.exchange.okx;

import io.tributary.book.BookChecksum;
import io.tributary.book.L2Book;
import io.tributary.book.L2Update;
import io.tributary.book.OkxChecksum;
import io.tributary.book.OkxSequence;
import io.tributary.book.SequenceTracker;
import io.tributary.book.SymbolBook;
import io.tributary.book.SyncListener;
import io.tributary.exchange.ResyncRequester;
import io.tributary.exchange.Scales;
import io.tributary.exchange.SymbolBooks;
import io.tributary.exchange.okx.OkxBookDecoder.Kind;
import java.util.Collection;

/**
 * Keeps the OKX v5 books of one connection in sync (exchange-protocols.md §9.4–9.5): each instrument's snapshot
 * starts (or restarts) its book, updates are applied, the {@code prevSeqId} chain is checked when the feed carries
 * it, and the signed CRC32 {@code checksum} is verified (switch it off once OKX sends 0). A gap or mismatch puts
 * only that instrument out of sync and asks for a resubscription; its updates are dropped until the new snapshot.
 * Single writer thread.
 */
public final class OkxBookSync {

    private final OkxBookDecoder decoder;
    private final L2Update update = new L2Update();
    private final SymbolBooks books;

    /** @param checksums false to skip checksum verification (OKX stopped sending real values in 2026) */
    public OkxBookSync(Scales scales, boolean checksums, ResyncRequester requester,
            SyncListener listener) {
        this.decoder = new OkxBookDecoder(scales);
        this.books = new SymbolBooks("okx", new SymbolBooks.Factory() {
            @Override
            public L2Book book(String instrument) {
                return new L2Book(instrument, scales.priceScale(instrument), scales.sizeScale(instrument));
            }

            @Override
            public SequenceTracker tracker() {
                return new OkxSequence();
            }

            @Override
            public BookChecksum checksum() {
                return checksums ? new OkxChecksum() : null;
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

    /** @return the instrument's book, or null if never seen */
    public SymbolBook book(String instrument) {
        return books.get(instrument);
    }

    public Collection<SymbolBook> books() {
        return books.all();
    }

    /** @return updates dropped while their instrument waited for a new snapshot */
    public long droppedWhileSyncing() {
        return books.droppedWhileSyncing();
    }

    /** @return messages the decoder rejected */
    public long rejected() {
        return decoder.rejected();
    }
}
