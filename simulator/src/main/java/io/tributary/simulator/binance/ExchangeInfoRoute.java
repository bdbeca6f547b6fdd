package io.tributary.simulator.binance;

import io.tributary.simulator.HttpReply;
import io.tributary.simulator.HttpRequest;
import io.tributary.simulator.HttpRoute;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * {@code GET /api/v3/exchangeInfo}: the rate limits and, for each generated symbol, its status, assets and the
 * {@code PRICE_FILTER} / {@code LOT_SIZE} filters (tick and lot sizes), in Binance's shape.
 */
final class ExchangeInfoRoute implements HttpRoute {
    private static final List<String> QUOTES = List.of("USDT", "USDC", "FDUSD", "BTC", "ETH", "BNB", "EUR", "TRY");

    private final MarketGenerator market;
    private final int weightPerMinute;
    private final LongSupplier epochMillis;

    ExchangeInfoRoute(MarketGenerator market, int weightPerMinute, LongSupplier epochMillis) {
        this.market = market;
        this.weightPerMinute = weightPerMinute;
        this.epochMillis = epochMillis;
    }

    @Override
    public HttpReply handle(HttpRequest request) {
        StringBuilder json = new StringBuilder(512);
        json.append("{\"timezone\":\"UTC\",\"serverTime\":").append(epochMillis.getAsLong())
                .append(",\"rateLimits\":[{\"rateLimitType\":\"REQUEST_WEIGHT\",\"interval\":\"MINUTE\",\"intervalNum\":1,")
                .append("\"limit\":").append(weightPerMinute).append("},{\"rateLimitType\":\"RAW_REQUESTS\",")
                .append("\"interval\":\"MINUTE\",\"intervalNum\":5,\"limit\":61000}],\"exchangeFilters\":[],\"symbols\":[");
        List<SymbolSpec> symbols = market.symbols();
        String only = request.queryParam("symbol");
        boolean first = true;
        for (SymbolSpec spec : symbols) {
            if (only != null && !only.equals(spec.symbol())) {
                continue;
            }
            if (!first) {
                json.append(',');
            }
            first = false;
            appendSymbol(json, spec);
        }
        if (only != null && first) {
            return HttpReply.json(400, "{\"code\":-1121,\"msg\":\"Invalid symbol.\"}");
        }
        return HttpReply.json(200, json.append("]}").toString());
    }

    private static void appendSymbol(StringBuilder json, SymbolSpec spec) {
        String quote = QUOTES.stream().filter(q -> spec.symbol().endsWith(q) && spec.symbol().length() > q.length())
                .findFirst().orElse("");
        String base = spec.symbol().substring(0, spec.symbol().length() - quote.length());
        json.append("{\"symbol\":\"").append(spec.symbol()).append("\",\"status\":\"TRADING\",\"baseAsset\":\"")
                .append(base).append("\",\"baseAssetPrecision\":8,\"quoteAsset\":\"").append(quote)
                .append("\",\"quotePrecision\":8,\"quoteAssetPrecision\":8,\"filters\":[")
                .append("{\"filterType\":\"PRICE_FILTER\",\"minPrice\":\"");
        Decimals.appendTo(json, spec.tickE8());
        json.append("\",\"maxPrice\":\"1000000.00000000\",\"tickSize\":\"");
        Decimals.appendTo(json, spec.tickE8());
        json.append("\"},{\"filterType\":\"LOT_SIZE\",\"minQty\":\"");
        Decimals.appendTo(json, spec.lotE8());
        json.append("\",\"maxQty\":\"9000000.00000000\",\"stepSize\":\"");
        Decimals.appendTo(json, spec.lotE8());
        json.append("\"}]}");
    }
}
