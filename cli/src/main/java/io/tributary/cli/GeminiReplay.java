package io.tributary.cli;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONException;
import com.alibaba.fastjson2.JSONObject;
import io.tributary.exchange.Scales;
import io.tributary.exchange.gemini.GeminiBookSync;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Gemini market data v2 through the connector's {@link GeminiBookSync}: the first {@code l2_updates} of a symbol is
 * its full book, later ones absolute level sizes. Without sequence numbers the check is that no update leaves a book
 * crossed (each time one does, the live connector resubscribes the symbol; here that counts as a failure).
 */
final class GeminiReplay implements BookReplay {

    private final GeminiBookSync sync = new GeminiBookSync(Scales.of(10, 10), NO_REQUESTS, null);
    private final Map<String, Long> trades = new HashMap<>();
    private long damagedFrames;

    @Override
    public void received(byte[] payload) {
        JSONObject message;
        try {
            message = JSON.parse(payload) instanceof JSONObject object ? object : null;
        } catch (JSONException e) {
            message = null;
        }
        if (message == null) {
            damagedFrames++;
            return;
        }
        sync.onMessage(message, trade -> trades.merge(trade.symbol(), 1L, Long::sum));
    }

    /** A new socket: every book waits for its new full book, as after the connector's reconnect. */
    @Override
    public void connected(String url) {
        sync.disconnected();
    }

    @Override
    public List<SymbolResult> results() {
        return BookReplay.l2(sync.books(), book -> trades.getOrDefault(book.symbol(), 0L) + " trades", book -> 0L);
    }

    @Override
    public long rejected() {
        return sync.rejected() + damagedFrames;
    }
}
