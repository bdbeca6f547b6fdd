/**
 * Bitstamp WebSocket v2 connector (exchange-protocols.md §5): L2 from {@code diff_order_book} + REST
 * {@code order_book} by {@code microtimestamp}, checked against {@code order_book} top-100 snapshots; L3 from
 * {@code live_orders}, seeded and checked by {@code detail_order_book}; trades from {@code live_trades}.
 *
 * <p>Facts the protocol notes left unconfirmed, as found: the recordings in {@code ../shared/data/bitstamp}
 * confirm the diff shape (string levels, absolute amounts, {@code "0.00000000"} deletes), the REST snapshot's
 * {@code microtimestamp}, {@code bts:subscription_succeeded} replies and trade {@code type} 0/1. {@code order_changed}
 * is read as carrying the order's remaining {@code amount} (ccxt, cryptofeed and the C#/Java client models read it
 * so; no public recording of {@code live_orders} was found). The server's idle timeout and the connection and
 * subscription limits remain unconfirmed: the client sends {@code bts:heartbeat} every 10 s by default.
 */
package io.tributary.exchange.bitstamp;
