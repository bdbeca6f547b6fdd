package io.tributary.simulator.binance;

/**
 * One generated event: the stream it belongs to ("btcusdt@trade", "btcusdt@depth", "btcusdt@bookTicker") and its
 * raw JSON payload, as a raw stream would carry it.
 */
public record MarketEvent(String stream, String json) {}
