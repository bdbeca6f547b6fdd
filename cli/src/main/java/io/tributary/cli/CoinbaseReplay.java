package io.tributary.cli;

import com.alibaba.fastjson2.JSONObject;
import io.tributary.book.L2Book;
import io.tributary.book.SymbolBook;
import io.tributary.book.SyncState;
import io.tributary.exchange.Scales;
import io.tributary.exchange.coinbase.CoinbaseBookSync;
import io.tributary.model.Side;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Coinbase Exchange {@code level2} through {@link CoinbaseBookSync}: books must never cross (the channel has no
 * sequence). The check shown: {@code match} trade ids follow each other per product (a failure otherwise), and how
 * many {@code ticker} best bid/ask equal the book at that moment (shown only: the ticker channel may run ahead of or
 * behind level2).
 */
final class CoinbaseReplay implements BookReplay {

    /** A product's matches and tickers. */
    private static final class Tally {
        long lastTradeId = -1;
        long tradeSteps;
        long tradeIdBreaks;
        long tickers;
        long tickersEqualToBook;
    }

    private final CoinbaseBookSync sync = new CoinbaseBookSync(Scales.of(8, 8), NO_REQUESTS, null);
    private final Map<String, Tally> tallies = new HashMap<>();

    @Override
    public void received(byte[] payload) {
        if (sync.onMessage(payload) != CoinbaseBookSync.Kind.OTHER) {
            return;
        }
        JSONObject message = sync.lastMessage();
        String product = message.getString("product_id");
        if (product == null) {
            return;
        }
        switch (String.valueOf(message.getString("type"))) {
            case "match", "last_match" -> onMatch(tally(product), message.getLongValue("trade_id", -1));
            case "ticker" -> onTicker(tally(product), sync.book(product), message);
            default -> { }
        }
    }

    private static void onMatch(Tally tally, long tradeId) {
        if (tally.lastTradeId >= 0) {
            tally.tradeSteps++;
            if (tradeId != tally.lastTradeId + 1) {
                tally.tradeIdBreaks++;
            }
        }
        tally.lastTradeId = tradeId;
    }

    private static void onTicker(Tally tally, SymbolBook book, JSONObject ticker) {
        tally.tickers++;
        if (book == null || book.state() != SyncState.LIVE) {
            return;
        }
        L2Book l2 = book.book();
        if (l2.depth(Side.BID) > 0 && l2.depth(Side.ASK) > 0
                && equal(ticker.getBigDecimal("best_bid"), l2.price(Side.BID, 0), l2.priceScale())
                && equal(ticker.getBigDecimal("best_ask"), l2.price(Side.ASK, 0), l2.priceScale())) {
            tally.tickersEqualToBook++;
        }
    }

    private static boolean equal(BigDecimal quoted, long scaled, int scale) {
        return quoted != null && quoted.compareTo(BigDecimal.valueOf(scaled, scale)) == 0;
    }

    private Tally tally(String product) {
        return tallies.computeIfAbsent(product, p -> new Tally());
    }

    @Override
    public List<SymbolResult> results() {
        return BookReplay.l2(sync.books(), book -> {
            Tally tally = tallies.getOrDefault(book.symbol(), new Tally());
            return "trade ids following " + (tally.tradeSteps - tally.tradeIdBreaks) + "/" + tally.tradeSteps
                    + ", tickers equal to book " + tally.tickersEqualToBook + "/" + tally.tickers;
        }, book -> tallies.getOrDefault(book.symbol(), new Tally()).tradeIdBreaks);
    }

    @Override
    public long rejected() {
        return sync.rejected();
    }
}
