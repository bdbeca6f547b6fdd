/**
 * The Binance market-data twin (spot, or futures depth with {@code pu}). Wire facts: {@code shared/reference/exchange-protocols.md} §3 (streams and
 * combined wrapper, live control messages and their error codes, ping every 20 s with a 1 min pong deadline,
 * {@code serverShutdown}, diff depth {@code U}/{@code u} with a REST snapshot to sync against).
 *
 * <p>Streams: {@code <symbol>@depth[@100ms]}, {@code @depth5/10/20[@100ms]} (one per market step), {@code @trade},
 * {@code @aggTrade}, {@code @bookTicker}. Also the 24 h connection cut (by an injectable clock), the 5 messages/s
 * inbound limit, REST request weight with 429/418 and {@code Retry-After}, stale snapshots and
 * {@code exchangeInfo}. Not modelled: klines (subscriptions to unknown streams are accepted and stay silent).
 */
package io.tributary.simulator.binance;
