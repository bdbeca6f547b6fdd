package io.tributary.sink.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read thread never waits for the disk: appends return while the writer is stuck in a write. */
class StalledDiskTest {

    @TempDir
    Path dir;

    @Test
    void appendReturnsWhileTheWriterIsStuck() throws Exception {
        Gate gate = new Gate();
        try (Journal journal = Journal.builder(dir).opener(gate::open).batchBytes(1024).build()) {
            append(journal, 1);
            gate.writerStuck.await(); // the writer is inside a write that will not return

            for (int i = 2; i <= 20_000; i++) {
                assertThat(append(journal, i)).isTrue();
            }
            JournalStats stuck = journal.stats();
            assertThat(stuck.appended()).isEqualTo(20_000);
            assertThat(stuck.written()).isZero();
            assertThat(stuck.pendingBytes()).isPositive();
            assertThat(journal.flush(Duration.ofMillis(50))).isFalse();

            gate.release.countDown();
            assertThat(journal.flush(Duration.ofSeconds(30))).isTrue();
        }
        List<JournalRecord> records = JournalTest.readAll(dir);
        assertThat(records).hasSize(20_000);
        assertThat(records.get(19_999).text()).isEqualTo("frame 20000");
    }

    @Test
    void pastTheMemoryBudgetRecordsAreDroppedCountedAndMarked() throws Exception {
        Gate gate = new Gate();
        int accepted = 1;
        try (Journal journal = Journal.builder(dir).opener(gate::open).batchBytes(1024).maxPendingBytes(64 * 1024)
                .build()) {
            append(journal, 1);
            gate.writerStuck.await();
            int refused = 0;
            for (int i = 2; i <= 5_000; i++) {
                if (append(journal, i)) {
                    accepted++;
                } else {
                    refused++;
                }
            }
            assertThat(refused).isPositive();
            assertThat(journal.stats().lost()).isEqualTo(refused);
            gate.release.countDown();
            assertThat(journal.flush(Duration.ofSeconds(30))).isTrue();
            assertThat(append(journal, 5_001)).isTrue(); // room again: the hole is marked before this record
            accepted++;
        }
        List<JournalRecord> records = JournalTest.readAll(dir);
        JournalRecord last = records.get(records.size() - 1);
        JournalRecord marker = records.get(records.size() - 2);
        assertThat(last.text()).isEqualTo("frame 5001");
        assertThat(marker.kind()).isEqualTo(RecordKind.LOST);
        assertThat(Long.parseLong(marker.text())).isEqualTo(5_000 - accepted + 1);
        assertThat(records).hasSize(accepted + 1);
    }

    private static boolean append(Journal journal, int n) {
        return journal.append(RecordKind.TEXT, "binance", 1, n, n, ("frame " + n).getBytes(StandardCharsets.UTF_8));
    }

    /** A file whose first write blocks until released: a disk that stalls. */
    private static final class Gate {
        final CountDownLatch writerStuck = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        OutputStream open(Path path) throws IOException {
            return new FilterOutputStream(Files.newOutputStream(path)) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    writerStuck.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        throw new InterruptedIOException();
                    }
                    out.write(b, off, len);
                }
            };
        }
    }
}
