package io.tributary.cli;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONException;
import io.tributary.book.SymbolBook;
import io.tributary.book.SyncState;
import io.tributary.exchange.Scales;
import io.tributary.exchange.bitstamp.BitstampBookSync;
import io.tributary.exchange.bitstamp.BitstampMessage;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Bitstamp v2 L2 through the connector's {@link BitstampBookSync}: {@code diff_order_book} diffs are held until the
 * symbol's REST {@code order_book} snapshot, those not newer than its {@code microtimestamp} dropped, the rest
 * applied; {@code order_book} top-100 pushes are compared with the book. The check shown: diffs applied after their
 * snapshot and older ones dropped (there is no sequence number, so a lost diff shows only as a crossed book or a
 * top-100 mismatch).
 */
final class BitstampReplay implements BookReplay {

    private final BitstampBookSync sync = new BitstampBookSync(Scales.of(8, 8), NO_REQUESTS, null);
    private final Map<String, Long> snapshots = new HashMap<>();
    private final Map<String, Long> trades = new HashMap<>();
    private long damagedFrames;

    @Override
    public void received(byte[] payload) {
        BitstampMessage message;
        try {
            message = BitstampMessage.of(JSON.parse(payload));
        } catch (JSONException e) {
            message = null;
        }
        if (message == null) {
            damagedFrames++;
            return;
        }
        switch (message.kind()) {
            case DIFF -> sync.onDiff(message.symbol(), message.data());
            case TOP_BOOK -> sync.onTopBook(message.symbol(), message.data());
            case TRADE -> trades.merge(message.symbol(), 1L, Long::sum);
            default -> { } // control replies; the L3 channels have no recordings and are not an L2 book
        }
    }

    /** A REST {@code order_book/{pair}} answer; like the connector, a live book takes no second snapshot. */
    @Override
    public void rest(String url, byte[] body) {
        if (url == null) {
            return;
        }
        String path = (url.contains("?") ? url.substring(0, url.indexOf('?')) : url).replaceAll("/+$", "");
        String symbol = path.substring(path.lastIndexOf('/') + 1);
        SymbolBook book = sync.book(symbol);
        if (book != null && book.state() == SyncState.LIVE) {
            return;
        }
        if (sync.onSnapshot(symbol, body) != null) {
            snapshots.merge(symbol, 1L, Long::sum);
        }
    }

    @Override
    public List<SymbolResult> results() {
        return BookReplay.l2(sync.books(), book -> {
            long diffsApplied = book.counters().applied() - snapshots.getOrDefault(book.symbol(), 0L);
            return "diffs after snapshot " + diffsApplied + ", older dropped " + book.counters().stale() + ", "
                    + trades.getOrDefault(book.symbol(), 0L) + " trades";
        }, book -> 0L);
    }

    /** @return malformed diffs and snapshots, and frames that are not Bitstamp events */
    @Override
    public long rejected() {
        return sync.rejected() + damagedFrames;
    }
}
