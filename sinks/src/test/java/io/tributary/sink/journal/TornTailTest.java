package io.tributary.sink.journal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a reader finds after the writer died: every complete record, nothing invented, no exception. */
class TornTailTest {

    @TempDir
    Path dir;

    @Test
    void aFileWhoseWriterDiedYieldsEverythingFlushed() throws Exception {
        List<String> texts = new ArrayList<>();
        try (Journal journal = Journal.builder(dir).flushInterval(Duration.ofHours(1)).build()) {
            for (int i = 0; i < 500; i++) {
                texts.add("{\"u\":" + i + "}");
                journal.append(RecordKind.TEXT, "binance", 1, i, i, texts.get(i).getBytes(StandardCharsets.UTF_8));
            }
            assertThat(journal.flush(Duration.ofSeconds(10))).isTrue();
            journal.append(RecordKind.TEXT, "binance", 1, 0, 0, "not flushed".getBytes(StandardCharsets.UTF_8));

            // The file as a hard kill leaves it now: flushed batches, no gzip trailer.
            Path copy = dir.resolve("copy").resolve("killed.journal.gz");
            Files.createDirectories(copy.getParent());
            Files.copy(journal.files().get(0), copy);
            try (JournalReader reader = JournalReader.open(copy)) {
                List<String> read = new ArrayList<>();
                reader.forEachRemaining(record -> read.add(record.text()));
                assertThat(read).containsExactlyElementsOf(texts);
                assertThat(reader.tornFiles()).isEqualTo(1);
            }
        }
    }

    @Test
    void everyTruncationYieldsAPrefixOfTheRecords() throws IOException {
        List<JournalRecord> written = new ArrayList<>();
        try (Journal journal = Journal.builder(dir).build()) {
            for (int i = 0; i < 40; i++) {
                byte[] payload = ("{\"u\":" + i + ",\"pad\":\"" + "x".repeat(i * 7) + "\"}")
                        .getBytes(StandardCharsets.UTF_8);
                journal.append(i % 3 == 0 ? RecordKind.BINARY : RecordKind.TEXT, "kraken", 2, i, i * 10L, payload);
                written.add(new JournalRecord(i + 1, i % 3 == 0 ? RecordKind.BINARY : RecordKind.TEXT, "kraken", 2,
                        i, i * 10L, payload));
            }
        }
        Path file;
        try (var files = Files.list(dir)) {
            file = files.findFirst().orElseThrow();
        }
        byte[] whole = Files.readAllBytes(file);
        Path cut = dir.resolve("cut").resolve("cut.journal.gz");
        Files.createDirectories(cut.getParent());
        int previous = -1;
        for (int length = 0; length <= whole.length; length++) {
            Files.write(cut, java.util.Arrays.copyOf(whole, length));
            List<JournalRecord> read = new ArrayList<>();
            try (JournalReader reader = JournalReader.open(cut.getParent())) {
                reader.forEachRemaining(read::add);
                assertThat(reader.tornFiles()).as("cut at %d of %d", length, whole.length)
                        .isEqualTo(length == whole.length ? 0 : 1);
            }
            assertThat(read).as("cut at %d", length).isEqualTo(written.subList(0, read.size()));
            assertThat(read.size()).isGreaterThanOrEqualTo(previous);
            previous = read.size();
        }
        assertThat(previous).isEqualTo(written.size());
    }
}
