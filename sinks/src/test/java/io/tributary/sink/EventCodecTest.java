package io.tributary.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.model.GapEvent;
import io.tributary.model.GapReason;
import io.tributary.model.Side;
import io.tributary.model.event.Aggressor;
import io.tributary.model.event.BestBidAsk;
import io.tributary.model.event.BookGap;
import io.tributary.model.event.BookSnapshot;
import io.tributary.model.event.BookUpdate;
import io.tributary.model.event.ConnectionEvent;
import io.tributary.model.event.Level;
import io.tributary.model.event.MarketEvent;
import io.tributary.model.event.OrderEvent;
import io.tributary.model.event.Trade;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private static BigDecimal d(String text) {
        return new BigDecimal(text);
    }

    static List<MarketEvent> everyKind() {
        long t = 1_700_000_000_123_000_000L;
        List<Level> bids = List.of(new Level(d("65000.10"), d("0.00000001")), new Level(d("64999.9"), d("12.5")));
        List<Level> asks = List.of(new Level(d("65000.20"), d("0")));
        return List.of(
                new Trade("binance", "BTCUSDT", "987654321987654321987", d("65000.12000000"), d("0.00000001"),
                        Aggressor.SELL, t, t + 1_234_567),
                new BookUpdate("binance", "BTCUSDT", false, bids, asks, 100, 105, t, t + 1),
                new BookUpdate("okx", "BTC-USDT", true, bids, List.of(), 7, 7, MarketEvent.NO_TIME, t + 2),
                new BookSnapshot("binance", "BTCUSDT", bids, asks, 105, t, t + 3),
                new BestBidAsk("binance", "BTCUSDT", d("65000.10"), d("1.5"), null, null, -1, t, t + 4),
                new BookGap(new GapEvent("kraken", "XBT/USD", 41, 43, GapReason.SEQUENCE_GAP), t, t + 5),
                new OrderEvent("bitfinex", "tBTCUSD", OrderEvent.OrderAction.CHANGE, "o-17", Side.ASK, d("1E-8"),
                        d("3.000"), t, t + 6),
                new ConnectionEvent("binance", 3, ConnectionEvent.State.DISCONNECTED, "wss://x/ws", "close 1006 \"x\"",
                        MarketEvent.NO_TIME, t + 7));
    }

    @Test
    void everyKindOfEventSurvivesTheRoundTripExactly() {
        for (MarketEvent event : everyKind()) {
            assertThat(EventCodec.decode(EventCodec.encode(event))).isEqualTo(event);
        }
    }

    @Test
    void decimalsAreWrittenAsPlainStringsNeverAsNumbers() {
        String json = new String(EventCodec.encode(everyKind().get(6)), StandardCharsets.UTF_8);
        assertThat(json).contains("\"type\":\"order\"").contains("\"price\":\"0.00000001\"")
                .contains("\"size\":\"3.000\"");
    }

    @Test
    void bytesThatAreNoEventAreRejectedClearly() {
        assertThatThrownBy(() -> EventCodec.decode("{\"type\":\"trade\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exchange");
        assertThatThrownBy(() -> EventCodec.decode("[1,2]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> EventCodec.decode(("{\"type\":\"nope\",\"exchange\":\"x\",\"symbol\":\"y\","
                + "\"exchangeTimeNs\":1,\"receivedNs\":2}").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nope");
    }
}
