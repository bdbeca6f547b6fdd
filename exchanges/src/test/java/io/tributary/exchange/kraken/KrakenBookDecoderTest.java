package io.tributary.exchange.kraken;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.book.L2Update;
import io.tributary.exchange.Scales;
import io.tributary.exchange.kraken.KrakenBookDecoder.Kind;
import io.tributary.model.Side;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KrakenBookDecoderTest {

    private final KrakenBookDecoder decoder = new KrakenBookDecoder(Scales.of(10, 8));
    private final L2Update update = new L2Update();

    @Test
    void snapshotKeepsTheWireDecimals() {
        Kind kind = decode("""
                [0,{"as":[["5290.80000","1.00000000","1556724667.748660"]],\
                "bs":[["5290.10000","1.43195600","1556724666.594179"]]},"book-10","XBT/USD"]""");

        assertThat(kind).isEqualTo(Kind.BOOK);
        assertThat(update.symbol()).isEqualTo("XBT/USD");
        assertThat(update.isSnapshot()).isTrue();
        assertThat(update.checksum()).isEqualTo(L2Update.NONE);
        assertThat(decoder.depth()).isEqualTo(10);
        assertThat(update.size()).isEqualTo(2);
        assertThat(update.side(0)).isEqualTo(Side.ASK);
        assertThat(update.price(0)).isEqualTo(5290_8000000000L);
        assertThat(update.priceDecimals(0)).isEqualTo(5);
        assertThat(update.size(0)).isEqualTo(1_00000000L);
        assertThat(update.sizeDecimals(0)).isEqualTo(8);
        assertThat(update.side(1)).isEqualTo(Side.BID);
    }

    @Test
    void updateInTwoObjectsWithChecksumAndRepublishFlag() {
        Kind kind = decode("""
                [1234,{"a":[["0.05120","0.00000500","1582905486.493008"],["0.05121","0.00000000","1582905486.493009","r"]]},\
                {"b":[["0.04765","0.00000500","1582905486.493034"]],"c":"974947235"},"book-1000","ETH/XBT"]""");

        assertThat(kind).isEqualTo(Kind.BOOK);
        assertThat(update.symbol()).isEqualTo("ETH/XBT");
        assertThat(update.isSnapshot()).isFalse();
        assertThat(update.checksum()).isEqualTo(974947235L);
        assertThat(decoder.depth()).isEqualTo(1000);
        assertThat(update.size()).isEqualTo(3);
        assertThat(update.side(1)).isEqualTo(Side.ASK);
        assertThat(update.size(1)).isZero();
        assertThat(update.side(2)).isEqualTo(Side.BID);
        assertThat(update.price(2)).isEqualTo(476_500_000L);
    }

    @Test
    void eventsTradesAndHeartbeats() {
        assertThat(decode("{\"event\":\"heartbeat\"}")).isEqualTo(Kind.HEARTBEAT);
        assertThat(decode("{\"event\":\"systemStatus\",\"status\":\"online\"}")).isEqualTo(Kind.OTHER);
        assertThat(decode("[0,[[\"5541.2\",\"0.15\",\"1534614057.3\",\"s\",\"l\",\"\"]],\"trade\",\"XBT/USD\"]"))
                .isEqualTo(Kind.OTHER);
        assertThat(decode("""
                [1,{"a":["5525.40000",1,"1.000"],"b":["5525.10000",1,"1.000"],"c":["5525.10000","0.00398963"],\
                "v":["2634.11501494","3591.17907851"]},"ticker","XBT/USD"]""")).isEqualTo(Kind.OTHER);
        assertThat(decoder.rejected()).isZero();
    }

    @Test
    void badInputIsCountedNotThrown() {
        assertThat(decode("[0,{\"a\":[[\"x\",\"1\",\"1\"]]},\"book-10\",\"XBT/USD\"]")).isEqualTo(Kind.REJECTED);
        assertThat(decode("[0,{\"a\":[[\"1.0\",\"1\",\"1\"]]},\"book-\",\"XBT/USD\"]")).isEqualTo(Kind.REJECTED);
        assertThat(decode("[0,{\"a\":[[\"1.0\",\"1\",\"1\"]]}")).isEqualTo(Kind.REJECTED);
        assertThat(decode("42")).isEqualTo(Kind.REJECTED);
        assertThat(decode("[0,{\"a\":[]},\"extra\",\"book-10\",\"XBT/USD\"]")).isEqualTo(Kind.REJECTED);
        assertThat(decoder.rejected()).isEqualTo(5);
    }

    private Kind decode(String json) {
        byte[] message = json.getBytes(StandardCharsets.UTF_8);
        return decoder.decode(message, 0, message.length, update);
    }
}
