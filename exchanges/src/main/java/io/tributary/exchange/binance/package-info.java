/**
 * Binance spot and USD-M/COIN-M futures book messages: {@link io.tributary.exchange.binance.BinanceDecoder} and the
 * snapshot-plus-diff procedure in {@link io.tributary.exchange.binance.BinanceBookSync}. Wire facts:
 * {@code shared/reference/exchange-protocols.md} §3.4.
 */
package io.tributary.exchange.binance;
