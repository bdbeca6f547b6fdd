/**
 * The Gemini market data v2 twin ({@code /v2/marketdata}, channel {@code l2}). Wire facts:
 * {@code shared/reference/exchange-protocols.md} §6.2, checked against the cryptofeed recordings: a
 * {@code subscribe} message names symbols; each symbol's first {@code l2_updates} holds its whole book and its last
 * 50 trades ({@code trades}); later {@code l2_updates} carry absolute level sizes ({@code "0"} deletes); trades come
 * as {@code trade} messages with {@code event_id} and the taker {@code side}; heartbeats
 * {@code {"type":"heartbeat","timestamp":ms}} every 5 s; an unknown symbol is answered
 * {@code {"result":"error","reason":"NoValidTradingPairs"}}. No sequence numbers.
 *
 * <p>Gemini's own faults, beside the framework's: a lost diff (the book a client keeps crosses), full books held
 * back (a late snapshot), and the 50 trades a new subscription repeats (natural here, for trade dedupe).
 */
package io.tributary.simulator.gemini;
