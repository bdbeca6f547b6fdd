/**
 * Kraken WebSocket v1 books: {@link io.tributary.exchange.kraken.KrakenBookDecoder} and
 * {@link io.tributary.exchange.kraken.KrakenBookSync} (depth truncation, CRC32 {@code c}). Wire facts:
 * {@code shared/reference/exchange-protocols.md} §7.2–7.3, §7.6.
 */
package io.tributary.exchange.kraken;
