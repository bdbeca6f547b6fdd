package io.tributary.exchange.okx;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.book.L2Update;
import io.tributary.exchange.Scales;
import io.tributary.book.SymbolBook;
import io.tributary.book.SymbolCounters;
import io.tributary.book.SyncState;
import io.tributary.exchange.okx.OkxBookDecoder.Kind;
import io.tributary.exchange.recording.RecordingEntry;
import io.tributary.exchange.testing.Replay;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Replays every OKX recording: every snapshot's and update's signed CRC32 {@code checksum} must be reproduced. */
class OkxReplayTest {

    /** ELON-USDT is quoted to 11 decimals in whole-coin sizes up to 5.95e12 (OKX tickSz 1e-11, lotSz 1). */
    static final Scales SCALES = Scales.of(10, 8).with("ELON-USDT", 11, 0);

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "okx/cryptofeed-9a4a9b9/OKEX.ws.1.0.gz, 10",
            "okx/cryptofeed-9a4a9b9/OKEX.ws.2.0.gz, 10",
            "okx/cryptofeed-9a4a9b9/OKEX.ws.3.0.gz, 10",
            "okx/cryptofeed-dad0e1c/OKX.ws.1.0.gz, 10",
            "okx/cryptofeed-master/OKX.ws.1.0.gz, 3",
    })
    void everyChecksumIsReproduced(String file, int instruments) {
        List<RecordingEntry> session = Replay.load(file);
        OkxBookSync sync = new OkxBookSync(SCALES, true, (instrument, first) -> {
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
        long gaps = 0;
        for (SymbolBook book : sync.books()) {
            SymbolCounters c = book.counters();
            ok += c.checksumOk();
            failed += c.checksumFailed();
            crossed += c.crossed();
            gaps += c.gaps();
            assertThat(book.state()).as(book.symbol()).isEqualTo(SyncState.LIVE);
        }
        System.out.printf("okx %s: %d messages, %d book messages, checksums reproduced %d/%d, failed %d, gaps %d, "
                + "crossed %d%n", file, session.size(), bookMessages, ok, withChecksum, failed, gaps, crossed);

        assertThat(sync.books()).hasSize(instruments);
        assertThat(sync.rejected()).isZero();
        assertThat(withChecksum).isEqualTo(bookMessages);
        assertThat(ok).isEqualTo(withChecksum);
        assertThat(failed).isZero();
        assertThat(gaps).isZero();
        assertThat(crossed).isZero();
    }
}
