package io.tributary.exchange.okx;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.book.L2Update;
import io.tributary.exchange.Scales;
import io.tributary.exchange.okx.OkxBookDecoder.Kind;
import io.tributary.model.Side;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class OkxBookDecoderTest {

    private final OkxBookDecoder decoder = new OkxBookDecoder(Scales.of(10, 8));
    private final L2Update update = new L2Update();

    @Test
    void snapshotWithSequenceAndChecksum() {
        Kind kind = decode("""
                {"arg":{"channel":"books","instId":"BTC-USDT"},"action":"snapshot",\
                "data":[{"asks":[["8476.98","415","0","13"]],"bids":[["8476.97","256","0","12"]],\
                "ts":"1597026383085","checksum":-855196043,"prevSeqId":-1,"seqId":123456}]}""");

        assertThat(kind).isEqualTo(Kind.BOOK);
        assertThat(update.symbol()).isEqualTo("BTC-USDT");
        assertThat(update.isSnapshot()).isTrue();
        assertThat(update.checksum()).isEqualTo(-855196043L);
        assertThat(update.lastUpdateId()).isEqualTo(123456L);
        assertThat(update.prevUpdateId()).isEqualTo(-1L);
        assertThat(update.eventTimeNanos()).isEqualTo(1597026383085_000_000L);
        assertThat(update.size()).isEqualTo(2);
        assertThat(update.side(0)).isEqualTo(Side.ASK);
        assertThat(update.price(0)).isEqualTo(8476_9800000000L);
        assertThat(update.size(0)).isEqualTo(415_00000000L);
        assertThat(update.sizeDecimals(0)).isZero();
        assertThat(update.side(1)).isEqualTo(Side.BID);
    }

    @Test
    void updateWithoutSequenceFields() {
        Kind kind = decode("""
                {"arg":{"channel":"books-l2-tbt","instId":"FUN-BTC"},"action":"update",\
                "data":[{"asks":[["0.000000455","0","0","0"]],"bids":[],"ts":"1626995750044","checksum":17}]}""");

        assertThat(kind).isEqualTo(Kind.BOOK);
        assertThat(update.isSnapshot()).isFalse();
        assertThat(update.lastUpdateId()).isEqualTo(L2Update.NONE);
        assertThat(update.price(0)).isEqualTo(4550L);
        assertThat(update.priceDecimals(0)).isEqualTo(9);
        assertThat(update.size(0)).isZero();
        assertThat(update.checksum()).isEqualTo(17L);
    }

    @Test
    void eventsAndOtherChannels() {
        assertThat(decode("{\"event\":\"subscribe\",\"arg\":{\"channel\":\"books\",\"instId\":\"BTC-USDT\"}}"))
                .isEqualTo(Kind.OTHER);
        assertThat(decode("""
                {"arg":{"channel":"trades","instId":"BTC-USDT"},"data":[{"px":"1","sz":"2"}]}"""))
                .isEqualTo(Kind.OTHER);
        assertThat(decoder.rejected()).isZero();
    }

    @Test
    void badInputIsCountedNotThrown() {
        assertThat(decode("{\"arg\":{\"channel\":\"books\",\"instId\":\"X\"},\"action\":\"merge\",\"data\":[{}]}"))
                .isEqualTo(Kind.REJECTED);
        assertThat(decode("{\"arg\":{\"channel\":\"books\",\"instId\":\"X\"},\"data\":[{},{}]}"))
                .isEqualTo(Kind.REJECTED);
        assertThat(decode("{\"arg\":{\"channel\":\"books\",\"instId\":\"X\"},\"data\":[{\"checksum\":99999999999}]}"))
                .isEqualTo(Kind.REJECTED);
        assertThat(decode("[")).isEqualTo(Kind.REJECTED);
        assertThat(decoder.rejected()).isEqualTo(4);
    }

    private Kind decode(String json) {
        byte[] message = json.getBytes(StandardCharsets.UTF_8);
        return decoder.decode(message, 0, message.length, update);
    }
}
