package io.tributary.simulator.binance;

/**
 * One REST depth request as the twin saw it, for checking a client's pacing and back-off.
 *
 * @param symbol  the {@code symbol} parameter (null if missing)
 * @param atNanos when it arrived ({@link System#nanoTime()})
 * @param status  the HTTP status answered
 */
public record DepthRequest(String symbol, long atNanos, int status) {}
