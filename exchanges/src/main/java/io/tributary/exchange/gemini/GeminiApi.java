package io.tributary.exchange.gemini;

/** Which of Gemini's public market data APIs a {@link GeminiConnector} speaks. */
public enum GeminiApi {
    /**
     * Market data v1: one socket per symbol ({@code /v1/marketdata/{symbol}}), the book as {@code change} events
     * with absolute remaining sizes, and {@code socket_sequence} on every message, so a lost message is seen.
     */
    V1,
    /** Market data v2: {@code l2} for many symbols on one socket ({@code /v2/marketdata}), no sequence numbers. */
    V2
}
