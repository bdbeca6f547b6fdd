package io.tributary.exchange.binance;

import java.net.URI;

/**
 * Which Binance market a connector follows: its default endpoints, REST depth path, request-weight rules, control
 * message rate and depth update-id rule (spot {@code U}/{@code u}; futures {@code pu} chain).
 */
public enum BinanceMarket {
    /** Spot: 6000 weight per minute, limit 1000 costs 50; 5 inbound messages per second. */
    SPOT("binance", "wss://stream.binance.com:9443", "https://api.binance.com", "/api/v3/depth", 6000, 4,
            BinanceBookSync.Market.SPOT),
    /** USD-M futures: 2400 weight per minute, limit 1000 costs 20; 10 inbound messages per second. */
    USD_M("binance-usdm", "wss://fstream.binance.com", "https://fapi.binance.com", "/fapi/v1/depth", 2400, 8,
            BinanceBookSync.Market.FUTURES),
    /** COIN-M futures: as USD-M on their own hosts. */
    COIN_M("binance-coinm", "wss://dstream.binance.com", "https://dapi.binance.com", "/dapi/v1/depth", 2400, 8,
            BinanceBookSync.Market.FUTURES);

    private final String exchange;
    private final URI webSocketBase;
    private final URI restBase;
    private final String depthPath;
    private final int weightPerMinute;
    private final int controlMessagesPerSecond;
    private final BinanceBookSync.Market rule;

    BinanceMarket(String exchange, String webSocketBase, String restBase, String depthPath, int weightPerMinute,
                  int controlMessagesPerSecond, BinanceBookSync.Market rule) {
        this.exchange = exchange;
        this.webSocketBase = URI.create(webSocketBase);
        this.restBase = URI.create(restBase);
        this.depthPath = depthPath;
        this.weightPerMinute = weightPerMinute;
        this.controlMessagesPerSecond = controlMessagesPerSecond;
        this.rule = rule;
    }

    /** @return the name events carry, distinct per market (the same symbol trades on each) */
    public String exchange() {
        return exchange;
    }

    public URI webSocketBase() {
        return webSocketBase;
    }

    public URI restBase() {
        return restBase;
    }

    /** @return the REST order book path, e.g. {@code /api/v3/depth} */
    public String depthPath() {
        return depthPath;
    }

    /** @return the REST request weight allowed per minute and IP */
    public int weightPerMinute() {
        return weightPerMinute;
    }

    /**
     * @return control messages sent per second: one below the exchange's inbound limit, which counts our pong
     *         frames too (and those are not paced)
     */
    public int controlMessagesPerSecond() {
        return controlMessagesPerSecond;
    }

    BinanceBookSync.Market rule() {
        return rule;
    }

    /** @return the request weight of a depth snapshot of {@code limit} levels */
    public int depthWeight(int limit) {
        if (this == SPOT) {
            return limit <= 100 ? 5 : limit <= 500 ? 25 : limit <= 1000 ? 50 : 250;
        }
        return limit <= 50 ? 2 : limit <= 100 ? 5 : limit <= 500 ? 10 : 20;
    }
}
