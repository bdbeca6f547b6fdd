package io.tributary.exchange.coinbase;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.book.SyncState;
import io.tributary.exchange.Scales;
import io.tributary.exchange.coinbase.CoinbaseBookSync.Kind;
import io.tributary.model.Side;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Messages shaped as recorded in {@code shared/data/coinbase/cryptofeed-master/COINBASE.ws.28.0.gz}. */
class CoinbaseBookSyncTest {

    private final List<String> resyncs = new ArrayList<>();
    private final CoinbaseBookSync sync = new CoinbaseBookSync(Scales.of(8, 8),
            (symbol, first) -> {
                if (!first) {
                    resyncs.add(symbol);
                }
            }, null);

    @Test
    void updatesSetAbsoluteSizesAndACrossingUpdateResyncsOnlyThatProduct() {
        snapshot("BAND-GBP");
        snapshot("SKL-USD");
        assertThat(on("{\"type\":\"l2update\",\"product_id\":\"BAND-GBP\",\"changes\":[[\"sell\",\"14.8024\",\"0\"],"
                + "[\"buy\",\"14.7000\",\"3.5\"]],\"time\":\"2021-04-17T16:43:37.1Z\"}")).isEqualTo(Kind.BOOK);

        assertThat(sync.book("BAND-GBP").book().depth(Side.ASK)).isZero();
        assertThat(sync.book("BAND-GBP").book().size(Side.BID, 0)).isEqualTo(350_000_000L);

        on("{\"type\":\"l2update\",\"product_id\":\"SKL-USD\",\"changes\":[[\"buy\",\"15.0\",\"1\"]]}");

        assertThat(sync.book("SKL-USD").state()).isEqualTo(SyncState.OUT_OF_SYNC);
        assertThat(sync.book("SKL-USD").counters().crossed()).isEqualTo(1);
        assertThat(sync.book("BAND-GBP").state()).isEqualTo(SyncState.LIVE);
        assertThat(resyncs).contains("SKL-USD").doesNotContain("BAND-GBP");
    }

    @Test
    void otherMessagesAreKeptAndMalformedOnesCounted() {
        assertThat(on("{\"type\":\"match\",\"trade_id\":10,\"product_id\":\"SKL-USD\",\"price\":\"0.4\"}"))
                .isEqualTo(Kind.OTHER);
        assertThat(sync.lastMessage().getLongValue("trade_id")).isEqualTo(10);
        assertThat(on("{\"type\":\"l2update\",\"product_id\":\"SKL-USD\",\"changes\":[[\"up\",\"1\",\"1\"]]}"))
                .isEqualTo(Kind.REJECTED);
        assertThat(on("{\"type\":\"snapshot\",\"product_id\":\"SKL-USD\",\"bids\":[[1.0,\"1\"]],\"asks\":[]}"))
                .isEqualTo(Kind.REJECTED);
        assertThat(on("[1,2]")).isEqualTo(Kind.REJECTED);
        assertThat(sync.rejected()).isEqualTo(3);
    }

    private void snapshot(String product) {
        assertThat(on("{\"type\":\"snapshot\",\"product_id\":\"" + product + "\",\"asks\":[[\"14.8024\",\"12.77\"]],"
                + "\"bids\":[[\"14.6000\",\"2.0\"]]}")).isEqualTo(Kind.BOOK);
        assertThat(sync.book(product).state()).isEqualTo(SyncState.LIVE);
    }

    private Kind on(String json) {
        return sync.onMessage(json.getBytes(StandardCharsets.UTF_8));
    }
}
