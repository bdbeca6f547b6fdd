package io.tributary.simulator.binance;

import io.tributary.simulator.HttpReply;
import io.tributary.simulator.HttpRequest;
import io.tributary.simulator.HttpRoute;

/** {@code GET /api/v3/depth?symbol=BTCUSDT&limit=100}: the order book snapshot, with Binance's error bodies. */
final class DepthRoute implements HttpRoute {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 5000;

  private final MarketGenerator market;

  DepthRoute(MarketGenerator market) {
    this.market = market;
  }

  @Override
  public HttpReply handle(HttpRequest request) {
    String symbol = request.queryParam("symbol");
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
    String snapshot = market.depthSnapshot(symbol, limit);
    return snapshot == null ? error(-1121, "Invalid symbol.") : HttpReply.json(200, snapshot);
  }

  private static HttpReply error(int code, String message) {
    return HttpReply.json(400, "{\"code\":" + code + ",\"msg\":\"" + message.replace("\\", "\\\\") + "\"}");
  }
}
