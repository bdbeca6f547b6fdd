package io.tributary.exchange.bitfinex;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.book.L2Update;
import io.tributary.exchange.Scales;
import io.tributary.exchange.bitfinex.BitfinexDecoder.Kind;
import io.tributary.model.Side;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BitfinexDecoderTest {

    private final BitfinexDecoder decoder = new BitfinexDecoder(Scales.of(8, 8));
    private final L2Update book = new L2Update();
    private final RawBookUpdate raw = new RawBookUpdate();

    @Test
    void aggregatedBookWithSequenceNumbers() {
        assertThat(decode("""
                {"event":"subscribed","channel":"book","chanId":17082,"symbol":"tBTCUSD","prec":"P0","freq":"F0",\
                "len":"25","pair":"BTCUSD"}""")).isEqualTo(Kind.EVENT);
        assertThat(decoder.symbolOf(17082)).isEqualTo("tBTCUSD");

        assertThat(decode("[17082,[[7254.7,3,3.3],[7255.0,1,-1.2]],41]")).isEqualTo(Kind.BOOK);
        assertThat(book.symbol()).isEqualTo("tBTCUSD");
        assertThat(book.isSnapshot()).isTrue();
        assertThat(decoder.sequence()).isEqualTo(41);
        assertThat(book.size()).isEqualTo(2);
        assertThat(book.side(0)).isEqualTo(Side.BID);
        assertThat(book.price(0)).isEqualTo(7254_70000000L);
        assertThat(book.size(0)).isEqualTo(3_30000000L);
        assertThat(book.side(1)).isEqualTo(Side.ASK);
        assertThat(book.priceDecimals(1)).isEqualTo(1);
        assertThat(book.size(1)).isEqualTo(1_20000000L);

        assertThat(decode("[17082,[7254.7,0,1],42]")).isEqualTo(Kind.BOOK);
        assertThat(book.isSnapshot()).isFalse();
        assertThat(book.side(0)).isEqualTo(Side.BID);
        assertThat(book.size(0)).isZero();
        assertThat(decoder.sequence()).isEqualTo(42);

        assertThat(decode("[17082,\"hb\",43]")).isEqualTo(Kind.HEARTBEAT);
        assertThat(decoder.sequence()).isEqualTo(43);
        assertThat(decode("[17082,\"cs\",1757964990,44]")).isEqualTo(Kind.CHECKSUM);
        assertThat(decoder.checksum()).isEqualTo(1757964990);
        assertThat(decode("[5,\"te\",[401597395,1574694478808,0.005,7245.3],45]")).isEqualTo(Kind.OTHER);
        assertThat(decoder.sequence()).isEqualTo(45);
        assertThat(decoder.rejected()).isZero();
    }

    @Test
    void rawBookOrders() {
        decode("""
                {"event":"subscribed","channel":"book","chanId":8047,"symbol":"tBTCUSD","prec":"R0","len":"25"}""");

        assertThat(decode("[8047,[[60504777678,60945,0.246386],[60504778260,60955.6633598,-0.00239148]]]"))
                .isEqualTo(Kind.RAW_BOOK);
        assertThat(decoder.hasSequence()).isFalse();
        assertThat(raw.symbol()).isEqualTo("tBTCUSD");
        assertThat(raw.snapshot()).isTrue();
        assertThat(raw.size()).isEqualTo(2);
        assertThat(raw.orderId(1)).isEqualTo(60504778260L);
        assertThat(raw.price(1)).isEqualTo(60955_66335980L);
        assertThat(raw.amount(1)).isEqualTo(-239148L);

        assertThat(decode("[8047,[60506083733,0,-1]]")).isEqualTo(Kind.RAW_BOOK);
        assertThat(raw.snapshot()).isFalse();
        assertThat(raw.price(0)).isZero();
    }

    @Test
    void exponentNumbersAndUnknownChannels() {
        decode("{\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":1,\"symbol\":\"tX\",\"prec\":\"P0\"}");
        assertThat(decode("[1,[0.00001011,2,4.2e-7]]")).isEqualTo(Kind.BOOK);
        assertThat(book.size(0)).isEqualTo(42L);
        assertThat(decode("[999,[1,2,3],7]")).isEqualTo(Kind.OTHER);
        assertThat(decoder.sequence()).isEqualTo(7);
    }

    @Test
    void badInputIsCountedNotThrown() {
        decode("{\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":1,\"symbol\":\"tX\",\"prec\":\"P0\"}");
        assertThat(decode("[1,[1.0,2]]")).isEqualTo(Kind.REJECTED);
        assertThat(decode("[1,[1.0,2,0]]")).isEqualTo(Kind.REJECTED);
        assertThat(decode("[1,[1.123456789,2,1]]")).isEqualTo(Kind.REJECTED);
        assertThat(decode("[1,\"cs\",99999999999]")).isEqualTo(Kind.REJECTED);
        assertThat(decode("]")).isEqualTo(Kind.REJECTED);
        assertThat(decoder.rejected()).isEqualTo(5);
    }

    private Kind decode(String json) {
        byte[] message = json.getBytes(StandardCharsets.UTF_8);
        return decoder.decode(message, 0, message.length, book, raw);
    }
}
