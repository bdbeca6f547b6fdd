package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.exchange.gemini.GeminiConnector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TwinCommandTest {

    @Test
    void printsItsUrlsServesThemAndStopsAfterTheDuration() throws Exception {
        Cli cli = new Cli();
        CompletableFuture<Integer> exit = new CompletableFuture<>();
        Thread.ofPlatform().name("twin").start(() -> exit.complete(cli.run("twin", "binance", "--port", "0",
                "--symbols", "BTCUSDT,SOLUSDT", "--rate", "20", "--duration", "3s")));

        Pattern rest = Pattern.compile("REST +(http://\\S+)");
        await().atMost(Duration.ofSeconds(10)).until(() -> rest.matcher(cli.out()).find());
        Matcher url = rest.matcher(cli.out());
        assertThat(url.find()).isTrue();
        HttpResponse<String> depth = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url.group(1).replace("BTCUSDT", "SOLUSDT"))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(depth.statusCode()).isEqualTo(200);
        assertThat(depth.body()).contains("\"lastUpdateId\"", "\"bids\"", "\"asks\"");
        assertThat(cli.out()).containsPattern("WebSocket +ws://127\\.0\\.0\\.1:\\d+/stream\\?streams=btcusdt@depth");
        assertThat(exit.get()).isZero();
        assertThat(cli.out()).contains("twin stopped");
    }

    @Test
    void theGeminiTwinAnswersASubscriptionWithTheFullBook() throws Exception {
        Cli cli = new Cli();
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cli.run("twin", "gemini", "--port", "0",
                "--symbols", "BTCUSD", "--rate", "20", "--duration", "8s"));
        Pattern webSocket = Pattern.compile("WebSocket +(ws://\\S+)");
        await().atMost(Duration.ofSeconds(10)).until(() -> webSocket.matcher(cli.out()).find());
        Matcher url = webSocket.matcher(cli.out());
        assertThat(url.find()).isTrue();

        URI endpoint = URI.create(url.group(1));
        try (GeminiConnector connector = GeminiConnector.builder().symbols("BTCUSD")
                .webSocketBase(URI.create("ws://" + endpoint.getAuthority())).build()) {
            connector.start();
            await().atMost(Duration.ofSeconds(6)).until(() -> connector.book("BTCUSD").isPresent());
            assertThat(connector.book("BTCUSD").orElseThrow().isCrossed()).isFalse();
        }
        assertThat(exit.get()).isZero();
        assertThat(cli.out()).contains("Gemini twin on", "twin stopped");
    }

    @ParameterizedTest
    @CsvSource({
        "binance, Binance twin on, BTCUSDT,ETHUSDT, WebSocket +ws://127.0.0.1:\\d+/stream\\?streams=btcusdt@depth/ethusdt@depth",
        "huobi, HTX twin on, btcusdt,ethusdt, WebSocket +ws://127.0.0.1:\\d+/ws .* and ws://127.0.0.1:\\d+/feed",
        "bitstamp, Bitstamp twin on, btcusd,ethusd, REST +http://127.0.0.1:\\d+/api/v2/order_book/btcusd/",
        "gemini, Gemini twin on, BTCUSD,ETHUSD, WebSocket +ws://127.0.0.1:\\d+/v2/marketdata"})
    void everyTwinStartsWithItsOwnSymbolsAndUrls(String exchange, String title, String first, String second,
                                                 String endpoint) {
        Cli cli = new Cli();

        int exit = cli.run("twin", exchange, "--port", "0", "--duration", "1s");

        assertThat(exit).as(cli.out() + cli.err()).isZero();
        assertThat(cli.out()).contains(title).contains("(" + first + "," + second + ", 10 steps/s)")
                .containsPattern(endpoint).contains("twin stopped");
    }

    @Test
    void userMistakesAreOneLineAndExitTwo() {
        assertUsageError(new String[] {"twin", "kraken"}, "no twin for 'kraken'");
        assertUsageError(new String[] {"twin", "binance", "--fault", "explode"}, "bad --fault 'explode'");
        assertUsageError(new String[] {"twin", "huobi", "--fault", "gap=btcusdt"}, "bad --fault 'gap=btcusdt'");
        assertUsageError(new String[] {"twin", "binance-usdm"}, "no twin for 'binance-usdm'");
        assertUsageError(new String[] {"twin", "binance", "--fault", "rest-429=many"}, "needs a whole number");
        assertUsageError(new String[] {"twin", "binance", "--port", "70000"}, "--port must be 0..65535");
        assertUsageError(new String[] {"twin", "binance", "--symbols", "btc-usdt"}, "'btc-usdt' is not a symbol");
        assertUsageError(new String[] {"twin", "binance", "--rate", "fast"}, "'fast'");
    }

    @Test
    void aTakenPortIsOneLine() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            assertUsageError(new String[] {"twin", "binance", "--port", String.valueOf(taken.getLocalPort()),
                    "--duration", "1s"}, "cannot listen on 127.0.0.1:" + taken.getLocalPort());
        }
    }

    static void assertUsageError(String[] args, String expected) {
        Cli cli = new Cli();
        int exit = cli.run(args);
        assertThat(exit).as(String.join(" ", args) + " -> " + cli.err()).isEqualTo(Main.USAGE_ERROR);
        assertThat(cli.err()).startsWith("tributary: ").contains(expected).doesNotContain("\tat ");
    }
}
