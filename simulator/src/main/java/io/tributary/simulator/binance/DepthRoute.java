package io.tributary.simulator.binance;

import io.tributary.simulator.HttpReply;
import io.tributary.simulator.HttpRequest;
import io.tributary.simulator.HttpRoute;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code GET /api/v3/depth?symbol=BTCUSDT&limit=100} (and the futures paths): the order book snapshot, with
 * Binance's error bodies, its request weight (429 with {@code Retry-After} past the minute's limit,
 * {@code X-MBX-USED-WEIGHT-1M} on every answer) and the injected {@link RestFaults}.
 */
final class DepthRoute implements HttpRoute {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 5000;

    private final MarketGenerator market;
    private final RequestWeight weight;
    private final RestFaults faults;
    private final List<DepthRequest> served = new CopyOnWriteArrayList<>();

    DepthRoute(MarketGenerator market, RequestWeight weight, RestFaults faults) {
        this.market = market;
        this.weight = weight;
        this.faults = faults;
    }

    List<DepthRequest> served() {
        return served;
    }

    @Override
    public HttpReply handle(HttpRequest request) {
        long nowNs = System.nanoTime();
        String symbol = request.queryParam("symbol");
        HttpReply reply = answer(request, symbol, nowNs);
        served.add(new DepthRequest(symbol, nowNs, reply.status()));
        return reply;
    }

    private HttpReply answer(HttpRequest request, String symbol, long nowNs) {
        long[] rejection = faults.takeRejection();
        if (rejection != null) {
            return limited((int) rejection[0], rejection[1]);
        }
        if (symbol == null || symbol.isEmpty()) {
            return error(-1102, "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
        }
        int limit = DEFAULT_LIMIT;
        String limitParam = request.queryParam("limit");
        if (limitParam != null) {
            try {
                limit = Integer.parseInt(limitParam);
            } catch (NumberFormatException e) {
                return error(-1100, "Illegal characters found in parameter 'limit'; legal range is '^[0-9]{1,20}$'.");
            }
            if (limit < 1) {
                return error(-1100, "Illegal characters found in parameter 'limit'; legal range is '^[0-9]{1,20}$'.");
            }
            limit = Math.min(limit, MAX_LIMIT); // Binance truncates larger limits to 5000
        }
        long waitSeconds = weight.spend(weightOf(limit), nowNs);
        if (waitSeconds > 0) {
            return limited(429, waitSeconds);
        }
        String snapshot = faults.takeStale() ? market.staleDepthSnapshot(symbol, limit) : market.depthSnapshot(symbol, limit);
        return snapshot == null ? error(-1121, "Invalid symbol.") : withWeight(HttpReply.json(200, snapshot));
    }

    /** Spot weights by limit (exchange-protocols.md §3.4). */
    static int weightOf(int limit) {
        return limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250;
    }

    private HttpReply limited(int status, long retryAfterSeconds) {
        String message = status == 418 ? "Way too many requests; IP banned until later." : "Too many requests; current limit of IP is "
                + weight.limit() + " requests per minute.";
        return new HttpReply(status, Map.of("content-type", "application/json", "retry-after", Long.toString(retryAfterSeconds),
                "x-mbx-used-weight-1m", Integer.toString(weight.used())),
                ("{\"code\":-1003,\"msg\":\"" + message + "\"}").getBytes(StandardCharsets.UTF_8));
    }

    private HttpReply withWeight(HttpReply reply) {
        return new HttpReply(reply.status(), Map.of("content-type", "application/json", "x-mbx-used-weight-1m",
                Integer.toString(weight.used())), reply.body());
    }

    private HttpReply error(int code, String message) {
        return withWeight(HttpReply.json(400, "{\"code\":" + code + ",\"msg\":\"" + message.replace("\\", "\\\\") + "\"}"));
    }
}
