package io.tributary.exchange.bitstamp;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.fastjson2.JSON;
import io.tributary.book.SymbolBook;
import io.tributary.book.SymbolCounters;
import io.tributary.book.SyncState;
import io.tributary.exchange.Scales;
import io.tributary.exchange.recording.RecordingEntry;
import io.tributary.exchange.testing.Replay;
import io.tributary.model.event.Trade;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Replays the three recorded Bitstamp sessions (diff_order_book + live_trades, REST order_book snapshots) through the
 * connector's decoder and books: every diff newer than its snapshot is applied, none is rejected, no book is ever
 * crossed. The expected diff counts are the independent check of ../shared/data/INDEX.md.
 */
class BitstampReplayTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "bitstamp/cryptofeed-1312c06/BITSTAMP-b88f8b.0.gz, '', 3091",
            "bitstamp/cryptofeed-d823828/BITSTAMP.ws.19.0, bitstamp/cryptofeed-d823828/BITSTAMP.http.18.0.gz, 527",
            "bitstamp/cryptofeed-master/BITSTAMP.ws.1.0, bitstamp/cryptofeed-master/BITSTAMP.http.0.0.gz, 615",
    })
    void diffsApplyAfterTheirSnapshotsAndNeverCross(String ws, String http, long expectedApplied) {
        var session = http.isEmpty() ? Replay.load(ws) : Replay.load(ws, http);
        BitstampBookSync sync = new BitstampBookSync(Scales.of(8, 8), (symbol, first) -> {
        }, null);
        BitstampDecoder decoder = new BitstampDecoder(Scales.of(8, 8));
        long diffs = 0;
        long snapshots = 0;
        long trades = 0;
        long crossedAfterApply = 0;
        for (RecordingEntry entry : session) {
            if (entry.kind() == RecordingEntry.Kind.REST) {
                String symbol = entry.url().substring(entry.url().lastIndexOf('/') + 1);
                assertThat(sync.onSnapshot(symbol, entry.payload())).as(entry.url()).isNotNull();
                snapshots++;
                continue;
            }
            BitstampMessage message = BitstampMessage.of(JSON.parse(entry.payload()));
            assertThat(message).as(entry.text()).isNotNull();
            switch (message.kind()) {
                case DIFF -> {
                    diffs++;
                    SymbolBook book = sync.onDiff(message.symbol(), message.data());
                    assertThat(book).as(entry.text()).isNotNull();
                    if (book.state() == SyncState.LIVE && book.book().isCrossed()) {
                        crossedAfterApply++;
                    }
                }
                case TRADE -> {
                    Trade trade = decoder.trade(message.symbol(), message.data(), entry.receivedNanos());
                    assertThat(trade).as(entry.text()).isNotNull();
                    assertThat(trade.aggressor()).isNotEqualTo(io.tributary.model.event.Aggressor.UNKNOWN);
                    trades++;
                }
                case CONTROL -> assertThat(message.event()).isEqualTo("bts:subscription_succeeded");
                default -> throw new AssertionError("unexpected " + entry.text());
            }
        }
        long applied = 0;
        long stale = 0;
        long crossed = 0;
        for (SymbolBook book : sync.books()) {
            SymbolCounters c = book.counters();
            applied += c.applied();
            stale += c.stale();
            crossed += c.crossed();
            assertThat(book.state()).as(book.symbol()).isEqualTo(SyncState.LIVE);
        }
        long diffsApplied = applied - snapshots;
        System.out.printf("bitstamp %s: %d messages, %d snapshots, %d diffs: %d applied after their snapshot, "
                + "%d older dropped, %d trades, crossed %d%n", ws, session.size(), snapshots, diffs, diffsApplied,
                stale, trades, crossed + crossedAfterApply);

        assertThat(snapshots).isEqualTo(10);
        assertThat(sync.books()).hasSize(10);
        assertThat(sync.rejected()).isZero();
        assertThat(diffsApplied).isEqualTo(expectedApplied);
        assertThat(diffsApplied + stale).isEqualTo(diffs);
        assertThat(crossed + crossedAfterApply).isZero();
        assertThat(trades).isPositive();
    }
}
