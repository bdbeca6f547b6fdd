package io.tributary.cli;

import static io.tributary.cli.TwinCommandTest.assertUsageError;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.simulator.binance.BinanceTwin;
import io.tributary.simulator.binance.MarketGenerator;
import io.tributary.simulator.binance.SymbolSpec;
import java.nio.file.Files;
import java.nio.file.Path;
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
        Cli capture = new Cli();
        int exit = capture.run("capture", "--exchange", "binance", "--symbols", "BTCUSDT,ETHUSDT",
                "--ws-url", wsUrl(), "--rest-url", restUrl(), "--journal", journal.toString(),
                "--duration", "3s", "--status-every", "1s");

        assertThat(exit).as(capture.out() + capture.err()).isZero();
        assertThat(capture.out()).contains("Summary after").containsPattern("BTCUSDT .* LIVE")
                .containsPattern("ETHUSDT .* LIVE").contains("0 lost");
        assertThat(capture.out().lines().filter(line -> line.contains("sockets 1 live"))).isNotEmpty();
        try (var files = Files.list(journal)) {
            assertThat(files.toList()).singleElement().asString().endsWith(".journal.gz");
        }

        Cli replay = new Cli();
        int replayed = replay.run("replay", journal.toString());
        assertThat(replayed).as(replay.out()).isZero();
        assertThat(replay.out()).contains("journal binance: binance").containsPattern("BTCUSDT +\\d+ +0 +0 +0 .*LIVE")
                .containsPattern("ETHUSDT +\\d+ +0 +0 +0 .*LIVE").contains("all clean");
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
                "book,candles"}, "unknown channel 'candles'");
        assertUsageError(new String[] {"capture", "--exchange", "binance", "--symbols", "BTCUSDT", "--bogus"},
                "Unknown option: '--bogus'");
        assertUsageError(new String[] {"capture", "--symbols", "BTCUSDT"}, "Missing required option: '--exchange");
    }

    @Test
    void aJournalDirectoryThatCannotBeMadeIsOneLine() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
        assertUsageError(new String[] {"capture", "--exchange", "binance", "--symbols", "BTCUSDT", "--ws-url",
                wsUrl(), "--rest-url", restUrl(), "--journal", file.resolve("journal").toString()},
                "cannot create the journal directory");
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
