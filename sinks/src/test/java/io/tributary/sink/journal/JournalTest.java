package io.tributary.sink.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.connection.RawMessage;
import io.tributary.core.time.ManualNanoClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import io.tributary.core.connection.SocketInfo;
import io.tributary.core.connection.SocketState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalTest {

    @TempDir
    Path dir;

    @Test
    void framesAndMarkersComeBackExactlyAsAppended() throws IOException {
        ManualNanoClock clock = new ManualNanoClock(5_000, 1_700_000_000_000_000_000L);
        byte[] odd = new byte[256];
        for (int i = 0; i < odd.length; i++) {
            odd[i] = (byte) i; // every byte value, newlines and NULs included
        }
        byte[] invalidUtf8 = {'{', (byte) 0xC3, (byte) 0x28, '\n', '}'};
        List<JournalRecord> expected = new ArrayList<>();
        try (Journal journal = Journal.builder(dir).prefix("binance").clock(clock).build()) {
            JournalTap tap = journal.tap("binance");
            SocketInfo socket = new SocketInfo(7, URI.create("wss://stream.binance.com:9443/stream?streams=a"),
                    SocketState.LIVE, Duration.ZERO, List.of("a"), 0, Map.of());
            tap.socketOpened(socket);
            expected.add(marker(1, RecordKind.CONNECT, 7, clock, "wss://stream.binance.com:9443/stream?streams=a"));
            String json = "{\"stream\":\"btcusdt@depth\",\"data\":{\"e\":\"depthUpdate\",\"s\":\"BTCUSDT\",\"p\":\"65000.10\",\"é\":\"✓\"}}";
            tap.onFrame(RawMessage.ofText(7, 0, 10, 20, json));
            expected.add(new JournalRecord(2, RecordKind.TEXT, "binance", 7, 10, 20,
                    json.getBytes(StandardCharsets.UTF_8)));
            tap.onFrame(new RawMessage(7, 0, 11, 21, true, odd));
            expected.add(new JournalRecord(3, RecordKind.BINARY, "binance", 7, 11, 21, odd));
            tap.onFrame(new RawMessage(7, 0, 12, 22, false, invalidUtf8));
            expected.add(new JournalRecord(4, RecordKind.TEXT, "binance", 7, 12, 22, invalidUtf8));
            tap.onFrame(new RawMessage(7, 0, 13, 23, false, new byte[0]));
            expected.add(new JournalRecord(5, RecordKind.TEXT, "binance", 7, 13, 23, new byte[0]));
            clock.advanceNanos(1_000);
            tap.gap("BTCUSDT", "sequence gap: expected U=101, got 105");
            expected.add(marker(6, RecordKind.GAP, 0, clock, "BTCUSDT sequence gap: expected U=101, got 105"));
            tap.socketClosed(socket, "server closed with 1000 bye\nnow");
            expected.add(marker(7, RecordKind.DISCONNECT, 7, clock, "server closed with 1000 bye\nnow"));
        }

        assertThat(readAll(dir)).containsExactlyElementsOf(expected);
    }

    @Test
    void rotatesBySizeAndEveryRecordComesBackInOrder() throws Exception {
        Random random = new Random(7);
        List<byte[]> payloads = new ArrayList<>();
        try (Journal journal = Journal.builder(dir).maxFileBytes(16 * 1024).batchBytes(4096).build()) {
            for (int i = 0; i < 400; i++) {
                byte[] payload = new byte[random.nextInt(600)];
                random.nextBytes(payload); // incompressible, so the files really grow
                payloads.add(payload);
                journal.append(RecordKind.BINARY, "binance", 1, i, i, payload);
                assertThat(journal.flush(Duration.ofSeconds(10))).isTrue(); // a batch per record: exact rotation
            }
            assertThat(journal.files()).hasSizeGreaterThan(5);
        }

        List<JournalRecord> records = readAll(dir);
        assertThat(records).hasSize(payloads.size());
        for (int i = 0; i < records.size(); i++) {
            assertThat(records.get(i).sequence()).isEqualTo(i + 1);
            assertThat(records.get(i).payload()).isEqualTo(payloads.get(i));
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                // the last batch (here one record) may overshoot the limit; nothing more
                assertThat(Files.size(file)).isLessThan(16 * 1024 + 1024);
            }
        }
    }

    @Test
    void rotatesByAgeOnTheInjectedClock() throws Exception {
        ManualNanoClock clock = new ManualNanoClock();
        try (Journal journal = Journal.builder(dir).clock(clock).maxFileAge(Duration.ofMinutes(10)).build()) {
            journal.marker(RecordKind.GAP, "binance", 0, "first");
            assertThat(journal.flush(Duration.ofSeconds(10))).isTrue();
            clock.advance(Duration.ofMinutes(9));
            journal.marker(RecordKind.GAP, "binance", 0, "second");
            assertThat(journal.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(journal.files()).hasSize(1);
            clock.advance(Duration.ofMinutes(1));
            journal.marker(RecordKind.GAP, "binance", 0, "third");
            assertThat(journal.flush(Duration.ofSeconds(10))).isTrue();
            assertThat(journal.files()).hasSize(2);
        }
        assertThat(readAll(dir)).extracting(JournalRecord::text).containsExactly("first", "second", "third");
    }

    @Test
    void closeFlushesEverythingAppended() {
        Journal journal = Journal.builder(dir).flushInterval(Duration.ofHours(1)).batchBytes(1L << 30).build();
        for (int i = 0; i < 10_000; i++) {
            journal.append(RecordKind.TEXT, "okx", 3, i, i, ("{\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8));
        }
        assertThat(journal.stats().written()).isZero(); // nothing was due yet: the interval is an hour
        journal.close();

        List<JournalRecord> records = readAll(dir);
        assertThat(records).hasSize(10_000);
        assertThat(records.get(9_999).text()).isEqualTo("{\"n\":9999}");
        assertThat(journal.stats().written()).isEqualTo(10_000);
        assertThat(journal.stats().lost()).isZero();
    }

    @Test
    void appendsAfterCloseAreRefusedAndCounted() {
        Journal journal = Journal.builder(dir).build();
        journal.close();
        assertThat(journal.append(RecordKind.TEXT, "okx", 1, 0, 0, new byte[1])).isFalse();
        assertThat(journal.stats().lost()).isEqualTo(1);
    }

    private static JournalRecord marker(long sequence, RecordKind kind, long connection, ManualNanoClock clock,
                                        String detail) {
        return new JournalRecord(sequence, kind, "binance", connection, clock.nanoTime(), clock.epochNanos(),
                detail.getBytes(StandardCharsets.UTF_8));
    }

    static List<JournalRecord> readAll(Path... paths) {
        List<JournalRecord> records = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(paths)) {
            reader.forEachRemaining(records::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }
}
