package io.tributary.exchange.bitfinex;

import io.tributary.book.BitfinexChecksum;
import io.tributary.book.BitfinexRawChecksum;
import io.tributary.book.BitfinexSequence;
import io.tributary.book.BookChecksum;
import io.tributary.book.L2Book;
import io.tributary.book.L2Update;
import io.tributary.book.L3Book;
import io.tributary.book.SequenceTracker;
import io.tributary.book.SequenceVerdict;
import io.tributary.book.SymbolBook;
import io.tributary.book.SyncListener;
import io.tributary.book.SyncState;
import io.tributary.book.Unsequenced;
import io.tributary.exchange.ResyncRequester;
import io.tributary.exchange.Scales;
import io.tributary.exchange.SymbolBooks;
import io.tributary.exchange.bitfinex.BitfinexDecoder.Kind;
import io.tributary.model.GapReason;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps the Bitfinex v2 books of one connection in sync (exchange-protocols.md §11.2–11.7): aggregated (P0..P4)
 * books as {@link SymbolBook}s, raw (R0) books as {@link RawBookSync}s, {@code cs} checksums verified against the
 * symbol's book, and the connection's SEQ_ALL number checked on every message.
 *
 * <p>A checksum mismatch or a raw-book removal of an unknown order concerns one symbol: only it resubscribes. A
 * SEQ_ALL gap is different: the number counts every channel of the connection, so which book lost the message is
 * unknown, and every book of the connection is resynchronised. Single writer thread.
 */
public final class BitfinexBookSync {

    private final BitfinexDecoder decoder;
    private final L2Update update = new L2Update();
    private final RawBookUpdate rawUpdate = new RawBookUpdate();
    private final BitfinexSequence sequence = new BitfinexSequence();
    private final BitfinexRawChecksum rawChecksum = new BitfinexRawChecksum();
    private final SymbolBooks books;
    private final Map<String, RawBookSync> rawBooks = new HashMap<>();
    private final ResyncRequester requester;
    private final Scales scales;
    private long sequenceGaps;
    private long rawChecksumOk;
    private long rawChecksumFailed;

    public BitfinexBookSync(Scales scales, ResyncRequester requester, SyncListener listener) {
        this.decoder = new BitfinexDecoder(scales);
        this.requester = requester;
        this.scales = scales;
        this.books = new SymbolBooks("bitfinex", new SymbolBooks.Factory() {
            @Override
            public L2Book book(String symbol) {
                return new L2Book(symbol, scales.priceScale(symbol), scales.sizeScale(symbol));
            }

            @Override
            public SequenceTracker tracker() {
                return new Unsequenced(); // SEQ_ALL is per connection, checked here for all books at once
            }

            @Override
            public BookChecksum checksum() {
                return new BitfinexChecksum();
            }
        }, requester, listener, false);
    }

    /** Handles one WebSocket message of the connection. */
    public Kind onMessage(byte[] message, int offset, int length) {
        Kind kind = decoder.decode(message, offset, length, update, rawUpdate);
        if (decoder.hasSequence() && sequence.check(decoder.sequence()) == SequenceVerdict.GAP) {
            sequenceGaps++;
            resyncAll();
        }
        switch (kind) {
            case BOOK -> books.onUpdate(update);
            case RAW_BOOK -> onRawBook();
            case CHECKSUM -> onChecksum();
            default -> {
            }
        }
        return kind;
    }

    /** Starts over for a new connection: channel ids and the SEQ_ALL count are per connection. */
    public void onReconnect() {
        decoder.reset();
        sequence.reset();
    }

    private void onRawBook() {
        RawBookSync raw = rawBooks.get(rawUpdate.symbol());
        if (raw == null) {
            raw = new RawBookSync(new L3Book(rawUpdate.symbol(), scales.priceScale(rawUpdate.symbol()),
                    scales.sizeScale(rawUpdate.symbol())));
            rawBooks.put(rawUpdate.symbol(), raw);
        }
        if (!raw.apply(rawUpdate)) {
            requester.requestSnapshot(raw.symbol(), false);
        }
    }

    private void onChecksum() {
        String symbol = decoder.symbolOf(decoder.channelId());
        if (symbol == null) {
            return;
        }
        RawBookSync raw = rawBooks.get(symbol);
        if (raw != null) {
            if (raw.state() != SyncState.LIVE) {
                return;
            }
            if (rawChecksum.compute(raw.book()) == decoder.checksum()) {
                rawChecksumOk++;
            } else {
                rawChecksumFailed++;
                raw.markOutOfSync();
                requester.requestSnapshot(symbol, false);
            }
            return;
        }
        SymbolBook book = books.get(symbol);
        if (book != null) {
            book.verifyChecksum(decoder.checksum());
        }
    }

    private void resyncAll() {
        for (SymbolBook book : books.all()) {
            if (book.state() == SyncState.LIVE) {
                book.markOutOfSync(GapReason.SEQUENCE_GAP, sequence.expected(), sequence.received());
            }
        }
        for (RawBookSync raw : rawBooks.values()) {
            if (raw.state() == SyncState.LIVE) {
                raw.markOutOfSync();
                requester.requestSnapshot(raw.symbol(), false);
            }
        }
    }

    /** @return the aggregated book of {@code symbol} ({@code tBTCUSD}), or null if never seen */
    public SymbolBook book(String symbol) {
        return books.get(symbol);
    }

    public Collection<SymbolBook> books() {
        return books.all();
    }

    /** @return the raw book of {@code symbol}, or null if never seen */
    public RawBookSync rawBook(String symbol) {
        return rawBooks.get(symbol);
    }

    /** @return every raw book seen */
    public Collection<RawBookSync> rawBooks() {
        return rawBooks.values();
    }

    /** @return SEQ_ALL breaks on this connection (each resynchronised every book of the connection) */
    public long sequenceGaps() {
        return sequenceGaps;
    }

    /** @return the last SEQ_ALL number seen, or {@link L2Update#NONE} */
    public long lastSequence() {
        return sequence.lastId();
    }

    public long rawChecksumOk() {
        return rawChecksumOk;
    }

    public long rawChecksumFailed() {
        return rawChecksumFailed;
    }

    /** @return updates dropped while their symbol waited for a new snapshot (aggregated books) */
    public long droppedWhileSyncing() {
        return books.droppedWhileSyncing();
    }

    /** @return messages the decoder rejected */
    public long rejected() {
        return decoder.rejected();
    }
}
