package io.tributary.exchange.krakenfutures;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.book.SyncState;
import io.tributary.exchange.Scales;
import io.tributary.exchange.krakenfutures.KrakenFuturesBookSync.Kind;
import io.tributary.model.Side;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Messages shaped as recorded in {@code shared/data/kraken/cryptofeed-master/KRAKEN_FUTURES.ws.1.0.gz}. */
class KrakenFuturesBookSyncTest {

    private final List<String> resyncs = new ArrayList<>();
    private final KrakenFuturesBookSync sync = new KrakenFuturesBookSync(Scales.of(8, 8),
            (symbol, first) -> {
                if (!first) {
                    resyncs.add(symbol);
                }
            }, null);

    @Test
    void deltasChainOnSeqAfterTheSnapshotAndABreakResyncsOnlyThatProduct() {
        snapshot("PI_XBTUSD", 100);
        snapshot("PI_ETHUSD", 500);
        assertThat(on("{\"feed\":\"book\",\"product_id\":\"PI_XBTUSD\",\"side\":\"sell\",\"seq\":101,\"price\":32192.5,"
                + "\"qty\":0.0,\"timestamp\":1}")).isEqualTo(Kind.BOOK);
        on("{\"feed\":\"book\",\"product_id\":\"PI_XBTUSD\",\"side\":\"buy\",\"seq\":102,\"price\":32190.0,"
                + "\"qty\":7.0,\"timestamp\":2}");

        assertThat(sync.book("PI_XBTUSD").book().depth(Side.ASK)).isZero();
        assertThat(sync.book("PI_XBTUSD").book().price(Side.BID, 0)).isEqualTo(3_219_000_000_000L);
        assertThat(sync.book("PI_XBTUSD").book().size(Side.BID, 0)).isEqualTo(700_000_000L);

        on("{\"feed\":\"book\",\"product_id\":\"PI_XBTUSD\",\"side\":\"buy\",\"seq\":104,\"price\":1.0,\"qty\":1.0}");

        assertThat(sync.book("PI_XBTUSD").state()).isEqualTo(SyncState.OUT_OF_SYNC);
        assertThat(sync.book("PI_XBTUSD").counters().gaps()).isEqualTo(1);
        assertThat(sync.book("PI_ETHUSD").state()).isEqualTo(SyncState.LIVE);
        assertThat(resyncs).contains("PI_XBTUSD").doesNotContain("PI_ETHUSD");
    }

    @Test
    void tradesTickersAndRepliesAreNotBookMessagesAndMalformedOnesAreCounted() {
        assertThat(on("{\"event\":\"subscribed\",\"feed\":\"book\",\"product_ids\":[\"PI_XBTUSD\"]}"))
                .isEqualTo(Kind.OTHER);
        assertThat(on("{\"feed\":\"ticker_lite\",\"product_id\":\"PI_XBTUSD\",\"bid\":1.0,\"ask\":2.0}"))
                .isEqualTo(Kind.OTHER);
        assertThat(on("{\"feed\":\"book\",\"product_id\":\"PI_XBTUSD\",\"side\":\"up\",\"seq\":1,\"price\":1.0,"
                + "\"qty\":1.0}")).isEqualTo(Kind.REJECTED);
        assertThat(on("{\"feed\":\"book\",\"product_id\":\"PI_XBTUSD\",\"side\":\"buy\",\"price\":1.0}"))
                .isEqualTo(Kind.REJECTED);
        assertThat(on("{\"feed\":")).isEqualTo(Kind.REJECTED);
        assertThat(sync.rejected()).isEqualTo(3);
    }

    private void snapshot(String product, long seq) {
        assertThat(on("{\"feed\":\"book_snapshot\",\"product_id\":\"" + product + "\",\"timestamp\":1,\"seq\":" + seq
                + ",\"tickSize\":null,\"bids\":[{\"price\":32189.5,\"qty\":1130.0}],\"asks\":[{\"price\":32192.5,"
                + "\"qty\":50.0}]}")).isEqualTo(Kind.BOOK);
        assertThat(sync.book(product).state()).isEqualTo(SyncState.LIVE);
    }

    private Kind on(String json) {
        return sync.onMessage(json.getBytes(StandardCharsets.UTF_8));
    }
}
