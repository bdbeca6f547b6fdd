/**
 * A twin of HTX (Huobi) spot market data ({@link io.tributary.simulator.huobi.HuobiTwin}): gzip frames, JSON
 * ping/pong with a close after two unanswered pings, sub/unsub/req replies and the documented errors, MBP increments
 * with non-contiguous {@code seqNum}/{@code prevSeqNum} chains, {@code depth.step0}, {@code bbo} and trades, plus
 * HTX's own faults: a missed increment, snapshots held back, the last trade repeated after a subscription.
 * Written from the wire description (exchange-protocols.md §4), never from the connector's code.
 */
package io.tributary.simulator.huobi;
