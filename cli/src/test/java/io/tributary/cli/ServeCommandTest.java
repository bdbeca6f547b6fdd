package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** How {@code serve} reads its YAML and flags; configuration mistakes are one line and exit 2. */
class ServeCommandTest {

    @TempDir
    Path dir;

    private Serving.Settings settings(String... args) {
        ServeCommand command = new ServeCommand();
        new CommandLine(command).parseArgs(args);
        return command.settings();
    }

    private Path yaml(String text) throws Exception {
        Path file = dir.resolve("tributary.yaml");
        Files.writeString(file, text);
        return file;
    }

    private static void usage(String expected, String... args) {
        TwinCommandTest.assertUsageError(args, expected);
    }

    @Test
    void theExampleConfigInTheRepositoryIsValid() {
        Serving.Settings s = settings("--config", Path.of("..", "config", "tributary.yaml").toString());
        assertThat(s.sources()).extracting(source -> source.venue().id()).containsExactly("binance", "bitstamp",
                "gemini");
        assertThat(s.sources().getFirst().symbols()).containsExactly("BTCUSDT", "ETHUSDT");
        assertThat(s.sources().get(2).channels()).isEqualTo(EnumSet.of(DataChannel.BOOK, DataChannel.TRADES));
        assertThat(s.apiPort()).isEqualTo(8080);
        assertThat(s.snapshotEvery()).isEqualTo(Duration.ofSeconds(10));
        assertThat(s.journal()).isTrue();
    }

    @Test
    void flagsWinOverTheFile() throws Exception {
        Path file = yaml("""
                data: stored
                api: {port: 9000}
                snapshots: {every: 5s, depth: 10}
                exchanges:
                  - name: huobi
                    symbols: [BTCUSDT]
                    ws-url: ws://127.0.0.1:1/ws
                """);
        Serving.Settings fromFile = settings("--config", file.toString());
        assertThat(fromFile.data()).isEqualTo(Path.of("stored"));
        assertThat(fromFile.sources().getFirst().symbols()).containsExactly("btcusdt");
        assertThat(fromFile.sources().getFirst().webSocketBase()).isEqualTo(URI.create("ws://127.0.0.1:1/ws"));
        assertThat(fromFile.snapshotDepth()).isEqualTo(10);

        Serving.Settings flags = settings("--config", file.toString(), "--api-port", "0", "--snapshot-depth", "3",
                "--exchange", "binance:btcusdt,ethusdt", "--no-journal");
        assertThat(flags.apiPort()).isZero();
        assertThat(flags.snapshotDepth()).isEqualTo(3);
        assertThat(flags.snapshotEvery()).isEqualTo(Duration.ofSeconds(5));
        assertThat(flags.journal()).isFalse();
        assertThat(flags.sources()).singleElement().satisfies(source -> {
            assertThat(source.venue()).isEqualTo(Venue.BINANCE);
            assertThat(source.symbols()).containsExactly("BTCUSDT", "ETHUSDT");
        });
    }

    @Test
    void twinsWithoutExchangesRunTheFourTwins() {
        assertThat(settings("--twins").sources()).allMatch(Serving.Source::twin)
                .extracting(source -> source.venue().id()).containsExactly("binance", "huobi", "bitstamp", "gemini");
        assertThat(settings().sources()).isEmpty();
    }

    @Test
    void configMistakesAreOneLineAndExitTwo() throws Exception {
        usage("simbols", "serve", "--config", yaml("exchanges:\n  - name: binance\n    simbols: [X]\n")
                .toString());
        usage("port", "serve", "--config", yaml("api: {port: eighty}\n").toString());
        usage("no config file", "serve", "--config", dir.resolve("missing.yaml").toString());
        usage("unknown exchange 'kraken'", "serve", "--exchange", "kraken:XBTUSD");
        usage("NAME:SYMBOLS", "serve", "--exchange", "binance");
        usage("gemini has no bbo", "serve", "--exchange", "gemini:BTCUSD", "--channels", "bbo");
        usage("configured twice", "serve", "--exchange", "binance:BTCUSDT", "--exchange", "binance:ETHUSDT");
        usage("--questdb", "serve", "--questdb", "tcp::addr=db:9009;");
        usage("takes no exchanges", "serve", "--from-kafka", "k:9092", "--twins");
        usage("go with --from-kafka", "serve", "--topic", "t");
        usage("--snapshot-depth", "serve", "--snapshot-depth", "0");
        usage("--api-port", "serve", "--api-port", "70000");
    }

    @Test
    void aTakenApiPortIsOneLineAndExitTwo() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            usage("the API cannot listen on 127.0.0.1:" + taken.getLocalPort(), "serve", "--data",
                    dir.resolve("data").toString(), "--api-port", Integer.toString(taken.getLocalPort()));
        }
    }

    @Test
    void anUnknownFlagIsAUsageError() {
        assertThatThrownBy(() -> settings("--exchanges", "binance:BTCUSDT"))
                .isInstanceOf(CommandLine.UnmatchedArgumentException.class);
        assertThat(Main.run("serve", "--exchanges", "binance:BTCUSDT")).isEqualTo(2);
    }
}
