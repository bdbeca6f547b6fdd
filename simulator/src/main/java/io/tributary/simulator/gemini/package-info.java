/**
 * The Gemini market data twin: v2 ({@code /v2/marketdata}, channel {@code l2}) and v1
 * ({@code /v1/marketdata/{symbol}}) over the same generated markets. Wire facts:
 * {@code shared/reference/exchange-protocols.md} §6.1–6.2, v2 checked against the cryptofeed recordings.
 *
 * <p>v2: a {@code subscribe} message names symbols; each symbol's first {@code l2_updates} holds its whole book and
 * its last 50 trades ({@code trades}); later {@code l2_updates} carry absolute level sizes ({@code "0"} deletes);
 * trades come as {@code trade} messages with {@code event_id} and the taker {@code side}; heartbeats
 * {@code {"type":"heartbeat","timestamp":ms}} every 5 s; an unknown symbol is answered
 * {@code {"result":"error","reason":"NoValidTradingPairs"}}. No sequence numbers.
 *
 * <p>v1: connecting subscribes; the query flags {@code heartbeat}, {@code bids}, {@code offers}, {@code trades} are
 * honoured (a type is left out only when flagged {@code false}, as the current docs say). The first {@code update}
 * holds the whole book, both sides whatever the flags, as {@code reason:"initial"} changes; each market step sends
 * a trade with the change it made ({@code reason:"trade"}, {@code makerSide} the resting side, {@code tid} = the
 * event id) and then the other changes ({@code place}/{@code cancel}), every {@code change} carrying the level's
 * absolute {@code remaining}. Every message, heartbeats included, carries {@code socket_sequence} from 0.
 *
 * <p>Gemini's own faults, beside the framework's: v2 a lost diff (the book a client keeps crosses), full books held
 * back (a late snapshot), the 50 trades a new subscription repeats (natural here, for trade dedupe); v1 a skipped
 * {@code socket_sequence} and, for dedupe, trades repeated to a new socket (a fault: real v1 does not repeat).
 */
package io.tributary.simulator.gemini;
