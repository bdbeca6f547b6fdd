package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code tributary replay} over every file of {@code ../shared/data} at once, as a user would run it. The expected
 * counts are independent of the code under test: message counts, checksums, diffs, l2_updates, depth messages,
 * Coinbase's tickers equal to the book and contiguous trade ids are those of {@code shared/data/INDEX.md} (book
 * messages = updates + one snapshot per symbol) (hftbacktest: INDEX counts the inline REST snapshot line as a message,
 * the replay as a snapshot, hence one less); ticker and trade messages of the Kraken files were counted with
 * {@code grep -c ',"ticker","'} / {@code ',"trade","'}; the HTX values that no 64-bit scale can hold were found with
 * Python's {@code Decimal} over the inflated frames.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplayAllRecordingsTest {

    private static final Pattern HEADER = Pattern.compile(
            "(\\S+): (\\S+)(?: futures)?, (\\d+) file\\(s\\), (\\d+) messages");
    private static final Pattern ROW = Pattern.compile(" {2}(\\S+(?: \\(raw\\))?) +(\\d+) +(\\d+) +(\\d+) +(\\d+) +(\\d+)"
            + " +(\\d+) +(\\S+) +(\\S+)( FAILED)? +(.+)");

    record Row(String symbol, long messages, long applied, long gaps, long resyncs, long crossed, long rejected,
               String checksums, String state, boolean failed, String check) {
    }

    record Session(String exchange, int files, long messages, List<Row> rows, List<String> lines) {

        String verdict() {
            return lines.get(lines.size() - 1);
        }

        long sum(Pattern pattern) {
            long sum = 0;
            for (Row row : rows) {
                Matcher m = pattern.matcher(row.check());
                if (m.find()) {
                    sum += Long.parseLong(m.group(1));
                }
            }
            return sum;
        }
    }

    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private int exit;
    private String out;

    @BeforeAll
    void replayEveryFile() throws IOException {
        Path data = Path.of(Cli.shared(""));
        List<String> files;
        try (Stream<Path> walk = Files.walk(data)) {
            files = walk.filter(Files::isRegularFile).filter(p -> !p.toString().contains("LICENSES"))
                    .filter(p -> !p.getFileName().toString().equals("INDEX.md")).map(Path::toString).sorted()
                    .toList();
        }
        List<String> args = new ArrayList<>(List.of("replay"));
        args.addAll(files);
        Cli cli = new Cli();
        exit = cli.run(args.toArray(String[]::new));
        out = cli.out();
        String name = null;
        for (String line : out.lines().toList()) {
            Matcher header = HEADER.matcher(line);
            if (header.matches()) {
                name = header.group(1);
                sessions.put(name, new Session(header.group(2), Integer.parseInt(header.group(3)),
                        Long.parseLong(header.group(4)), new ArrayList<>(), new ArrayList<>()));
                continue;
            }
            if (name == null || !line.startsWith("  ")) {
                continue;
            }
            Session session = sessions.get(name);
            session.lines().add(line.trim());
            Matcher row = ROW.matcher(line);
            if (row.matches()) {
                session.rows().add(new Row(row.group(1), Long.parseLong(row.group(2)), Long.parseLong(row.group(3)),
                        Long.parseLong(row.group(4)), Long.parseLong(row.group(5)), Long.parseLong(row.group(6)),
                        Long.parseLong(row.group(7)), row.group(8), row.group(9), row.group(10) != null,
                        row.group(11)));
            }
        }
    }

    @Test
    void everySessionIsAccountedForAndOnlyTheUnrepresentableHtxBooksFail() {
        assertThat(sessions).as(out).hasSize(41);
        assertThat(exit).isEqualTo(Main.RUN_ERROR);
        assertThat(out.lines().reduce((a, b) -> b)).hasValue("FAILED: 1 of 41 session(s), see above");
        assertThat(sessions.values().stream().filter(s -> s.verdict().equals("clean"))).hasSize(40);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            cryptofeed-1312c06/BINANCE-b38f7c.0          | binance  | 1 | 11357  | 10 | -                |
            cryptofeed-1312c06/BINANCE_FUTURES-1125a2.0  | binance  | 1 | 8421   | 5  | -                |
            cryptofeed-1312c06/BINANCE_US-63b290.0       | binance  | 1 | 6008   | 10 | -                |
            cryptofeed-2997020/BINANCE-ee25be.0          | binance  | 1 | 4716   | 3  | -                |
            cryptofeed-master/BINANCE.ws.1.0             | binance  | 2 | 265    | 4  | -                |
            cryptofeed-master/BINANCE_DELIVERY.ws.1.0    | binance  | 2 | 4371   | 10 | -                |
            cryptofeed-master/BINANCE_FUTURES.ws.1.0     | binance  | 2 | 1535   | 4  | -                |
            cm/btcusd_perp_20240808                      | binance  | 2 | 98385  | 1  | -                |
            cm/ethusd_perp_20240808                      | binance  | 2 | 78313  | 1  | -                |
            spot/btcusdt_20240808                        | binance  | 2 | 99573  | 1  | -                |
            spot/ethusdt_20240808                        | binance  | 2 | 79743  | 1  | -                |
            usdm/btcusdt_20230404                        | binance  | 2 | 73764  | 1  | -                |
            usdm/btcusdt_20240718                        | binance  | 2 | 71983  | 1  | -                |
            usdm/btcusdt_20240808                        | binance  | 1 | 93953  | 1  | -                |
            usdm/ethusdt_20240718                        | binance  | 2 | 69912  | 1  | -                |
            usdm/ethusdt_20240808                        | binance  | 1 | 74654  | 1  | -                |
            cryptofeed-1312c06/BITFINEX-58bafb.0         | bitfinex | 1 | 22675  | 8  | -                |
            cryptofeed-master/BITFINEX.ws.11.0           | bitfinex | 1 | 1693   | 7  | -                |
            nautilus_trader/L3_feed                      | bitfinex | 1 | 100001 | 1  | raw crossed      | 21
            cryptofeed-1312c06/BITSTAMP-b88f8b.0         | bitstamp | 1 | 3254   | 10 | diffs applied    | 3091
            cryptofeed-d823828/BITSTAMP.ws.19.0          | bitstamp | 2 | 677    | 10 | diffs applied    | 527
            cryptofeed-master/BITSTAMP.ws.1.0            | bitstamp | 2 | 747    | 10 | diffs applied    | 615
            cryptofeed-1312c06/GEMINI-e6096f.0           | gemini   | 1 | 1804   | 10 | messages         | 1758
            cryptofeed-5011782/GEMINI.ws.36.0            | gemini   | 1 | 993    | 10 | messages         | 935
            cryptofeed-master/GEMINI.ws.1.0              | gemini   | 1 | 678    | 10 | messages         | 655
            cryptofeed-master/HUOBI_SWAP.ws.1.0          | huobi    | 1 | 1296   | 5  | depth messages   | 1274
            cryptofeed-master/HUOBI_SWAP.ws.2.0          | huobi    | 1 | 1617   | 5  | depth messages   | 1588
            cryptofeed-1312c06/KRAKEN-4b7396.0           | kraken   | 1 | 152    | 10 | tickers          | 22
            cryptofeed-1312c06/KRAKEN-82ac16.0           | kraken   | 1 | 142    | 3  | messages         | 12
            cryptofeed-1312c06/KRAKEN-c197c0.0           | kraken   | 1 | 14636  | 10 | checksums        | 14496
            cryptofeed-master/KRAKEN.ws.48.0             | kraken   | 1 | 49     | 2  | messages         | 8
            cryptofeed-master/KRAKEN.ws.49.0             | kraken   | 1 | 60     | 10 | tickers          | 18
            cryptofeed-master/KRAKEN.ws.50.0             | kraken   | 1 | 4321   | 10 | checksums        | 4269
            cryptofeed-9a4a9b9/OKEX.ws.1.0               | okx      | 1 | 1616   | 10 | checksums        | 1504
            cryptofeed-9a4a9b9/OKEX.ws.2.0               | okx      | 1 | 1559   | 10 | checksums        | 1446
            cryptofeed-9a4a9b9/OKEX.ws.3.0               | okx      | 1 | 1534   | 10 | checksums        | 1422
            cryptofeed-dad0e1c/OKX.ws.1.0                | okx      | 1 | 3777   | 10 | checksums        | 3679
            cryptofeed-master/OKX.ws.1.0                 | okx      | 1 | 410    | 3  | checksums        | 290
            cryptofeed-master/COINBASE.ws.28.0           | coinbase | 1 | 9946   | 10 | messages         | 9729
            cryptofeed-master/COINBASE.ws.28.0           | coinbase | 1 | 9946   | 10 | tickers equal    | 100
            cryptofeed-master/COINBASE.ws.28.0           | coinbase | 1 | 9946   | 10 | trade ids        | 97
            cryptofeed-master/KRAKEN_FUTURES.ws.1.0      | kraken-futures | 1 | 7175 | 10 | messages      | 7024
            """)
    void cleanSession(String name, String exchange, int files, long messages, int symbols, String measure,
                      Long expected) {
        Session session = sessions.get(name);
        assertThat(session).as(out).isNotNull();
        assertThat(session.exchange()).isEqualTo(exchange);
        assertThat(session.files()).isEqualTo(files);
        assertThat(session.messages()).isEqualTo(messages);
        assertThat(session.verdict()).as(String.join("\n", session.lines())).isEqualTo("clean");
        assertThat(session.rows()).hasSize(symbols).allSatisfy(row -> {
            assertThat(row.failed()).as(row.symbol()).isFalse();
            assertThat(row.gaps()).isZero();
            assertThat(row.rejected()).isZero();
            assertThat(row.state()).isIn("LIVE", "-");
        });
        long measured = switch (measure) {
            case "-" -> -1;
            case "raw crossed" -> session.rows().stream().mapToLong(Row::crossed).sum();
            case "diffs applied" -> session.sum(Pattern.compile("diffs after snapshot (\\d+)"));
            case "messages" -> session.rows().stream().mapToLong(Row::messages).sum();
            // every depth.step0 message but a symbol's first is one step of its version
            case "depth messages" -> session.sum(Pattern.compile("never falling (\\d+)/")) + symbols;
            case "tickers" -> session.sum(Pattern.compile("(\\d+) tickers"));
            case "tickers equal" -> session.sum(Pattern.compile("tickers equal to book (\\d+)/"));
            case "trade ids" -> session.sum(Pattern.compile("trade ids following (\\d+)/"));
            case "checksums" -> session.rows().stream().mapToLong(row -> okChecksums(row.checksums())).sum();
            default -> throw new IllegalArgumentException(measure);
        };
        if (expected != null) {
            assertThat(measured).as(measure).isEqualTo(expected);
        }
    }

    /** HTX spot sizes that no single 64-bit scale holds (see the class comment); everything else replays clean. */
    @Test
    void htxSpotRejectsOnlyTheValuesNoScaleCanHoldAndSaysWhy() {
        Session session = sessions.get("cryptofeed-master/HUOBI.ws.44.0");
        assertThat(session.messages()).isEqualTo(362);
        assertThat(session.rows()).hasSize(10);
        assertThat(session.rows().stream().mapToLong(Row::messages).sum()).as("depth messages").isEqualTo(292);
        for (Row row : session.rows()) {
            assertThat(row.crossed()).isZero();
            assertThat(row.check()).as(row.symbol()).matches("versions rising (\\d+)/\\1, .*");
            switch (row.symbol()) {
                case "xvgeth" -> assertThat(row.rejected()).isEqualTo(31);
                case "fil3susdt" -> assertThat(row.rejected()).isEqualTo(14);
                default -> assertThat(row.failed()).as(row.symbol()).isFalse();
            }
        }
        assertThat(session.lines()).contains("note: xvgeth: sizes need 13 decimals and reach 5993289.85, so at most 12 "
                + "decimals fit a 64-bit value; those with more are rejected, not rounded");
        assertThat(session.verdict()).isEqualTo("FAILED: fil3susdt, xvgeth, 45 messages rejected by the decoder");
    }

    private static long okChecksums(String column) {
        assertThat(column).matches("\\d+/0");
        return Long.parseLong(column.substring(0, column.indexOf('/')));
    }
}
