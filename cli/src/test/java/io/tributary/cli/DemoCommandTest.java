package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoCommandTest {

    @TempDir
    Path journal;

    @Test
    void runsTheConnectorAgainstTheTwinJournalsAndEndsHealthy() throws IOException {
        Cli cli = new Cli();

        int exit = cli.run("demo", "--duration", "3s", "--symbols", "BTCUSDT,ETHUSDT", "--rate", "50",
                "--journal", journal.toString());

        assertThat(exit).as(cli.out() + cli.err()).isZero();
        assertThat(cli.out()).containsPattern("BTCUSDT +\\d+\\.\\d+ +\\d+\\.\\d+ +\\d+\\.\\d+")
                .containsPattern("BTCUSDT +\\d+ messages \\(\\d+ book, \\d+ trades, \\d+ best bid/ask\\), LIVE, 0 gaps")
                .containsPattern("ETHUSDT +\\d+ messages .*, LIVE, 0 gaps")
                .contains("Healthy");
        try (Stream<Path> files = Files.list(journal)) {
            List<Path> written = files.toList();
            assertThat(written).isNotEmpty().allMatch(file -> file.getFileName().toString().endsWith(".journal.gz"));
        }
        assertThat(new Cli().run("replay", journal.toString())).isZero();
    }

    @Test
    void aBadSymbolIsOneLineAndExitTwo() {
        Cli cli = new Cli();

        assertThat(cli.run("demo", "--symbols", "btc-usdt")).isEqualTo(Main.USAGE_ERROR);
        assertThat(cli.err().lines()).hasSize(1).first().asString().contains("btc-usdt");
    }
}
