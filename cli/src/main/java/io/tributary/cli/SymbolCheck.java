package io.tributary.cli;

import io.tributary.exchange.binance.BinanceMarket;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

/**
 * Asks the exchange's {@code exchangeInfo} about the symbols before connecting, so that a typo or an unreachable
 * host is one clear line instead of a connector retrying forever.
 */
final class SymbolCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final BinanceMarket market;
    private final String infoUrl;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    SymbolCheck(BinanceMarket market, URI restBase) {
        this.market = market;
        this.infoUrl = restBase.toString().replaceAll("/+$", "")
                + market.depthPath().replace("/depth", "/exchangeInfo");
    }

    /** @throws Main.UserException naming the first unknown symbol, or why the exchange could not be asked */
    void requireKnown(List<String> symbols) throws InterruptedException {
        if (market == BinanceMarket.SPOT) {
            for (String symbol : symbols) {
                HttpResponse<String> response = get(infoUrl + "?symbol=" + symbol);
                if (response.statusCode() == 400 && response.body().contains("-1121")) {
                    throw unknown(symbol);
                }
                requireOk(response);
            }
            return;
        }
        // futures exchangeInfo takes no symbol filter: one answer lists them all
        HttpResponse<String> response = get(infoUrl);
        requireOk(response);
        for (String symbol : symbols) {
            if (!response.body().contains("\"symbol\":\"" + symbol + "\"")) {
                throw unknown(symbol);
            }
        }
    }

    private HttpResponse<String> get(String url) throws InterruptedException {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            String why = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            throw new Main.UserException("cannot reach " + url + ": " + why);
        }
    }

    private void requireOk(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            String body = response.body();
            throw new Main.UserException(response.uri() + " answered HTTP " + response.statusCode()
                    + (body.isBlank() ? "" : ": " + (body.length() > 200 ? body.substring(0, 200) : body)));
        }
    }

    private Main.UserException unknown(String symbol) {
        return new Main.UserException("unknown symbol '" + symbol + "' on " + market.exchange());
    }
}
