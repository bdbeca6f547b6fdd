package io.tributary.exchange.coinbase;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONException;
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
import io.tributary.exchange.json.Rejections;
import io.tributary.model.GapReason;
import io.tributary.model.Side;
import java.util.Collection;

/**
 * Keeps the Coinbase Exchange {@code level2} books of one connection (exchange-protocols.md §8.6): a product's
 * {@code snapshot} starts its book, each {@code l2update} sets absolute sizes ({@code "0"} deletes). The channel
 * carries no sequence numbers, so a lost update cannot be seen in the stream: a book an update leaves crossed goes out
 * of sync (only that product) and asks for a new snapshot. Single writer thread.
 */
public final class CoinbaseBookSync {

    /** What a message turned out to be. */
    public enum Kind { BOOK, OTHER, REJECTED }

    private final Scales scales;
    private final L2Update update = new L2Update();
    private final SymbolBooks books;
    private final Rejections rejections = new Rejections("coinbase level2 decoder");
    private JSONObject last;

    public CoinbaseBookSync(Scales scales, ResyncRequester requester, SyncListener listener) {
        this.scales = scales;
        this.books = new SymbolBooks("coinbase", new SymbolBooks.Factory() {
            @Override
            public L2Book book(String product) {
                return new L2Book(product, scales.priceScale(product), scales.sizeScale(product));
            }

            @Override
            public SequenceTracker tracker() {
                return new Unsequenced();
            }

            @Override
            public BookChecksum checksum() {
                return null;
            }
        }, requester, listener, false);
    }

    /** Handles one WebSocket message; any message is kept for {@link #lastMessage()} (tickers, matches). */
    public Kind onMessage(byte[] message) {
        try {
            last = JSON.parse(message) instanceof JSONObject json ? json : null;
            if (last == null) {
                return reject("not a JSON object");
            }
            String type = last.getString("type");
            String product = last.getString("product_id");
            boolean snapshot = "snapshot".equals(type);
            if (!snapshot && !"l2update".equals(type)) {
                return Kind.OTHER;
            }
            if (product == null) {
                return reject(type + " without product_id");
            }
            update.clear(product, scales.priceScale(product), scales.sizeScale(product)).snapshot(snapshot);
            boolean complete = snapshot
                    ? levels(last.getJSONArray("bids"), Side.BID) && levels(last.getJSONArray("asks"), Side.ASK)
                    : changes(last.getJSONArray("changes"));
            if (!complete) {
                return reject(type + " with a malformed level");
            }
            SymbolBook book = books.onUpdate(update); // a value beyond the scales rejects the update in the book
            if (book.state() == SyncState.LIVE && book.book().isCrossed()) {
                book.markOutOfSync(GapReason.SEQUENCE_GAP, L2Update.NONE, L2Update.NONE);
            }
            return Kind.BOOK;
        } catch (JSONException e) {
            return reject(e.getMessage());
        }
    }

    private Kind reject(String reason) {
        rejections.reject(reason);
        return Kind.REJECTED;
    }

    private boolean levels(JSONArray levels, Side side) {
        if (levels == null) {
            return false;
        }
        for (Object level : levels) {
            if (!(level instanceof JSONArray pair) || pair.size() < 2 || !(pair.get(0) instanceof String price)
                    || !(pair.get(1) instanceof String size)) {
                return false;
            }
            update.add(side, price, size);
        }
        return true;
    }

    /** {@code [["buy", price, size], ...]} */
    private boolean changes(JSONArray changes) {
        if (changes == null) {
            return false;
        }
        for (Object change : changes) {
            if (!(change instanceof JSONArray entry) || entry.size() < 3 || !(entry.get(1) instanceof String price)
                    || !(entry.get(2) instanceof String size)) {
                return false;
            }
            Side side = "buy".equals(entry.get(0)) ? Side.BID : "sell".equals(entry.get(0)) ? Side.ASK : null;
            if (side == null) {
                return false;
            }
            update.add(side, price, size);
        }
        return true;
    }

    /** @return the last message as parsed, or null if it was not a JSON object */
    public JSONObject lastMessage() {
        return last;
    }

    /** @return the product's book, or null if never seen */
    public SymbolBook book(String product) {
        return books.get(product);
    }

    public Collection<SymbolBook> books() {
        return books.all();
    }

    /** @return messages rejected as malformed (values beyond the scales are counted by each book) */
    public long rejected() {
        return rejections.count();
    }
}
