package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sink.journal.Journal;
import io.tributary.sink.journal.JournalTap;
import io.tributary.core.connection.RawMessage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReplayCommandTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            binance/cryptofeed-master/BINANCE.ws.1.0 binance/cryptofeed-master/BINANCE.http.0.0 | 4
            kraken/cryptofeed-1312c06/KRAKEN-c197c0.0.gz | 10
            kraken/cryptofeed-master/KRAKEN.ws.50.0.gz | 10
            okx/cryptofeed-master/OKX.ws.1.0.gz | 3
            bitfinex/nautilus_trader/L3_feed.json.gz | 1
            """)
    void realRecordingsReplayClean(String files, int symbols) {
        Cli cli = new Cli();
        String[] args = Arrays.stream(files.trim().split("\\s+")).map(Cli::shared).toArray(String[]::new);
        int exit = cli.run(prepend("replay", args));

        assertThat(exit).as(cli.out() + cli.err()).isZero();
        List<String> symbolLines = cli.out().lines().filter(line -> line.matches("  \\S.* LIVE +\\S.*")).toList();
        assertThat(symbolLines).hasSize(symbols);
        assertThat(cli.out()).contains("  clean", "replayed 1 session(s): all clean");
        assertThat(cli.out()).doesNotContain("FAILED:").doesNotContain("  FAILED\n");
    }

    @Test
    void theSessionIsTheFilesOfOneSocketAndItsSnapshots() {
        Cli cli = new Cli();
        int exit = cli.run("replay", Cli.shared("binance/hftbacktest/usdm/btcusdt_20230404.dat.gz"),
                Cli.shared("binance/hftbacktest/usdm/btcusdt_20230405.dat.gz"),
                Cli.shared("binance/hftbacktest/usdm/btcusdt_20240808.gz"));

        assertThat(exit).as(cli.out()).isZero();
        assertThat(cli.out()).contains("usdm/btcusdt_20230404: binance futures, 2 file(s)",
                "usdm/btcusdt_20240808: binance futures, 1 file(s)", "replayed 2 session(s): all clean");
    }

    @Test
    void aSequenceGapInAJournalFailsTheReplay() throws Exception {
        try (Journal journal = Journal.builder(dir).prefix("binance").build()) {
            JournalTap tap = journal.tap("binance");
            tap.rest("http://127.0.0.1/api/v3/depth?symbol=BTCUSDT&limit=1000",
                    "{\"lastUpdateId\":100,\"bids\":[[\"10.00\",\"1.0\"]],\"asks\":[[\"11.00\",\"1.0\"]]}"
                            .getBytes(StandardCharsets.UTF_8), 1, 1);
            tap.onFrame(RawMessage.ofText(1, 0, 2, 2, depth(101, 102)));
            tap.onFrame(RawMessage.ofText(1, 0, 3, 3, depth(103, 103)));
            tap.onFrame(RawMessage.ofText(1, 0, 4, 4, depth(110, 111))); // 104..109 never came
        }
        Cli cli = new Cli();
        int exit = cli.run("replay", dir.toString());

        assertThat(exit).isEqualTo(Main.RUN_ERROR);
        assertThat(cli.out()).containsPattern("BTCUSDT +\\d+ +\\d+ +1 .*FAILED").contains("FAILED: 1 of 1 session(s)");
    }

    @Test
    void aDamagedRecordingFails() throws Exception {
        Path file = dir.resolve("BINANCE.ws.9.0");
        Files.writeString(file, """
                wss://stream.binance.com:9443/stream?streams=btcusdt@depth <-> 1617666423.1
                1617666423.2: {"stream":"btcusdt@depth","data":{"e":"depthUpdate","E":1,"s":"BTCUSDT","U":1,"u":2,"b":[["1.0","x"]],"a":[]}}
                """);
        Cli cli = new Cli();
        int exit = cli.run("replay", file.toString());

        assertThat(exit).isEqualTo(Main.RUN_ERROR);
        assertThat(cli.out()).contains("rejected by the decoder");
    }

    @Test
    void anExchangeWithoutDecoderAloneFailsBecauseNothingWasReplayed() throws Exception {
        Cli cli = new Cli();
        int exit = cli.run("replay", bybitRecording().toString());

        assertThat(exit).isEqualTo(Main.RUN_ERROR);
        assertThat(cli.out()).contains("bybit", "not replayed: no book decoder for bybit",
                "FAILED: nothing replayed; 1 not replayed (no decoder for bybit)");
    }

    @Test
    void anExchangeWithoutDecoderAmongOthersIsNamedAndLeftOut() throws Exception {
        Cli cli = new Cli();
        int exit = cli.run("replay", bybitRecording().toString(), Cli.shared("gemini/cryptofeed-master/GEMINI.ws.1.0"));

        assertThat(exit).as(cli.out()).isZero();
        assertThat(cli.out()).contains("not replayed: no book decoder for bybit",
                "replayed 1 session(s): all clean; 1 not replayed (no decoder for bybit)");
    }

    /** A cryptofeed-style recording of an exchange this build has no decoder for. */
    private Path bybitRecording() throws IOException {
        return Files.writeString(dir.resolve("BYBIT.ws.1.0"), """
                wss://stream.bybit.com/v5/public/spot <-> 1700000000.1
                1700000000.2: {"topic":"orderbook.50.BTCUSDT","type":"snapshot","data":{"s":"BTCUSDT","b":[],"a":[]}}
                """);
    }

    @Test
    void anHtxFrameThatDoesNotInflateIsRejected() throws Exception {
        try (Journal journal = Journal.builder(dir).prefix("huobi").build()) {
            JournalTap tap = journal.tap("huobi");
            tap.onFrame(new RawMessage(1, 0, 1, 1, true, gzip("{\"ch\":\"market.btcusdt.depth.step0\",\"ts\":1,"
                    + "\"tick\":{\"bids\":[[10.5,1]],\"asks\":[[11,2]],\"version\":7}}")));
            tap.onFrame(new RawMessage(1, 0, 2, 2, true, new byte[] {0x1f, (byte) 0x8b, 8, 0, 1, 2, 3}));
        }
        Cli cli = new Cli();
        int exit = cli.run("replay", dir.toString());

        assertThat(exit).isEqualTo(Main.RUN_ERROR);
        assertThat(cli.out()).containsPattern("btcusdt +1 +1 +0 +0 +0 +0 +- +LIVE +versions rising 0/0, 0 trades")
                .contains("FAILED: 1 messages rejected by the decoder");
    }

    @Test
    void aMissingFileIsOneLineAndExitTwo() {
        Cli cli = new Cli();
        int exit = cli.run("replay", dir.resolve("nope.journal.gz").toString());

        assertThat(exit).isEqualTo(Main.USAGE_ERROR);
        assertThat(cli.err().lines()).hasSize(1).first().asString().startsWith("tributary: ").contains("no such file");
    }

    @Test
    void noFileIsAUsageError() {
        Cli cli = new Cli();
        assertThat(cli.run("replay")).isEqualTo(Main.USAGE_ERROR);
        assertThat(cli.err()).startsWith("tributary: Missing required parameter");
    }

    private static String depth(long first, long last) {
        return "{\"stream\":\"btcusdt@depth\",\"data\":{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BTCUSDT\",\"U\":" + first
                + ",\"u\":" + last + ",\"b\":[[\"10.00\",\"2.0\"]],\"a\":[]}}";
    }

    private static byte[] gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return bytes.toByteArray();
    }

    private static String[] prepend(String first, String[] rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }
}
