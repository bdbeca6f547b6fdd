package io.tributary.exchange.binance;

import io.tributary.book.BinanceFuturesSequence;
import io.tributary.book.BinanceSpotSequence;
import io.tributary.book.BookChecksum;
import io.tributary.book.L2Book;
import io.tributary.book.L2Update;
import io.tributary.book.SequenceTracker;
import io.tributary.book.SymbolBook;
import io.tributary.book.SyncListener;
import io.tributary.exchange.ResyncRequester;
import io.tributary.exchange.Scales;
import io.tributary.exchange.SymbolBooks;
import io.tributary.exchange.binance.BinanceDecoder.Kind;
import java.util.Collection;

/**
 * Keeps the Binance books of one connection in sync (exchange-protocols.md §3.4): diff depth events are buffered
 * per symbol until that symbol's REST snapshot arrives, events the snapshot covers are dropped, the first one must
 * bridge {@code lastUpdateId}, and from then on the {@code U}/{@code u} chain (spot) or {@code pu} chain (USD-M and
 * COIN-M futures) must hold. A break, or a snapshot older than the buffered events, puts only that symbol out of
 * sync and asks the {@link ResyncRequester} for a new snapshot while its events are buffered again.
 * Single writer thread.
 */
public final class BinanceBookSync {

    /** Which update-id rule the connection's depth stream follows. */
    public enum Market {
        /** Spot: {@code U <= lastUpdateId + 1 <= u}, then {@code U == previous u + 1}. */
        SPOT,
        /** USD-M and COIN-M futures: {@code U <= lastUpdateId <= u}, then {@code pu == previous u}. */
        FUTURES
    }

    private final BinanceDecoder decoder;
    private final L2Update update = new L2Update();
    private final BookTicker ticker = new BookTicker();
    private final SymbolBooks books;

    public BinanceBookSync(Market market, Scales scales, ResyncRequester requester,
            SyncListener listener) {
        this.decoder = new BinanceDecoder(scales);
        this.books = new SymbolBooks("binance", new SymbolBooks.Factory() {
            @Override
            public L2Book book(String symbol) {
                return new L2Book(symbol, scales.priceScale(symbol), scales.sizeScale(symbol));
            }

            @Override
            public SequenceTracker tracker() {
                return market == Market.SPOT ? new BinanceSpotSequence() : new BinanceFuturesSequence();
            }

            @Override
            public BookChecksum checksum() {
                return null;
            }
        }, requester, listener, true);
    }

    /**
     * Handles one WebSocket message: depth events go to their symbol's book; a bookTicker is left in
     * {@link #ticker()}.
     */
    public Kind onMessage(byte[] message, int offset, int length) {
        Kind kind = decoder.decode(message, offset, length, update, ticker);
        if (kind == Kind.DEPTH_UPDATE) {
            books.onUpdate(update);
        }
        return kind;
    }

    /** Handles a REST depth snapshot response for {@code symbol}. */
    public Kind onSnapshot(String symbol, byte[] body, int offset, int length) {
        Kind kind = decoder.decodeSnapshot(body, offset, length, symbol, update);
        if (kind == Kind.SNAPSHOT) {
            books.onUpdate(update);
        }
        return kind;
    }

    /** @return the last decoded bookTicker (valid after {@link Kind#BOOK_TICKER}) */
    public BookTicker ticker() {
        return ticker;
    }

    /** @return the last decoded depth event or snapshot (reused) */
    public L2Update lastUpdate() {
        return update;
    }

    /** @return the symbol's book, or null if never seen */
    public SymbolBook book(String symbol) {
        return books.get(symbol);
    }

    public Collection<SymbolBook> books() {
        return books.all();
    }

    /** @return messages the decoder rejected */
    public long rejected() {
        return decoder.rejected();
    }
}
