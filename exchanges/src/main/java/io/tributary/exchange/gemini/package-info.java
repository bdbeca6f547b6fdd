/**
 * Gemini public market data, v2 ({@code wss://api.gemini.com/v2/marketdata}, channel {@code l2}: one socket for
 * many symbols) and v1 ({@code /v1/marketdata/{symbol}}: one socket per symbol), behind one
 * {@link io.tributary.exchange.gemini.GeminiConnector} ({@code .api(GeminiApi.V1)}; v2 is the default). Wire facts:
 * {@code shared/reference/exchange-protocols.md} §6 and {@code docs/protocols/gemini.md}.
 *
 * <p>v2 book rule: the first {@code l2_updates} of a symbol after its subscription holds the whole book and the last
 * 50 trades (it is the only one that carries a {@code trades} array, confirmed on the three cryptofeed recordings:
 * 30 such messages for 30 subscriptions); later {@code changes} are absolute level sizes, {@code "0"} deletes.
 * There are no sequence numbers, so a lost message cannot be seen directly: a book left crossed by an update, a
 * rejected value or an unreadable change puts only that symbol out of sync, and it is unsubscribed and subscribed
 * again (a fresh full book);
 * updates for a symbol still waiting for its book are dropped. Silence is handled by the feed's watchdog.
 * Trades: {@code side} is the taker side; the dedupe key is {@code event_id} (standalone {@code trade} messages in
 * the recordings carry no {@code tid}), increasing per symbol, which also drops the 50 trades a resubscription
 * repeats.
 *
 * <p>v1 rule: the first {@code update} is the whole book as {@code reason:"initial"} changes; later changes carry
 * the level's absolute {@code remaining}. {@code socket_sequence} counts every message of a socket from 0,
 * heartbeats (asked for, every 5 s) included, so heartbeats are delivered to the book thread like data. A hole, or a
 * first number other than 0, abandons that symbol's socket (its book changes are ignored, its trades kept) and
 * replaces only it; the replacement's initial book makes the symbol live again. Trades: the taker is the side
 * opposite {@code makerSide}; the dedupe key is {@code tid}.
 *
 * <p>Found while writing this (recordings, 2021): v2 server heartbeats {@code {"type":"heartbeat","timestamp":ms}}
 * arrive every 5 s (the interval §6.2 left unconfirmed); auction messages ({@code auction_indicative},
 * {@code auction_result}) arrive on the {@code l2} channel and are passed through undecoded. Not supported: the new
 * {@code wss://ws.gemini.com} API (see {@code docs/protocols/gemini.md} for what is and is not confirmed).
 */
package io.tributary.exchange.gemini;
