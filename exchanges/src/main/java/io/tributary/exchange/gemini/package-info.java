/**
 * Gemini market data v2 ({@code wss://api.gemini.com/v2/marketdata}, channel {@code l2}): one socket for many
 * symbols. Wire facts: {@code shared/reference/exchange-protocols.md} §6.2 and the brief's §6.
 *
 * <p>Book rule: the first {@code l2_updates} of a symbol after its subscription holds the whole book and the last 50
 * trades (it is the only one that carries a {@code trades} array, confirmed on the three cryptofeed recordings:
 * 30 such messages for 30 subscriptions); later {@code changes} are absolute level sizes, {@code "0"} deletes.
 * There are no sequence numbers, so a lost message cannot be seen directly: a book left crossed by an update, a
 * rejected value, or an update for a symbol waiting for its book puts only that symbol out of sync, and it is
 * unsubscribed and subscribed again (a fresh full book). Silence is handled by the feed's watchdog.
 *
 * <p>Trades: {@code side} is the taker side (v2). Standalone {@code trade} messages in the recordings carry
 * {@code event_id} but no {@code tid}; the dedupe key is therefore {@code event_id}, increasing per symbol, which
 * also drops the 50 trades a resubscription repeats.
 *
 * <p>Found while writing this (recordings, 2021): server heartbeats {@code {"type":"heartbeat","timestamp":ms}}
 * arrive every 5 s (the interval §6.2 left unconfirmed); auction messages ({@code auction_indicative},
 * {@code auction_result}) arrive on the {@code l2} channel and are passed through undecoded. Not supported here:
 * v1 per-symbol sockets ({@code socket_sequence}) and the new {@code wss://ws.gemini.com} API, whose gap rule and
 * trade fields are unconfirmed.
 */
package io.tributary.exchange.gemini;
