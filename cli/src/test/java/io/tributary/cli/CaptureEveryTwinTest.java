package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.sink.journal.JournalReader;
import io.tributary.sink.journal.RecordKind;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@code tributary capture} against the twin of every exchange that has one: frames journaled, books live. */
class CaptureEveryTwinTest {

    @TempDir
    Path journal;

    @ParameterizedTest
    @EnumSource(value = Venue.class, names = {"HUOBI", "BITSTAMP", "GEMINI", "BINANCE"})
    void capturesTheTwinIntoAJournal(Venue venue) throws Exception {
        List<String> symbols = List.of(venue.usdMarket("BTC"), venue.usdMarket("ETH"));
        try (RunningTwin twin = RunningTwin.start(venue, symbols, "127.0.0.1", 0, 20, 5)) {
            Cli cli = new Cli();
            String[] args = twin.restBase() == null
                    ? new String[] {"capture", "--exchange", venue.id(), "--symbols", String.join(",", symbols),
                        "--ws-url", twin.webSocketBase().toString(), "--journal", journal.toString(),
                        "--duration", "3s", "--status-every", "1s"}
                    : new String[] {"capture", "--exchange", venue.id(), "--symbols", String.join(",", symbols),
                        "--ws-url", twin.webSocketBase().toString(), "--rest-url", twin.restBase().toString(),
                        "--journal", journal.toString(), "--duration", "3s", "--status-every", "1s"};

            int exit = cli.run(args);

            assertThat(exit).as(cli.out() + cli.err()).isZero();
            assertThat(cli.out()).contains("capturing " + venue.id()).contains("Summary after")
                    .containsPattern("books in sync 2/2")
                    .containsPattern(symbols.get(0) + " .* LIVE").containsPattern(symbols.get(1) + " .* LIVE")
                    .contains(" 0 lost");
        }
        AtomicLong frames = new AtomicLong();
        try (JournalReader reader = JournalReader.open(journal)) {
            reader.forEachRemaining(record -> {
                if (record.kind() == RecordKind.TEXT || record.kind() == RecordKind.BINARY) {
                    assertThat(record.exchange()).isEqualTo(venue.id());
                    frames.incrementAndGet();
                }
            });
        }
        assertThat(frames).as("frames journaled").hasValueGreaterThan(20);
    }
}
