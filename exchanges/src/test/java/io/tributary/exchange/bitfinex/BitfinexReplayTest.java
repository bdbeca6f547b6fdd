package io.tributary.exchange.bitfinex;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.book.L3Book;
import io.tributary.book.SymbolBook;
import io.tributary.book.SyncState;
import io.tributary.exchange.Scales;
import io.tributary.exchange.bitfinex.BitfinexDecoder.Kind;
import io.tributary.exchange.recording.RecordingEntry;
import io.tributary.exchange.testing.Replay;
import io.tributary.model.Side;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Replays the Bitfinex recordings: SEQ_ALL must be contiguous and the aggregated books never crossed; the raw (R0)
 * book must find every removed order and its price levels must always equal the sum of their orders.
 */
class BitfinexReplayTest {

    static final Scales SCALES = Scales.of(8, 8);

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "bitfinex/cryptofeed-1312c06/BITFINEX-58bafb.0.gz, 8",
            "bitfinex/cryptofeed-master/BITFINEX.ws.11.0, 7",
    })
    void sequenceIsContiguousAndBooksNeverCross(String file, int books) {
        List<RecordingEntry> session = Replay.load(file);
        BitfinexBookSync sync = new BitfinexBookSync(SCALES, (symbol, first) -> {
        }, null);
        long sequenced = 0;
        long bookMessages = 0;
        long firstSequence = -1;
        for (RecordingEntry entry : session) {
            byte[] payload = entry.payload();
            Kind kind = sync.onMessage(payload, 0, payload.length);
            if (kind == Kind.BOOK) {
                bookMessages++;
            }
            if (kind != Kind.EVENT && kind != Kind.REJECTED) {
                sequenced++;
                if (firstSequence < 0) {
                    firstSequence = sync.lastSequence();
                }
            }
        }
        long crossed = 0;
        for (SymbolBook book : sync.books()) {
            crossed += book.counters().crossed();
            assertThat(book.state()).as(book.symbol()).isEqualTo(SyncState.LIVE);
            assertThat(book.book().depth(Side.BID)).as(book.symbol()).isPositive();
        }
        System.out.printf("bitfinex %s: %d messages, %d with SEQ_ALL (%d..%d), %d sequence gaps, %d book messages, "
                        + "%d crossed%n", file, session.size(), sequenced, firstSequence, sync.lastSequence(),
                sync.sequenceGaps(), bookMessages, crossed);

        assertThat(sync.rejected()).isZero();
        assertThat(sync.books()).hasSize(books);
        assertThat(sync.sequenceGaps()).isZero();
        assertThat(sync.lastSequence() - firstSequence + 1).isEqualTo(sequenced);
        assertThat(crossed).isZero();
    }

    @Test
    void rawBookFindsEveryOrderAndLevelsEqualTheirOrders() {
        List<RecordingEntry> session = Replay.load("bitfinex/nautilus_trader/L3_feed.json.gz");
        BitfinexBookSync sync = new BitfinexBookSync(SCALES, (symbol, first) -> {
        }, null);
        long rawMessages = 0;
        long deletes = 0;
        long[] ids = new long[1024];
        long[] sizes = new long[1024];
        for (RecordingEntry entry : session) {
            byte[] payload = entry.payload();
            Kind kind = sync.onMessage(payload, 0, payload.length);
            if (kind != Kind.RAW_BOOK) {
                continue;
            }
            rawMessages++;
            RawBookSync raw = sync.rawBook("tBTCUSD");
            assertThat(raw.state()).as("after raw message %d", rawMessages).isEqualTo(SyncState.LIVE);
            L3Book book = raw.book();
            int orders = 0;
            for (Side side : Side.values()) {
                for (int level = 0; level < book.depth(side); level++) {
                    int n = book.orders(side, level, ids, sizes);
                    long sum = 0;
                    for (int i = 0; i < n; i++) {
                        sum += sizes[i];
                        assertThat(book.orderPrice(ids[i])).isEqualTo(book.price(side, level));
                    }
                    assertThat(sum).as("level %s %d after message %d", side, level, rawMessages)
                            .isEqualTo(book.size(side, level));
                    assertThat(n).isEqualTo(book.orderCount(side, level)).isPositive();
                    orders += n;
                }
            }
            assertThat(orders).isEqualTo(book.orderCount());
        }
        RawBookSync raw = sync.rawBook("tBTCUSD");
        System.out.printf("bitfinex L3_feed.json: %d messages, %d raw book messages, %d unknown order ids, "
                        + "%d orders at the end, %d transiently crossed states%n", session.size(), rawMessages,
                raw.book().unknownOrders(), raw.book().orderCount(), raw.crossed());

        assertThat(session).hasSize(100_001);
        assertThat(rawMessages).isEqualTo(99_999); // the snapshot and 99,998 updates
        assertThat(raw.book().unknownOrders()).isZero();
        assertThat(sync.rejected()).isZero();
    }
}
