package io.tributary.book;

import io.tributary.model.Decimals;
import io.tributary.model.Side;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every worked example of exchange-protocols.md §12, built from wire text through the real parser and book. */
class ChecksumTest {

    private static L2Book book(int priceScale, int sizeScale, String[][] bids, String[][] asks) {
        L2Book book = new L2Book("TEST", priceScale, sizeScale);
        L2Update update = new L2Update().clear("TEST", priceScale, sizeScale).snapshot(true);
        for (String[] level : bids) {
            assertThat(update.add(Side.BID, level[0], level[1])).isTrue();
        }
        for (String[] level : asks) {
            assertThat(update.add(Side.ASK, level[0], level[1])).isTrue();
        }
        book.apply(update);
        return book;
    }

    @Test
    void krakenDocsExample() {
        String[][] asks = new String[10][];
        for (int i = 0; i < 10; i++) {
            asks[i] = new String[] {"0.0" + (5005 + 5 * i), "0.00000500"};
        }
        String[][] bids = {{"0.05000", "0.00000500"}, {"0.04995", "0.00000500"}, {"0.04990", "0.00000500"},
                {"0.04980", "0.00000500"}, {"0.04975", "0.00000500"}, {"0.04970", "0.00000500"},
                {"0.04965", "0.00000500"}, {"0.04960", "0.00000500"}, {"0.04955", "0.00000500"},
                {"0.04950", "0.00000500"}};
        KrakenChecksum checksum = new KrakenChecksum();

        assertThat(checksum.compute(book(5, 8, bids, asks))).isEqualTo(974947235L);
        assertThat(checksum.lastInput()).startsWith("5005500501050050155005020500");
    }

    @Test
    void krakenUsesTheWrittenDigitsAtAnyScale() {
        String[][] asks = {{"0.05005", "0.00000500"}};
        KrakenChecksum checksum = new KrakenChecksum();
        checksum.compute(book(9, 12, new String[0][], asks));
        assertThat(checksum.lastInput()).isEqualTo("5005500");
    }

    @Test
    void krakenV2Example() {
        KrakenChecksum checksum = new KrakenChecksum();
        assertThat(checksum.compute(book(1, 8, new String[][] {{"45283.5", "0.10000000"}},
                new String[][] {{"45285.2", "0.00100000"}}))).isEqualTo(2383917627L);
        assertThat(checksum.lastInput()).isEqualTo("45285210000045283510000000");
    }

    @Test
    void okxDocsExamples() {
        OkxChecksum checksum = new OkxChecksum();
        assertThat(checksum.compute(book(2, 0, new String[][] {{"3366.1", "7"}, {"3366", "6"}},
                new String[][] {{"3366.8", "9"}, {"3368", "8"}}))).isEqualTo(-1881014294L);
        assertThat(checksum.lastInput()).isEqualTo("3366.1:7:3366.8:9:3366:6:3368:8");

        assertThat(checksum.compute(book(2, 0, new String[][] {{"3366.1", "7"}},
                new String[][] {{"3366.8", "9"}, {"3368", "8"}, {"3372", "8"}}))).isEqualTo(831078360L);
        assertThat(checksum.lastInput()).isEqualTo("3366.1:7:3366.8:9:3368:8:3372:8");
    }

    @Test
    void okxStopsAt25LevelsPerSide() {
        String[][] bids = new String[30][];
        String[][] asks = new String[30][];
        for (int i = 0; i < 30; i++) {
            bids[i] = new String[] {String.valueOf(100 - i), "1"};
            asks[i] = new String[] {String.valueOf(200 + i), "2"};
        }
        OkxChecksum checksum = new OkxChecksum();
        checksum.compute(book(0, 0, bids, asks));
        assertThat(checksum.lastInput().split(":")).hasSize(100).endsWith("76", "1", "224", "2");
    }

    @Test
    void bitfinexAggregatedBookExamples() {
        BitfinexChecksum checksum = new BitfinexChecksum();
        assertThat(checksum.compute(book(8, 8, new String[][] {{"7254.7", "3.3"}},
                new String[][] {{"7255.0", "1.2"}}))).isEqualTo(1757964990L);
        assertThat(checksum.lastInput()).isEqualTo("7254.7:3.3:7255:-1.2");

        // bmoscon/orderbook test: bid 64000 x 1E-8, bid 1E+9 x 5, ask 64100 x -2E-8; CRC32 of the string by zlib
        assertThat(checksum.compute(book(8, 8, new String[][] {{"64000", "1E-8"}, {"1E+9", "5"}},
                new String[][] {{"64100", "2E-8"}}))).isEqualTo(884068822L);
        assertThat(checksum.lastInput()).isEqualTo("1000000000:5:64100:-2e-8:64000:1e-8");
    }

    @Test
    void bitfinexPricesGoThroughPreparePrice() {
        // expected texts from node.js: Number(Number(p).toPrecision(5)), fixed notation where JS uses an exponent
        String[][] cases = {{"64123.5", "64124"}, {"64123.4", "64123"}, {"0.000123456", "0.00012346"},
                {"99999.5", "100000"}, {"0.00000017", "0.00000017"}, {"7254.7", "7254.7"}};
        for (String[] c : cases) {
            io.tributary.model.AsciiBuffer text = new io.tributary.model.AsciiBuffer(16);
            BitfinexChecksum.appendPrice(text, Decimals.parse(c[0], 12), 12);
            assertThat(text.toString()).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void bitfinexRawBookExample() {
        L3Book book = new L3Book("tBTCUSD", 8, 8);
        // inserted out of id order: the checksum orders a level by id, not by arrival
        book.add(22, Side.BID, Decimals.parse("100", 8), Decimals.parse("3", 8));
        book.add(11, Side.BID, Decimals.parse("100", 8), Decimals.parse("1E-8", 8));
        book.add(33, Side.BID, Decimals.parse("99", 8), Decimals.parse("2", 8));
        book.add(44, Side.ASK, Decimals.parse("101", 8), Decimals.parse("4", 8));
        BitfinexRawChecksum checksum = new BitfinexRawChecksum();

        assertThat(checksum.compute(book)).isEqualTo(1544820900L); // zlib CRC32 of the string, as signed
        assertThat(checksum.lastInput()).isEqualTo("11:1e-8:44:-4:22:3:33:2");
    }
}
