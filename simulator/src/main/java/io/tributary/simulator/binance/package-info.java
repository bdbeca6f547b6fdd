/**
 * The Binance spot market-data twin. Wire facts: {@code shared/reference/exchange-protocols.md} §3 (streams and
 * combined wrapper, live control messages and their error codes, ping every 20 s with a 1 min pong deadline,
 * {@code serverShutdown}, diff depth {@code U}/{@code u} with a REST snapshot to sync against).
 *
 * <p>Streams: {@code <symbol>@depth[@100ms]}, {@code @depth5/10/20[@100ms]} (one per market step), {@code @trade},
 * {@code @aggTrade}, {@code @bookTicker}. Not yet modelled (later issues): the 24 h connection cut, the 5 messages/s
 * inbound limit, REST weights and 429s, klines (subscriptions to unknown streams are accepted and stay silent).
 */
package io.tributary.simulator.binance;
