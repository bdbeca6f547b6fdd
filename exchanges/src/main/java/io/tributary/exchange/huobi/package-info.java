/**
 * HTX (Huobi) spot public market data: {@link io.tributary.exchange.huobi.HuobiProtocol} (gzip frames, JSON
 * ping/pong, sub/unsub/req), {@link io.tributary.exchange.huobi.HuobiDecoder} (exact decimals), and
 * {@link io.tributary.exchange.huobi.HuobiConnector} (MBP book synced by a {@code req} snapshot on the same
 * {@code /feed} socket with the {@code seqNum}/{@code prevSeqNum} chain of {@link io.tributary.book.HuobiSequence};
 * trades deduplicated by {@code tradeId}). Wire facts: {@code shared/reference/exchange-protocols.md} §4.
 *
 * <p>Looked up for this package (HTX doc {@code huobiapi/docs} v1_en, 2021): MBP 150 is a 100 ms snapshot
 * difference, 5/20 are tick by tick; the {@code req} must be sent on the socket carrying the subscription; a
 * {@code req} reply is {@code {"id":..,"rep":topic,"status":"ok","data":{"seqNum":..,"bids":..,"asks":..}}}.
 * Still unconfirmed on today's HTX: per-IP connection and per-connection topic limits, the 400-level MBP, and a
 * client-sent {@code ping} (so the connector only answers the server's pings and relies on the feed's watchdog).
 */
package io.tributary.exchange.huobi;
