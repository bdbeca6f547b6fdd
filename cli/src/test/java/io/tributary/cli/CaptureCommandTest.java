package io.tributary.cli;

import static io.tributary.cli.TwinCommandTest.assertUsageError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.simulator.binance.BinanceTwin;
import io.tributary.simulator.binance.MarketGenerator;
import io.tributary.simulator.binance.SymbolSpec;
import io.tributary.sink.journal.JournalReader;
import io.tributary.sink.journal.JournalRecord;
import io.tributary.sink.journal.RecordKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Capture against the Binance twin on loopback: the journal it writes must replay clean. */
class CaptureCommandTest {

    @TempDir
    Path dir;

    private BinanceTwin twin;

    @BeforeEach
    void startTwin() {
        twin = BinanceTwin.builder().market(MarketGenerator.builder().seed(3)
                        .symbol(SymbolSpec.of("BTCUSDT", "65000.00", "0.01", "0.00001"))
                        .symbol(SymbolSpec.of("ETHUSDT", "3200.00", "0.01", "0.0001")).build())
                .stepsPerSecond(100).start();
    }

    @AfterEach
    void stopTwin() {
        twin.close();
    }

    @Test
    void capturesAJournalThatReplaysClean() throws Exception {
        Path journal = dir.resolve("journal");
        CaptureCommand command = new CaptureCommand();
        Cli capture = new Cli(command);
        CompletableFuture<Integer> exit = start(capture, journal);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(capture.out() + capture.err()).containsPattern("messages [1-9]\\d{2,}  books in sync 2/2"));
        command.stop();

        assertThat(exit.get()).as(capture.out() + capture.err()).isZero();
        assertThat(capture.out()).contains("Summary after").containsPattern("BTCUSDT .* LIVE")
                .containsPattern("ETHUSDT .* LIVE").contains("0 lost");
        try (var files = Files.list(journal)) {
            assertThat(files.toList()).singleElement().asString().endsWith(".journal.gz");
        }

        Cli replay = new Cli();
        int replayed = replay.run("replay", journal.toString());
        assertThat(replayed).as(replay.out()).isZero();
        assertThat(replay.out()).contains("journal binance: binance").containsPattern("BTCUSDT +\\d+ +\\d+ +0 +0 +0 +0 .*LIVE")
                .containsPattern("ETHUSDT +\\d+ +\\d+ +0 +0 +0 +0 .*LIVE").contains("all clean");
    }

    @Test
    void aGapIsJournaledAndTheReplayFindsItAndTheResync() throws Exception {
        Path journal = dir.resolve("journal");
        CaptureCommand command = new CaptureCommand();
        Cli capture = new Cli(command);
        CompletableFuture<Integer> exit = start(capture, journal);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(capture.out() + capture.err()).contains("books in sync 2/2"));
        twin.market().dropNextDepthUpdate("BTCUSDT");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(capture.out() + capture.err()).containsPattern("books in sync 2/2  gaps 1 "));
        command.stop();
        assertThat(exit.get()).as(capture.out()).isZero();
        assertThat(capture.out()).containsPattern("BTCUSDT +\\d+ +\\d+ +1 +1 .*LIVE");

        List<JournalRecord> gaps = new ArrayList<>();
        try (JournalReader reader = JournalReader.open(journal)) {
            reader.forEachRemaining(record -> {
                if (record.kind() == RecordKind.GAP) {
                    gaps.add(record);
                }
            });
        }
        assertThat(gaps).singleElement().satisfies(gap -> assertThat(gap.text()).startsWith("BTCUSDT SEQUENCE_GAP"));

        Cli replay = new Cli();
        assertThat(replay.run("replay", journal.toString())).isEqualTo(Main.RUN_ERROR);
        assertThat(replay.out()).containsPattern("BTCUSDT +\\d+ +\\d+ +1 +1 +0 +0 +- +LIVE FAILED")
                .containsPattern("ETHUSDT +\\d+ +\\d+ +0 +0 +0 +0 +- +LIVE +-\\n");
    }

    /** Runs a capture of the twin on its own thread (as on a main thread) until the test stops it. */
    private CompletableFuture<Integer> start(Cli capture, Path journal) {
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread.ofPlatform().name("capture").start(() -> exit.complete(capture.run("capture", "--exchange", "binance", "--symbols",
                "BTCUSDT,ETHUSDT", "--ws-url", wsUrl(), "--rest-url", restUrl(), "--journal", journal.toString(),
                "--status-every", "200ms")));
        return exit;
    }

    @Test
    void userMistakesAreOneLineAndExitTwo() {
        String journal = dir.toString();
        assertUsageError(new String[] {"capture", "--exchange", "binance", "--symbols", "XRPUSDT", "--ws-url",
                wsUrl(), "--rest-url", restUrl(), "--journal", journal}, "unknown symbol 'XRPUSDT' on binance");
        assertUsageError(new String[] {"capture", "--exchange", "binance", "--symbols", "BTCUSDT", "--ws-url",
                "http://127.0.0.1:1", "--journal", journal}, "--ws-url 'http://127.0.0.1:1' is not a ws or wss URL");
        assertUsageError(new String[] {"capture", "--exchange", "binance", "--symbols", "BTCUSDT", "--ws-url",
                wsUrl(), "--rest-url", "http://127.0.0.1:1", "--journal", journal}, "cannot reach http://127.0.0.1:1");
        assertUsageError(new String[] {"capture", "--exchange", "bitmex", "--symbols", "BTCUSDT"},
                "unknown exchange 'bitmex'");
        assertUsageError(new String[] {"capture", "--exchange", "binance", "--symbols", "BTCUSDT", "--channels",
                "book,candles"}, "'candles' is not a channel");
        assertUsageError(new String[] {"capture", "--exchange", "gemini", "--symbols", "BTCUSD", "--channels",
                "bbo"}, "gemini has no bbo channel (has: book, trades)");
        assertUsageError(new String[] {"capture", "--exchange", "huobi", "--symbols", "btc/usdt"},
                "'btc/usdt' is not a symbol");
        assertUsageError(new String[] {"capture", "--exchange", "binance", "--symbols", "BTCUSDT", "--bogus"},
                "Unknown option: '--bogus'");
        assertUsageError(new String[] {"capture", "--symbols", "BTCUSDT"}, "Missing required option: '--exchange");
    }

    @Test
    void aJournalDirectoryThatCannotBeMadeIsOneLine() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        assertUsageError(new String[] {"capture", "--exchange", "binance", "--symbols", "BTCUSDT", "--ws-url",
                wsUrl(), "--rest-url", restUrl(), "--journal", file.resolve("journal").toString()},
                "cannot create the data directory");
    }

    @Test
    void aWebSocketThatNeverOpensIsOneLine() {
        assertUsageError(new String[] {"capture", "--exchange", "binance", "--symbols", "BTCUSDT", "--ws-url",
                "ws://127.0.0.1:1", "--rest-url", restUrl(), "--journal", dir.toString(), "--connect-timeout", "2s"},
                "cannot connect to ws://127.0.0.1:1 within 2 s");
    }

    private String wsUrl() {
        return "ws://127.0.0.1:" + twin.server().port();
    }

    private String restUrl() {
        return "http://127.0.0.1:" + twin.server().port();
    }
}
