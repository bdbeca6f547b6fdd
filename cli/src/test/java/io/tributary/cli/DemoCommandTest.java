package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole demo in process: four twins, four real connectors, the journal, the embedded store and its API. */
class DemoCommandTest {

    /** Every exchange of the demo with the symbols it spells for BTC and ETH. */
    private static final Map<String, List<String>> STREAMS = Map.of(
            "binance", List.of("BTCUSDT", "ETHUSDT"),
            "huobi", List.of("btcusdt", "ethusdt"),
            "bitstamp", List.of("btcusd", "ethusd"),
            "gemini", List.of("BTCUSD", "ETHUSD"));

    @TempDir
    Path data;

    @Test
    void runsEveryExchangeFillsTheStoreServesItAndEndsHealthy() throws Exception {
        Cli cli = new Cli();
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread.ofPlatform().name("demo").start(() -> exit.complete(cli.run("demo", "--duration", "10s", "--assets",
                "BTC,ETH", "--rate", "10", "--data", data.toString())));

        Pattern api = Pattern.compile("Query API on (http://127\\.0\\.0\\.1:\\d+)");
        await().atMost(Duration.ofSeconds(60)).until(() -> api.matcher(cli.out()).find() || exit.isDone());
        Matcher found = api.matcher(cli.out());
        assertThat(found.find()).as(cli.out() + cli.err()).isTrue();
        String url = found.group(1);
        // while the demo runs, the store holds trades and book rows for every exchange and symbol
        await().atMost(Duration.ofSeconds(8)).untilAsserted(() -> assertThat(storedStreams(url))
                .containsAll(expectedStreams("trades")).containsAll(expectedStreams("book_deltas")));
        Cli query = new Cli();
        assertThat(query.run("query", "trades", "--exchange", "bitstamp", "--symbol", "btcusd", "--api", url))
                .as(query.err()).isZero();
        assertThat(query.out()).containsPattern("\\d+\\.\\d+");

        assertThat(exit.get()).as(cli.out() + cli.err()).isZero();
        String out = cli.out();
        STREAMS.forEach((exchange, symbols) -> symbols.forEach(symbol -> assertThat(out)
                .containsPattern(exchange + " +" + symbol + " +\\d+\\.\\d+ +\\d+\\.\\d+ +\\d+\\.\\d+")
                .containsPattern(exchange + " +" + symbol + " +\\d+ messages .*, LIVE, 0 gaps")));
        assertThat(out).containsPattern("across exchanges: BTC/USD +best bid +\\d+\\.\\d+ on (binance|huobi|bitstamp"
                        + "|gemini) +best ask +\\d+\\.\\d+ on (binance|huobi|bitstamp|gemini) +spread +-?\\d+\\.\\d+")
                .containsPattern("across exchanges: ETH/USD +best bid")
                .containsPattern("Store: (\\d+) events received, \\1 written, 0 not yet written .*, 0 lost, 0 rejected")
                .contains("./tributary serve --data " + data)
                .contains("Healthy");
        try (Stream<Path> files = Files.list(data)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .anyMatch(name -> name.endsWith(".journal.gz")).contains("questdb");
        }
    }

    @Test
    void userMistakesAreOneLineAndExitTwo() {
        assertOneLine(new String[] {"demo", "--exchanges", "binance,kraken"}, "unknown exchange 'kraken'");
        assertOneLine(new String[] {"demo", "--exchanges", "binance-usdm"}, "no twin for 'binance-usdm'");
        assertOneLine(new String[] {"demo", "--assets", "btc-usd"}, "'btc-usd' is not an asset");
        assertOneLine(new String[] {"demo", "--rate", "0"}, "--rate must be above 0");
        assertOneLine(new String[] {"demo", "--duration", "0s"}, "--duration must be positive");
        assertOneLine(new String[] {"demo", "--api-port", "70000"}, "--api-port must be 0..65535");
    }

    @Test
    void aDataDirectoryThatCannotBeMadeIsOneLine() throws Exception {
        Path file = Files.writeString(data.resolve("a-file"), "not a directory");
        assertOneLine(new String[] {"demo", "--data", file.resolve("data").toString()},
                "cannot create the data directory");
    }

    static void assertOneLine(String[] args, String expected) {
        Cli cli = new Cli();
        assertThat(cli.run(args)).as(String.join(" ", args) + " -> " + cli.err()).isEqualTo(Main.USAGE_ERROR);
        assertThat(cli.err().lines()).as(String.join(" ", args)).singleElement().asString()
                .startsWith("tributary: ").contains(expected);
    }

    private static Set<String> expectedStreams(String table) {
        Set<String> expected = new HashSet<>();
        STREAMS.forEach((exchange, symbols) -> symbols.forEach(symbol -> expected.add(exchange + " " + symbol + " "
                + table)));
        return expected;
    }

    /** @return "exchange symbol table" for every stored table with rows, from the API's /streams */
    private static Set<String> storedStreams(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(url + "/api/v1/streams")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        Set<String> stored = new HashSet<>();
        for (JsonNode stream : new ObjectMapper().readTree(response.body()).path("stored")) {
            stream.path("tables").properties().forEach(table -> {
                if (table.getValue().path("rows").asLong() > 0) {
                    stored.add(stream.path("exchange").asText() + " " + stream.path("symbol").asText() + " "
                            + table.getKey());
                }
            });
        }
        return stored;
    }
}
