package io.tributary.exchange.recording;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.exchange.recording.RecordingEntry.Kind;
import io.tributary.exchange.testing.SharedData;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reads real recordings and checks the message counts stated in the data INDEX. */
class RecordingsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            // file, received messages, REST responses (INDEX.md "msgs" column)
            "kraken/cryptofeed-1312c06/KRAKEN-c197c0.0.gz, 14636, 0",
            "binance/cryptofeed-1312c06/BINANCE-b38f7c.0.gz, 11357, 10",
            "binance/cryptofeed-master/BINANCE.http.0.0, 0, 4",
            "okx/cryptofeed-dad0e1c/OKX.ws.1.0.gz, 3777, 0",
            "bitfinex/cryptofeed-master/BITFINEX.ws.11.0, 1693, 0",
            "huobi/cryptofeed-master/HUOBI.ws.44.0.gz, 362, 0",
            "bitfinex/nautilus_trader/L3_feed.json.gz, 100001, 0",
    })
    void countsMatchTheIndex(String file, long received, long rest) throws IOException {
        Map<Kind, Long> counts = count(SharedData.file(file));
        assertThat(counts.getOrDefault(Kind.RECEIVED, 0L)).isEqualTo(received);
        assertThat(counts.getOrDefault(Kind.REST, 0L)).isEqualTo(rest);
    }

    @Test
    void hftbacktestSnapshotIsTheOnlyNonStreamLine() throws IOException {
        Path file = SharedData.file("binance/hftbacktest/spot/btcusdt_20240808.gz");
        Map<Kind, Long> counts = count(file);
        assertThat(counts.get(Kind.REST)).isEqualTo(1L);
        assertThat(counts.get(Kind.RECEIVED) + counts.get(Kind.REST)).isEqualTo(41249L);
    }

    @Test
    void hftbacktestMicrosecondAndNanosecondTimesAgree() throws IOException {
        // 2023 .dat files write microseconds, 2024 files nanoseconds; both must come out as epoch nanos.
        assertThat(firstTimeNanos("binance/hftbacktest/usdm/btcusdt_20230404.dat.gz"))
                .isEqualTo(1680652700423575_000L);
        assertThat(firstTimeNanos("binance/hftbacktest/spot/btcusdt_20240808.gz"))
                .isEqualTo(1723161253937085768L);
    }

    @Test
    void cryptofeedLinesKeepEveryPart() throws IOException {
        try (RecordingReader reader = Recordings.open(SharedData.file("kraken/cryptofeed-1312c06/KRAKEN-c197c0.0.gz"))) {
            RecordingEntry configuration = reader.next();
            assertThat(configuration.kind()).isEqualTo(Kind.CONFIGURATION);
            assertThat(configuration.text()).startsWith("{\"ticker\":");
            RecordingEntry connect = reader.next();
            assertThat(connect.kind()).isEqualTo(Kind.CONNECT);
            assertThat(connect.url()).isEqualTo("wss://ws.kraken.com");
            assertThat(connect.receivedNanos()).isEqualTo(1617666422_653664000L);
            RecordingEntry sent = reader.next();
            assertThat(sent.kind()).isEqualTo(Kind.SENT);
            assertThat(sent.text()).startsWith("{\"event\":\"subscribe\"");
            RecordingEntry received = reader.next();
            assertThat(received.kind()).isEqualTo(Kind.RECEIVED);
            assertThat(received.receivedNanos()).isEqualTo(1617666423_124519800L);
            assertThat(received.text()).contains("systemStatus");
        }
    }

    @Test
    void huobiBytesLiteralsDecodeToGzippedJson() throws IOException {
        int decoded = 0;
        try (RecordingReader reader = Recordings.open(SharedData.file("huobi/cryptofeed-master/HUOBI.ws.44.0.gz"))) {
            for (RecordingEntry e = reader.next(); e != null; e = reader.next()) {
                if (e.kind() == Kind.RECEIVED) {
                    assertThat(e.binary()).isTrue();
                    String json = new String(new GZIPInputStream(new ByteArrayInputStream(e.payload())).readAllBytes(),
                            StandardCharsets.UTF_8);
                    assertThat(json).startsWith("{").endsWith("}");
                    decoded++;
                }
            }
            assertThat(reader.malformed()).isZero();
        }
        assertThat(decoded).isEqualTo(362);
    }

    @Test
    void malformedLinesAreCountedAndSkipped() throws IOException {
        String text = """
                garbage without structure
                1617666423.5: {"ok":1}
                12x.5: {"bad time"}
                wss://x <~> 1
                1617666424: {"ok":2}
                """;
        try (RecordingReader reader = new CryptofeedRecordingReader(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
            assertThat(reader.next().text()).isEqualTo("{\"ok\":1}");
            RecordingEntry second = reader.next();
            assertThat(second.text()).isEqualTo("{\"ok\":2}");
            assertThat(second.receivedNanos()).isEqualTo(1617666424_000000000L);
            assertThat(reader.next()).isNull();
            assertThat(reader.malformed()).isEqualTo(3);
        }
    }

    @Test
    void jsonArrayElementsStreamOneByOne() throws IOException {
        String text = " [ {\"a\": \"x]\"}, [1,[2,3]] ,\n[4, \"q\\\"]\"] ]";
        try (RecordingReader reader = new JsonArrayRecordingReader(
                new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)))) {
            assertThat(reader.next().text()).isEqualTo("{\"a\": \"x]\"}");
            assertThat(reader.next().text()).isEqualTo("[1,[2,3]]");
            assertThat(reader.next().text()).isEqualTo("[4, \"q\\\"]\"]");
            assertThat(reader.next()).isNull();
            assertThat(reader.malformed()).isZero();
        }
    }

    private static long firstTimeNanos(String file) throws IOException {
        try (RecordingReader reader = Recordings.open(SharedData.file(file))) {
            return reader.next().receivedNanos();
        }
    }

    private static Map<Kind, Long> count(Path file) throws IOException {
        Map<Kind, Long> counts = new EnumMap<>(Kind.class);
        try (RecordingReader reader = Recordings.open(file)) {
            for (RecordingEntry e = reader.next(); e != null; e = reader.next()) {
                counts.merge(e.kind(), 1L, Long::sum);
            }
            assertThat(reader.malformed()).as("malformed lines").isZero();
        }
        return counts;
    }
}
