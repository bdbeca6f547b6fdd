package io.tributary.exchange.kraken;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.exchange.kraken.KrakenTickerTradeDecoder.Kind;
import io.tributary.model.event.Aggressor;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Messages as recorded in {@code shared/data/kraken} (cryptofeed captures of Kraken's v1 feed). */
class KrakenTickerTradeDecoderTest {

    private final KrakenTickerTradeDecoder decoder = new KrakenTickerTradeDecoder();

    @Test
    void aTickerGivesTheExactBestBidAndAsk() {
        Kind kind = decode("[2500,{\"a\":[\"0.000023630\",7289,\"7289.86759215\"],\"b\":[\"0.000023610\",1173,"
                + "\"1173.00000000\"],\"c\":[\"0.000023620\",\"25.10303887\"],\"v\":[\"1124742.64341766\","
                + "\"1125291.62001353\"],\"t\":[1283,1292]},\"ticker\",\"ALGO/XBT\"]");

        assertThat(kind).isEqualTo(Kind.TICKER);
        assertThat(decoder.ticker()).isEqualTo(new KrakenTickerTradeDecoder.Ticker("ALGO/XBT",
                new BigDecimal("0.000023610"), new BigDecimal("1173.00000000"), new BigDecimal("0.000023630"),
                new BigDecimal("7289.86759215")));
        assertThat(decoder.ticker().crossed()).isFalse();
    }

    @Test
    void aBidAtOrAboveTheAskIsCrossed() {
        decode("[1,{\"a\":[\"10.0\",1,\"1.0\"],\"b\":[\"10.0\",1,\"1.0\"]},\"ticker\",\"X/Y\"]");

        assertThat(decoder.ticker().crossed()).isTrue();
    }

    @Test
    void tradesKeepPriceVolumeTimeAndTheTakerSide() {
        Kind kind = decode("[993,[[\"354.11000000\",\"0.89594024\",\"1618678142.557535\",\"s\",\"l\",\"\"],"
                + "[\"354.55000000\",\"1.25690315\",\"1618678145.715785\",\"b\",\"m\",\"\"]],\"trade\",\"XMR/USD\"]");

        assertThat(kind).isEqualTo(Kind.TRADES);
        assertThat(decoder.trades()).containsExactly(
                new KrakenTickerTradeDecoder.KrakenTrade("XMR/USD", new BigDecimal("354.11000000"),
                        new BigDecimal("0.89594024"), Aggressor.SELL, 1_618_678_142_557_535L),
                new KrakenTickerTradeDecoder.KrakenTrade("XMR/USD", new BigDecimal("354.55000000"),
                        new BigDecimal("1.25690315"), Aggressor.BUY, 1_618_678_145_715_785L));
    }

    @Test
    void eventsAndBooksAreNotTickersOrTrades() {
        assertThat(decode("{\"event\":\"heartbeat\"}")).isEqualTo(Kind.OTHER);
        assertThat(decode("[0,{\"a\":[[\"5.1\",\"1.0\",\"1.5\"]],\"c\":\"1\"},\"book-10\",\"XBT/USD\"]"))
                .isEqualTo(Kind.OTHER);
        assertThat(decoder.rejected()).isZero();
    }

    @Test
    void malformedValuesAreRejectedAndCounted() {
        assertThat(decode("[1,{\"a\":[\"1.0\",1,\"x\"],\"b\":[\"0.9\",1,\"1\"]},\"ticker\",\"X/Y\"]"))
                .isEqualTo(Kind.REJECTED);
        assertThat(decode("[1,[[\"1.0\",\"2.0\"]],\"trade\",\"X/Y\"]")).isEqualTo(Kind.REJECTED);
        assertThat(decode("[1,{\"a\":[\"1.0\",1,\"1\"]},\"ticker\",\"X/Y\"]")).isEqualTo(Kind.REJECTED);
        assertThat(decode("[1,{\"a\":")).isEqualTo(Kind.REJECTED);
        assertThat(decoder.rejected()).isEqualTo(4);
    }

    private Kind decode(String text) {
        return decoder.decode(text.getBytes(StandardCharsets.UTF_8));
    }
}
