package io.tributary.exchange.krakenfutures;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONException;
import com.alibaba.fastjson2.JSONObject;
import io.tributary.book.BookChecksum;
import io.tributary.book.CoinbaseSequence;
import io.tributary.book.L2Book;
import io.tributary.book.L2Update;
import io.tributary.book.SequenceTracker;
import io.tributary.book.SymbolBook;
import io.tributary.book.SyncListener;
import io.tributary.exchange.ResyncRequester;
import io.tributary.exchange.Scales;
import io.tributary.exchange.SymbolBooks;
import io.tributary.exchange.json.Rejections;
import io.tributary.model.Side;
import java.math.BigDecimal;
import java.util.Collection;

/**
 * Keeps the Kraken Futures v1 books of one connection in sync:
 * <pre>
 * {"feed":"book_snapshot","product_id":"PI_XBTUSD","seq":91192,"bids":[{"price":439.3,"qty":20108.0},..],"asks":[..]}
 * {"feed":"book","product_id":"PI_XBTUSD","side":"sell","seq":91193,"price":439.6,"qty":0.0,"timestamp":..}
 * </pre>
 * Each product's snapshot starts its book; every delta after it must carry the product's previous {@code seq} + 1
 * (deltas at or below the snapshot's are stale), the rule {@link CoinbaseSequence} implements; quantities are
 * absolute, 0 deletes. Prices and quantities are JSON numbers, read as decimals and never through a double. A broken
 * chain puts only that product out of sync. Single writer thread.
 */
public final class KrakenFuturesBookSync {

    /** What a message turned out to be. */
    public enum Kind { BOOK, OTHER, REJECTED }

    private final Scales scales;
    private final L2Update update = new L2Update();
    private final SymbolBooks books;
    private final Rejections rejections = new Rejections("kraken-futures book decoder");

    public KrakenFuturesBookSync(Scales scales, ResyncRequester requester, SyncListener listener) {
        this.scales = scales;
        this.books = new SymbolBooks("kraken-futures", new SymbolBooks.Factory() {
            @Override
            public L2Book book(String product) {
                return new L2Book(product, scales.priceScale(product), scales.sizeScale(product));
            }

            @Override
            public SequenceTracker tracker() {
                return new CoinbaseSequence();
            }

            @Override
            public BookChecksum checksum() {
                return null;
            }
        }, requester, listener, false);
    }

    /** Handles one WebSocket message. */
    public Kind onMessage(byte[] message) {
        try {
            if (!(JSON.parse(message) instanceof JSONObject json)) {
                return Kind.OTHER;
            }
            String feed = json.getString("feed");
            boolean snapshot = "book_snapshot".equals(feed);
            if (!snapshot && !"book".equals(feed) || json.containsKey("event")) {
                return Kind.OTHER; // trades, tickers, subscription replies
            }
            String product = json.getString("product_id");
            if (product == null || !(json.get("seq") instanceof Number seq)) {
                return reject("book message without product_id or seq");
            }
            update.clear(product, scales.priceScale(product), scales.sizeScale(product))
                    .snapshot(snapshot).lastUpdateId(seq.longValue());
            boolean complete = snapshot
                    ? levels(json.getJSONArray("bids"), Side.BID) && levels(json.getJSONArray("asks"), Side.ASK)
                    : level(sideOf(json.getString("side")), json.get("price"), json.get("qty"));
            if (!complete) {
                return reject("book message with a malformed level");
            }
            books.onUpdate(update); // a value beyond the scales marks the update rejected; the book counts it
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
            if (!(level instanceof JSONObject entry) || !level(side, entry.get("price"), entry.get("qty"))) {
                return false;
            }
        }
        return true;
    }

    /** @return false if malformed; a well-formed value that does not fit only marks the update rejected */
    private boolean level(Side side, Object price, Object qty) {
        if (side == null || !(price instanceof Number p) || !(qty instanceof Number q)) {
            return false;
        }
        update.add(side, plain(p), plain(q));
        return true;
    }

    private static Side sideOf(String side) {
        return "buy".equals(side) ? Side.BID : "sell".equals(side) ? Side.ASK : null;
    }

    private static String plain(Number number) {
        return number instanceof BigDecimal decimal ? decimal.toPlainString() : number.toString();
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
