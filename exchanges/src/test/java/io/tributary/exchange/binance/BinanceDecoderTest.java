package io.tributary.exchange.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.book.L2Update;
import io.tributary.exchange.Scales;
import io.tributary.exchange.binance.BinanceDecoder.Kind;
import io.tributary.model.Side;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BinanceDecoderTest {

    private final BinanceDecoder decoder = new BinanceDecoder(Scales.of(8, 8));
    private final L2Update update = new L2Update();
    private final BookTicker ticker = new BookTicker();

    @Test
    void futuresDepthUpdateInTheCombinedStreamEnvelope() {
        Kind kind = decode("""
                {"stream":"batusdt@depth@100ms","data":{"e":"depthUpdate","E":1617647797599,"T":1617647797571,\
                "s":"BATUSDT","U":303212647354,"u":303212648743,"pu":303212646994,\
                "b":[["1.2187","425.9"],["1.2219","0.0"]],"a":[["1.2240","12"]]}}""");

        assertThat(kind).isEqualTo(Kind.DEPTH_UPDATE);
        assertThat(update.symbol()).isEqualTo("BATUSDT");
        assertThat(update.isSnapshot()).isFalse();
        assertThat(update.firstUpdateId()).isEqualTo(303212647354L);
        assertThat(update.lastUpdateId()).isEqualTo(303212648743L);
        assertThat(update.prevUpdateId()).isEqualTo(303212646994L);
        assertThat(update.eventTimeNanos()).isEqualTo(1617647797571_000_000L);
        assertThat(update.size()).isEqualTo(3);
        assertLevel(0, Side.BID, 1_2187_0000L, 4, 425_9000_0000L, 1);
        assertLevel(1, Side.BID, 1_2219_0000L, 4, 0L, 1);
        assertLevel(2, Side.ASK, 1_2240_0000L, 4, 12_0000_0000L, 0);
    }

    @Test
    void spotDepthUpdateHasNoPreviousId() {
        Kind kind = decode("""
                {"e":"depthUpdate","E":1672515782136,"s":"BNBBTC","U":157,"u":160,\
                "b":[["0.0024","10"]],"a":[["0.0026","100"]]}""");

        assertThat(kind).isEqualTo(Kind.DEPTH_UPDATE);
        assertThat(update.prevUpdateId()).isEqualTo(L2Update.NONE);
        assertThat(update.eventTimeNanos()).isEqualTo(1672515782136_000_000L);
        assertLevel(0, Side.BID, 240_000L, 4, 10_0000_0000L, 0);
    }

    @Test
    void restSnapshotTakesTheRequestedSymbol() {
        byte[] body = bytes("""
                {"lastUpdateId":1027024,"bids":[["4.00000000","431.00000000"]],"asks":[["4.00000200","12.00000000"]]}""");

        assertThat(decoder.decodeSnapshot(body, 0, body.length, "BNBBTC", update)).isEqualTo(Kind.SNAPSHOT);
        assertThat(update.symbol()).isEqualTo("BNBBTC");
        assertThat(update.isSnapshot()).isTrue();
        assertThat(update.lastUpdateId()).isEqualTo(1027024L);
        assertLevel(0, Side.BID, 4_0000_0000L, 8, 431_0000_0000L, 8);
        assertLevel(1, Side.ASK, 4_0000_0200L, 8, 12_0000_0000L, 8);
    }

    @Test
    void spotBookTickerWithoutEventName() {
        Kind kind = decode("""
                {"stream":"btcusdt@bookTicker","data":{"u":50093239212,"s":"BTCUSDT","b":"61837.63000000",\
                "B":"3.78826000","a":"61837.64000000","A":"1.54698000"}}""");

        assertThat(kind).isEqualTo(Kind.BOOK_TICKER);
        assertThat(ticker.symbol()).isEqualTo("BTCUSDT");
        assertThat(ticker.updateId()).isEqualTo(50093239212L);
        assertThat(ticker.bidPrice()).isEqualTo(61837_63000000L);
        assertThat(ticker.bidSize()).isEqualTo(3_78826000L);
        assertThat(ticker.askPrice()).isEqualTo(61837_64000000L);
        assertThat(ticker.askSize()).isEqualTo(1_54698000L);
    }

    @Test
    void tradesAndKlinesAreOther() {
        assertThat(decode("""
                {"stream":"btcusdt@trade","data":{"e":"trade","E":1,"s":"BTCUSDT","t":3,"p":"1.0","q":"2.0"}}"""))
                .isEqualTo(Kind.OTHER);
        assertThat(decode("{\"result\":null,\"id\":1}")).isEqualTo(Kind.OTHER);
        assertThat(decoder.rejected()).isZero();
    }

    @Test
    void badInputIsCountedNotThrown() {
        assertThat(decode("not json at all")).isEqualTo(Kind.REJECTED);
        assertThat(decode("{\"e\":\"depthUpdate\",\"s\":\"X\",\"U\":1,\"u\":2,\"b\":[[\"1.0\"")).isEqualTo(Kind.REJECTED);
        // more decimals than the scale keeps: rejected, never rounded
        assertThat(decode("{\"e\":\"depthUpdate\",\"s\":\"X\",\"U\":1,\"u\":2,\"b\":[[\"1.000000001\",\"1\"]]}"))
                .isEqualTo(Kind.REJECTED);
        assertThat(decode("{\"e\":\"depthUpdate\",\"s\":\"X\",\"u\":2,\"b\":[[\"1.0\",\"1\"]]}"))
                .isEqualTo(Kind.REJECTED);
        assertThat(decode("{\"u\":5,\"s\":\"X\",\"b\":\"1.0\",\"B\":\"2\"}")).isEqualTo(Kind.REJECTED);
        assertThat(decode("")).isEqualTo(Kind.REJECTED);
        assertThat(decoder.rejected()).isEqualTo(6);
        // and the decoder still works afterwards
        assertThat(decode("{\"e\":\"depthUpdate\",\"s\":\"X\",\"U\":1,\"u\":2,\"b\":[],\"a\":[]}"))
                .isEqualTo(Kind.DEPTH_UPDATE);
    }

    private Kind decode(String json) {
        byte[] message = bytes(json);
        return decoder.decode(message, 0, message.length, update, ticker);
    }

    private void assertLevel(int index, Side side, long price, int priceDecimals, long size, int sizeDecimals) {
        assertThat(update.side(index)).isEqualTo(side);
        assertThat(update.price(index)).isEqualTo(price);
        assertThat(update.priceDecimals(index)).isEqualTo(priceDecimals);
        assertThat(update.size(index)).isEqualTo(size);
        assertThat(update.sizeDecimals(index)).isEqualTo(sizeDecimals);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
