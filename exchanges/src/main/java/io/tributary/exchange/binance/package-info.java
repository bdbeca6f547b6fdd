/**
 * Binance spot and USD-M/COIN-M futures: {@link io.tributary.exchange.binance.BinanceConnector} (the
 * {@link io.tributary.exchange.MarketDataConnector} for Binance: live subscriptions, per-symbol REST resync paced by
 * request weight, normalized events), the {@link io.tributary.exchange.binance.BinanceProtocol} its feed speaks, the
 * {@link io.tributary.exchange.binance.BinanceDecoder} and the snapshot-plus-diff procedure in
 * {@link io.tributary.exchange.binance.BinanceBookSync}. Wire facts: {@code shared/reference/exchange-protocols.md} §3.
 */
package io.tributary.exchange.binance;
