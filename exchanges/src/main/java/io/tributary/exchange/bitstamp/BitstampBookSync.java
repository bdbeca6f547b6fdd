package io.tributary.exchange.bitstamp;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONException;
import com.alibaba.fastjson2.JSONObject;
import io.tributary.book.BookChecksum;
import io.tributary.book.L2Book;
import io.tributary.book.L2Update;
import io.tributary.book.MicrotimestampSequence;
import io.tributary.book.SequenceTracker;
import io.tributary.book.SymbolBook;
import io.tributary.book.SyncListener;
import io.tributary.book.SyncState;
import io.tributary.exchange.ResyncRequester;
import io.tributary.exchange.Scales;
import io.tributary.exchange.SymbolBooks;
import io.tributary.model.GapReason;
import io.tributary.model.Side;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the Bitstamp L2 books of one connection (exchange-protocols.md §5.5): {@code diff_order_book} diffs are
 * buffered per symbol until its REST {@code order_book} snapshot arrives; diffs not newer than the snapshot's
 * {@code microtimestamp} are dropped, the rest applied. Bitstamp has no sequence numbers, so a lost diff is
 * invisible in the stream: each {@code order_book} (top-100) snapshot is compared with the book, and a mismatch
 * puts that symbol alone out of sync and asks for a new REST snapshot. Single writer thread.
 */
public final class BitstampBookSync {

    private final BitstampDecoder decoder;
    private final SymbolBooks books;
    private final L2Update update = new L2Update();
    private final L2Update check = new L2Update();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong checked = new AtomicLong();
    private final AtomicLong mismatches = new AtomicLong();

    public BitstampBookSync(Scales scales, ResyncRequester requester, SyncListener listener) {
        this.decoder = new BitstampDecoder(scales);
        this.books = new SymbolBooks("bitstamp", new SymbolBooks.Factory() {
            @Override
            public L2Book book(String symbol) {
                return new L2Book(symbol, scales.priceScale(symbol), scales.sizeScale(symbol));
            }

            @Override
            public SequenceTracker tracker() {
                return new MicrotimestampSequence();
            }

            @Override
            public BookChecksum checksum() {
                return null;
            }
        }, requester, listener, true);
    }

    /** A {@code diff_order_book} payload. @return the book it went to, or null if rejected as malformed */
    public SymbolBook onDiff(String symbol, JSONObject data) {
        if (!decoder.levels(symbol, data, false, update)) {
            rejected.incrementAndGet();
            return null;
        }
        return books.onUpdate(update);
    }

    /** @return a REST answer's {@code microtimestamp}, or {@link L2Update#NONE} if it has none */
    long snapshotMicros(byte[] body) {
        try {
            return BitstampDecoder.micros(JSON.parseObject(body));
        } catch (JSONException e) {
            return L2Update.NONE;
        }
    }

    /** A REST {@code order_book} answer. @return the book, or null if the body was malformed */
    public SymbolBook onSnapshot(String symbol, byte[] body) {
        JSONObject data;
        try {
            data = JSON.parseObject(body);
        } catch (JSONException e) {
            data = null;
        }
        if (!decoder.levels(symbol, data, true, update)) {
            rejected.incrementAndGet();
            return null;
        }
        return books.onUpdate(update);
    }

    /**
     * An {@code order_book} (top-100) snapshot: compared with the live book when the book has applied nothing newer
     * (frames of one socket arrive in order, so every diff up to its time is in). A mismatch resyncs the symbol.
     *
     * @return false if it did not match
     */
    public boolean onTopBook(String symbol, JSONObject data) {
        SymbolBook book = books.get(symbol);
        if (book == null || book.state() != SyncState.LIVE) {
            return true;
        }
        if (!decoder.levels(symbol, data, true, check) || check.rejected()) {
            rejected.incrementAndGet();
            return true;
        }
        if (book.tracker().lastId() > check.lastUpdateId()) {
            return true; // the book is already past it: not comparable
        }
        checked.incrementAndGet();
        if (matchesTop(book.book(), check)) {
            return true;
        }
        mismatches.incrementAndGet();
        book.markOutOfSync(GapReason.CHECKSUM_MISMATCH, check.lastUpdateId(), book.tracker().lastId());
        return false;
    }

    /** The snapshot's levels must be exactly the book's best levels, side by side, in order. */
    static boolean matchesTop(L2Book book, L2Update top) {
        int[] index = new int[2];
        for (int i = 0; i < top.size(); i++) {
            Side side = top.side(i);
            int level = index[side.ordinal()]++;
            if (level >= book.depth(side) || book.price(side, level) != top.price(i)
                    || book.size(side, level) != top.size(i)) {
                return false;
            }
        }
        return true;
    }

    /** @return the last decoded diff or snapshot (reused) */
    public L2Update lastUpdate() {
        return update;
    }

    public SymbolBook book(String symbol) {
        return books.get(symbol);
    }

    public Collection<SymbolBook> books() {
        return books.all();
    }

    public long rejected() {
        return rejected.get();
    }

    /** @return top-100 snapshots compared with a live book */
    public long checked() {
        return checked.get();
    }

    /** @return top-100 snapshots that did not match (each resynced its symbol) */
    public long mismatches() {
        return mismatches.get();
    }
}
