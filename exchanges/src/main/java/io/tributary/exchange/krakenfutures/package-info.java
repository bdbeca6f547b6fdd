/**
 * Kraken Futures WebSocket v1 ({@code wss://futures.kraken.com/ws/v1}): the {@code book} feed's decoder and book
 * sync, as replayed from recordings. No connector yet.
 */
package io.tributary.exchange.krakenfutures;
