package io.tributary.exchange.gemini;

import com.alibaba.fastjson2.JSONObject;
import io.tributary.book.BookChecksum;
import io.tributary.book.L2Book;
import io.tributary.book.L2Update;
import io.tributary.book.SequenceTracker;
import io.tributary.book.SymbolBook;
import io.tributary.book.SyncListener;
import io.tributary.book.SyncState;
import io.tributary.book.Unsequenced;
import io.tributary.exchange.ResyncRequester;
import io.tributary.exchange.Scales;
import io.tributary.exchange.SymbolBooks;
import io.tributary.exchange.gemini.GeminiDecoder.Kind;
import io.tributary.model.GapReason;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/**
 * Keeps the Gemini v2 books of one connection: a symbol's full-book message starts (or restarts) its book, later
 * changes are applied in order. Gemini sends no sequence numbers, so the only evidence of a lost message is a book
 * the updates leave crossed: that symbol alone goes out of sync and asks for a resubscription; its updates are
 * dropped until the new full book. Single writer thread.
 */
public final class GeminiBookSync implements GeminiBooks {

    private final GeminiDecoder decoder;
    private final L2Update update = new L2Update();
    private final SymbolBooks books;
    private long crossedResyncs;
    private boolean disconnecting;

    /**
     * @param requester asked to resubscribe a symbol that went out of sync (never for a first sync: the
     *                  subscription itself brings the first book)
     */
    public GeminiBookSync(Scales scales, ResyncRequester requester, SyncListener listener) {
        this.decoder = new GeminiDecoder(scales);
        ResyncRequester afterFailures = (symbol, firstSync) -> {
            if (!firstSync && !disconnecting) {
                requester.requestSnapshot(symbol, false);
            }
        };
        this.books = new SymbolBooks("gemini", new SymbolBooks.Factory() {
            @Override
            public L2Book book(String symbol) {
                return new L2Book(symbol, scales.priceScale(symbol), scales.sizeScale(symbol));
            }

            @Override
            public SequenceTracker tracker() {
                return new Unsequenced();
            }

            @Override
            public BookChecksum checksum() {
                return null;
            }
        }, afterFailures, listener, false);
    }

    /** Handles one parsed message; trades it carries go to {@code trades}. */
    public Kind onMessage(JSONObject message, Consumer<GeminiTrade> trades) {
        Kind kind = decoder.decode(message, update, trades);
        if (kind == Kind.BOOK) {
            SymbolBook book = books.onUpdate(update);
            if (book.state() == SyncState.LIVE && book.book().isCrossed()) {
                crossedResyncs++;
                book.markOutOfSync(GapReason.SEQUENCE_GAP, L2Update.NONE, L2Update.NONE);
            }
        } else if (kind == Kind.REJECTED && "l2_updates".equals(message.getString("type"))) {
            // an unreadable change of a live book: whatever it changed is unknown
            SymbolBook book = books.get(String.valueOf(message.getString("symbol")));
            if (book != null && book.state() == SyncState.LIVE) {
                book.markOutOfSync(GapReason.VALUE_REJECTED, L2Update.NONE, L2Update.NONE);
            }
        }
        return kind;
    }

    @Override
    public Kind onMessage(long socketId, JSONObject message, Consumer<GeminiTrade> trades) {
        return onMessage(message, trades); // one socket carries every symbol
    }

    /** The socket went away: unless a replacement is live, every book is stale until the reconnect's full books. */
    @Override
    public void socketLost(long socketId, boolean replaced) {
        if (!replaced) {
            disconnected();
        }
    }

    /** Frames were lost before the book thread: every live book resubscribes. */
    @Override
    public void framesLost() {
        for (SymbolBook book : List.copyOf(books.all())) {
            if (book.state() == SyncState.LIVE) {
                book.markOutOfSync(GapReason.SEQUENCE_GAP, L2Update.NONE, L2Update.NONE);
            }
        }
    }

    /** The socket went away: every live book is stale until its new full book (a replay's new connection too). */
    public void disconnected() {
        disconnecting = true; // no resubscription: the reconnect subscribes everything again
        try {
            for (SymbolBook book : List.copyOf(books.all())) {
                if (book.state() == SyncState.LIVE) {
                    book.markOutOfSync(GapReason.SEQUENCE_GAP, L2Update.NONE, L2Update.NONE);
                }
            }
        } finally {
            disconnecting = false;
        }
    }

    @Override
    public L2Update lastUpdate() {
        return update;
    }

    @Override
    public SymbolBook book(String symbol) {
        return books.get(symbol);
    }

    @Override
    public Collection<SymbolBook> books() {
        return books.all();
    }

    /** @return updates dropped while their symbol waited for a new full book */
    public long droppedWhileSyncing() {
        return books.droppedWhileSyncing();
    }

    /** @return times an update left a book crossed (a lost message) and the symbol resubscribed */
    public long crossedResyncs() {
        return crossedResyncs;
    }

    @Override
    public long rejected() {
        return decoder.rejected();
    }
}
