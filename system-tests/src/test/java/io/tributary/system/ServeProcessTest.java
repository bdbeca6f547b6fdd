package io.tributary.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code tributary serve} as its own process: SIGTERM stops it gracefully, with everything received stored. The
 * exit status is the JVM's for a SIGTERM, 143 (128 + 15), whatever the shutdown did.
 */
class ServeProcessTest {

    private static final Pattern SINK_LINE = Pattern.compile(
            "sink questdb: (\\d+) received, (\\d+) written, \\d+ spilled, \\d+ retries, (\\d+) lost");

    @TempDir
    Path dir;

    @Test
    void sigtermFlushesEverythingReceivedIntoTheStore() throws Exception {
        Path ready = dir.resolve("ready");
        Path output = dir.resolve("output.txt");
        String java = ProcessHandle.current().info().command().orElse("java");
        Process process = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                "io.tributary.cli.Main", "serve", "--twins", "--exchange", "binance:BTCUSDT", "--data",
                dir.resolve("data").toString(), "--api-port", "0", "--ready-file", ready.toString()))
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(ready) || !process.isAlive());
            assertThat(process.isAlive()).as(Files.readString(output)).isTrue();
            try (Api api = new Api(URI.create(Files.readString(ready).trim()))) {
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    JsonNode sink = api.ok("/api/v1/streams").path("live").path("sinks").path("questdb");
                    return sink.path("written").asLong() > 100;
                });
            }
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(90, TimeUnit.SECONDS)).isTrue();
            String printed = Files.readString(output);
            assertThat(process.exitValue()).as(printed).isEqualTo(128 + 15);
            Matcher sink = SINK_LINE.matcher(printed);
            assertThat(sink.find()).as(printed).isTrue();
            assertThat(Long.parseLong(sink.group(1))).as("received").isGreaterThan(100);
            assertThat(sink.group(2)).as("written = received").isEqualTo(sink.group(1));
            assertThat(sink.group(3)).as("lost").isEqualTo("0");
            assertThat(printed).contains("stopping: flushing everything received into the store");
        } finally {
            process.destroyForcibly();
        }
    }
}
