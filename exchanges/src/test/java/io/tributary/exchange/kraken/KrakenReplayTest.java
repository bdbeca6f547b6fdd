package io.tributary.exchange.kraken;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.book.L2Update;
import io.tributary.exchange.Scales;
import io.tributary.book.SymbolBook;
import io.tributary.book.SymbolCounters;
import io.tributary.book.SyncState;
import io.tributary.exchange.kraken.KrakenBookDecoder.Kind;
import io.tributary.exchange.recording.RecordingEntry;
import io.tributary.exchange.testing.Replay;
import io.tributary.model.Side;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.provider.CsvSource;

/** Replays the Kraken depth-1000 recordings: every update's CRC32 {@code c} must be reproduced. */
class KrakenReplayTest {

    /** Kraken v1 writes at most 8 significant decimals; asks reach 9,999,999,997 (fits 10^10 * 10^8). */
    static final Scales SCALES = Scales.of(8, 8);

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "kraken/cryptofeed-1312c06/KRAKEN-c197c0.0.gz, 10",
            "kraken/cryptofeed-master/KRAKEN.ws.50.0.gz, 10",
    })
    void everyChecksumIsReproduced(String file, int pairs) {
        List<RecordingEntry> session = Replay.load(file);
        KrakenBookSync sync = new KrakenBookSync(SCALES, (pair, first) -> {
        }, null);
        long bookMessages = 0;
        long withChecksum = 0;
        for (RecordingEntry entry : session) {
            byte[] payload = entry.payload();
            if (sync.onMessage(payload, 0, payload.length) == Kind.BOOK) {
                bookMessages++;
                if (sync.lastUpdate().checksum() != L2Update.NONE) {
                    withChecksum++;
                }
            }
        }
        long ok = 0;
        long failed = 0;
        long crossed = 0;
        for (SymbolBook book : sync.books()) {
            SymbolCounters c = book.counters();
            ok += c.checksumOk();
            failed += c.checksumFailed();
            crossed += c.crossed();
            assertThat(book.state()).as(book.symbol()).isEqualTo(SyncState.LIVE);
            assertThat(book.book().depth(Side.BID)).as(book.symbol()).isBetween(1, 1000);
            assertThat(book.book().depth(Side.ASK)).as(book.symbol()).isBetween(1, 1000);
        }
        System.out.printf("kraken %s: %d messages, %d book messages, checksums reproduced %d/%d, failed %d, "
                + "crossed %d%n", file, session.size(), bookMessages, ok, withChecksum, failed, crossed);

        assertThat(sync.books()).hasSize(pairs);
        assertThat(sync.rejected()).isZero();
        assertThat(withChecksum).isEqualTo(bookMessages - pairs); // every update carries c; snapshots do not
        assertThat(ok).isEqualTo(withChecksum);
        assertThat(failed).isZero();
        assertThat(crossed).isZero();
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "kraken/cryptofeed-1312c06/KRAKEN-4b7396.0",
            "kraken/cryptofeed-1312c06/KRAKEN-82ac16.0",
            "kraken/cryptofeed-master/KRAKEN.ws.48.0",
            "kraken/cryptofeed-master/KRAKEN.ws.49.0",
    })
    void tickerAndTradeChannelsAreNotBooksAndNotErrors(String file) {
        KrakenBookDecoder decoder = new KrakenBookDecoder(SCALES);
        L2Update update = new L2Update();
        long others = 0;
        for (RecordingEntry entry : Replay.load(file)) {
            Kind kind = decoder.decode(entry.payload(), 0, entry.payload().length, update);
            assertThat(kind).as(entry.text()).isIn(Kind.OTHER, Kind.HEARTBEAT);
            others++;
        }
        assertThat(others).isPositive();
        assertThat(decoder.rejected()).isZero();
    }
}
