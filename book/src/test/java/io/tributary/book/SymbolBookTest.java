package io.tributary.book;

import io.tributary.model.GapEvent;
import io.tributary.model.GapReason;
import io.tributary.model.Side;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SymbolBookTest {

    /** Records what a symbol book reports, for assertions. */
    private static final class Recorder implements SyncListener {
        final List<GapEvent> gaps = new ArrayList<>();
        final List<String> live = new ArrayList<>();

        @Override
        public void onOutOfSync(SymbolBook book, GapEvent event) {
            gaps.add(event);
        }

        @Override
        public void onLive(SymbolBook book) {
            live.add(book.symbol());
        }
    }

    private final Recorder recorder = new Recorder();
    private final L2Update update = new L2Update();

    private SymbolBook binance(String symbol) {
        return new SymbolBook("binance", new L2Book(symbol, 2, 8), new BinanceSpotSequence(), null, recorder);
    }

    private L2Update depth(String symbol, long first, long last, String bidPrice, String bidSize) {
        update.clear(symbol, 2, 8).firstUpdateId(first).lastUpdateId(last);
        update.add(Side.BID, bidPrice, bidSize);
        return update;
    }

    private L2Update restSnapshot(String symbol, long lastUpdateId) {
        update.clear(symbol, 2, 8).snapshot(true).lastUpdateId(lastUpdateId);
        update.add(Side.BID, "100.00", "1");
        update.add(Side.ASK, "101.00", "1");
        return update;
    }

    @Test
    void buffersUntilTheSnapshotThenReplaysBehindIt() {
        SymbolBook book = binance("BTCUSDT");
        book.onUpdate(depth("BTCUSDT", 90, 95, "99.00", "1")); // before the snapshot: stale
        book.onUpdate(depth("BTCUSDT", 96, 105, "99.50", "2")); // bridges lastUpdateId 100
        book.onUpdate(depth("BTCUSDT", 106, 110, "100.00", "3"));
        assertThat(book.state()).isEqualTo(SyncState.SYNCING);
        assertThat(book.buffered()).isEqualTo(3);

        book.onUpdate(restSnapshot("BTCUSDT", 100));

        assertThat(book.state()).isEqualTo(SyncState.LIVE);
        assertThat(recorder.live).containsExactly("BTCUSDT");
        assertThat(book.book().updateId()).isEqualTo(110);
        assertThat(book.book().sizeAt(Side.BID, 9900)).isZero();
        assertThat(book.book().sizeAt(Side.BID, 9950)).isEqualTo(200_000_000L);
        assertThat(book.book().sizeAt(Side.BID, 10000)).isEqualTo(300_000_000L);
        assertThat(book.counters().messages()).isEqualTo(4);
        assertThat(book.counters().applied()).isEqualTo(3);
        assertThat(book.counters().stale()).isEqualTo(1);
        assertThat(book.buffered()).isZero();
    }

    @Test
    void aGapTakesOnlyThatSymbolOutOfSyncUntilANewSnapshot() {
        SymbolBook btc = binance("BTCUSDT");
        SymbolBook eth = binance("ETHUSDT");
        btc.onUpdate(restSnapshot("BTCUSDT", 100));
        eth.onUpdate(restSnapshot("ETHUSDT", 500));
        btc.onUpdate(depth("BTCUSDT", 101, 102, "99.00", "1"));
        btc.onUpdate(depth("BTCUSDT", 105, 106, "98.00", "1")); // 103..104 lost
        eth.onUpdate(depth("ETHUSDT", 501, 502, "99.00", "1"));

        assertThat(btc.state()).isEqualTo(SyncState.OUT_OF_SYNC);
        assertThat(btc.book().depth(Side.BID)).as("a wrong book is not served").isZero();
        assertThat(eth.state()).isEqualTo(SyncState.LIVE);
        assertThat(eth.book().depth(Side.BID)).isEqualTo(2);
        assertThat(recorder.gaps).containsExactly(
                new GapEvent("binance", "BTCUSDT", 103, 105, GapReason.SEQUENCE_GAP));
        assertThat(btc.counters().gaps()).isEqualTo(1);

        btc.onUpdate(depth("BTCUSDT", 107, 120, "97.00", "1")); // buffered during the resync
        btc.onUpdate(restSnapshot("BTCUSDT", 115));

        assertThat(btc.state()).isEqualTo(SyncState.LIVE);
        assertThat(btc.counters().resyncs()).isEqualTo(1);
        assertThat(btc.book().updateId()).isEqualTo(120);
        assertThat(btc.book().sizeAt(Side.BID, 9700)).isEqualTo(100_000_000L);
        assertThat(btc.book().sizeAt(Side.BID, 9800)).as("from before the gap").isZero();
    }

    @Test
    void aChecksumMismatchResyncsAndCanBeSwitchedOff() {
        SymbolBook kraken = new SymbolBook("kraken", new L2Book("XBT/USD", 5, 8, 10), new Unsequenced(),
                new KrakenChecksum(), recorder);
        update.clear("XBT/USD", 5, 8).snapshot(true);
        update.add(Side.ASK, "0.05005", "0.00000500");
        kraken.onUpdate(update);
        long right = new KrakenChecksum().compute(kraken.book());

        update.clear("XBT/USD", 5, 8).checksum(right);
        kraken.onUpdate(update);
        assertThat(kraken.counters().checksumOk()).isEqualTo(1);

        update.clear("XBT/USD", 5, 8).checksum(right + 1);
        kraken.onUpdate(update);
        assertThat(kraken.state()).isEqualTo(SyncState.OUT_OF_SYNC);
        assertThat(kraken.counters().checksumFailed()).isEqualTo(1);
        assertThat(recorder.gaps).containsExactly(
                new GapEvent("kraken", "XBT/USD", right + 1, right, GapReason.CHECKSUM_MISMATCH));

        kraken.checksumEnabled(false);
        update.clear("XBT/USD", 5, 8).snapshot(true).add(Side.ASK, "0.05005", "0.00000500");
        kraken.onUpdate(update);
        update.clear("XBT/USD", 5, 8).checksum(12345);
        kraken.onUpdate(update);
        assertThat(kraken.state()).isEqualTo(SyncState.LIVE);
        assertThat(kraken.counters().checksumFailed()).isEqualTo(1);
    }

    @Test
    void aSeparateChecksumMessageIsVerifiedAgainstTheBook() {
        SymbolBook bitfinex = new SymbolBook("bitfinex", new L2Book("tBTCUSD", 8, 8),
                new BitfinexSequence(), new BitfinexChecksum(), recorder);
        update.clear("tBTCUSD", 8, 8).snapshot(true).lastUpdateId(1);
        update.add(Side.BID, "7254.7", "3.3");
        update.add(Side.ASK, "7255.0", "1.2");
        bitfinex.onUpdate(update);

        assertThat(bitfinex.verifyChecksum(1757964990L)).isTrue();
        assertThat(bitfinex.verifyChecksum(-1)).isFalse();
        assertThat(bitfinex.state()).isEqualTo(SyncState.OUT_OF_SYNC);
    }

    @Test
    void aRejectedValueIsCountedAndResyncs() {
        SymbolBook book = binance("BTCUSDT");
        book.onUpdate(restSnapshot("BTCUSDT", 100));
        update.clear("BTCUSDT", 2, 8).firstUpdateId(101).lastUpdateId(101);
        update.add(Side.BID, "99.001", "1");
        book.onUpdate(update);

        assertThat(book.counters().rejected()).isEqualTo(1);
        assertThat(book.state()).isEqualTo(SyncState.OUT_OF_SYNC);
        assertThat(recorder.gaps.getFirst().reason()).isEqualTo(GapReason.VALUE_REJECTED);

        // another one while waiting for the snapshot is counted but asks for nothing new; the replay finds the hole
        update.clear("BTCUSDT", 2, 8).firstUpdateId(102).lastUpdateId(102);
        update.add(Side.BID, "99.001", "1");
        book.onUpdate(update);
        book.onUpdate(depth("BTCUSDT", 103, 103, "99.00", "1"));
        assertThat(book.counters().rejected()).isEqualTo(2);
        assertThat(recorder.gaps).hasSize(1);
        book.onUpdate(restSnapshot("BTCUSDT", 101));
        assertThat(book.state()).isEqualTo(SyncState.OUT_OF_SYNC);
        assertThat(recorder.gaps).hasSize(2);
        assertThat(recorder.gaps.getLast()).isEqualTo(
                new GapEvent("binance", "BTCUSDT", 102, 103, GapReason.SEQUENCE_GAP));
    }

    @Test
    void aRejectedSnapshotIsReportedNotAwaitedForever() {
        SymbolBook kraken = new SymbolBook("kraken", new L2Book("XBT/CHF", 10, 8, 1000), new Unsequenced(),
                new KrakenChecksum(), recorder);
        update.clear("XBT/CHF", 10, 8).snapshot(true);
        update.add(Side.ASK, "9999999997.00000", "0.00100000"); // a real Kraken level: 10^20 at scale 10
        kraken.onUpdate(update);

        assertThat(kraken.state()).isEqualTo(SyncState.OUT_OF_SYNC);
        assertThat(kraken.counters().rejected()).isEqualTo(1);
        assertThat(recorder.gaps).containsExactly(
                new GapEvent("kraken", "XBT/CHF", L2Update.NONE, L2Update.NONE, GapReason.VALUE_REJECTED));
    }

    @Test
    void boundedBufferDropsTheOldest() {
        SymbolBook book = new SymbolBook("binance", new L2Book("BTCUSDT", 2, 8), new BinanceSpotSequence(), null,
                recorder, 3);
        for (int i = 0; i < 5; i++) {
            book.onUpdate(depth("BTCUSDT", 101 + i, 101 + i, "99.00", String.valueOf(i + 1)));
        }
        assertThat(book.buffered()).isEqualTo(3);
        assertThat(book.counters().bufferDropped()).isEqualTo(2);

        book.onUpdate(restSnapshot("BTCUSDT", 102)); // 103 is the oldest kept: bridges
        assertThat(book.state()).isEqualTo(SyncState.LIVE);
        assertThat(book.book().sizeAt(Side.BID, 9900)).isEqualTo(500_000_000L);

        SymbolBook late = new SymbolBook("binance", new L2Book("ETHUSDT", 2, 8), new BinanceSpotSequence(), null,
                recorder, 2);
        for (int i = 0; i < 5; i++) {
            late.onUpdate(depth("ETHUSDT", 101 + i, 101 + i, "99.00", "1"));
        }
        late.onUpdate(restSnapshot("ETHUSDT", 100)); // 101..103 were dropped: the replay finds the gap
        assertThat(late.state()).isEqualTo(SyncState.OUT_OF_SYNC);
    }

    @Test
    void countsCrossedBooks() {
        SymbolBook book = binance("BTCUSDT");
        book.onUpdate(restSnapshot("BTCUSDT", 100));
        book.onUpdate(depth("BTCUSDT", 101, 101, "101.00", "1"));
        assertThat(book.counters().crossed()).isEqualTo(1);
        assertThat(book.book().isCrossed()).isTrue();
    }
}
