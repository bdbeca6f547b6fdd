package io.tributary.book;

import org.junit.jupiter.api.Test;

import static io.tributary.book.SequenceVerdict.APPLY;
import static io.tributary.book.SequenceVerdict.GAP;
import static io.tributary.book.SequenceVerdict.SKIP;
import static org.assertj.core.api.Assertions.assertThat;

/** Each exchange's rule, on the sequences described in exchange-protocols.md. */
class SequenceTrackerTest {

    private static final long NONE = L2Update.NONE;
    private final L2Update update = new L2Update();

    private L2Update snapshot(long lastUpdateId) {
        return update.clear("S", 0, 0).snapshot(true).lastUpdateId(lastUpdateId);
    }

    private L2Update event(long first, long last, long prev) {
        return update.clear("S", 0, 0).firstUpdateId(first).lastUpdateId(last).prevUpdateId(prev);
    }

    @Test
    void binanceSpotBridgesTheSnapshotThenChains() {
        BinanceSpotSequence rule = new BinanceSpotSequence();
        assertThat(rule.check(snapshot(1027024))).isEqualTo(APPLY);
        assertThat(rule.check(event(1027000, 1027010, NONE))).isEqualTo(SKIP); // u <= lastUpdateId
        assertThat(rule.check(event(1027010, 1027024, NONE))).isEqualTo(SKIP);
        assertThat(rule.check(event(1027020, 1027030, NONE))).isEqualTo(APPLY); // U <= 1027025 <= u
        assertThat(rule.lastId()).isEqualTo(1027030);
        assertThat(rule.check(event(1027031, 1027040, NONE))).isEqualTo(APPLY);
        assertThat(rule.check(event(1027031, 1027040, NONE))).isEqualTo(SKIP); // a repeat is stale
        assertThat(rule.check(event(1027042, 1027050, NONE))).isEqualTo(GAP); // 1027041 lost
        assertThat(rule.expected()).isEqualTo(1027041);
        assertThat(rule.received()).isEqualTo(1027042);
        assertThat(rule.check(event(1027051, 1027052, NONE))).isEqualTo(GAP); // waits for a snapshot
    }

    @Test
    void binanceSpotRejectsASnapshotThatDoesNotBridge() {
        BinanceSpotSequence rule = new BinanceSpotSequence();
        rule.check(snapshot(100));
        assertThat(rule.check(event(102, 110, NONE))).isEqualTo(GAP);
        assertThat(rule.expected()).isEqualTo(101);
    }

    @Test
    void binanceFuturesChainsOnPu() {
        BinanceFuturesSequence rule = new BinanceFuturesSequence();
        rule.check(snapshot(500));
        assertThat(rule.check(event(480, 499, 470))).isEqualTo(SKIP); // u < lastUpdateId
        assertThat(rule.check(event(495, 505, 494))).isEqualTo(APPLY); // U <= 500 <= u
        assertThat(rule.check(event(507, 510, 505))).isEqualTo(APPLY); // pu == previous u (ids need not be +1)
        assertThat(rule.check(event(507, 510, 505))).isEqualTo(SKIP);
        assertThat(rule.check(event(515, 520, 512))).isEqualTo(GAP);
        assertThat(rule.expected()).isEqualTo(510);
        assertThat(rule.received()).isEqualTo(512);
    }

    @Test
    void binanceFuturesFirstEventMustCoverOrFollowTheSnapshot() {
        BinanceFuturesSequence rule = new BinanceFuturesSequence();
        rule.check(snapshot(500));
        assertThat(rule.check(event(502, 505, 501))).isEqualTo(GAP); // starts above the snapshot, not its successor
        assertThat(rule.expected()).isEqualTo(500);

        BinanceFuturesSequence next = new BinanceFuturesSequence();
        next.check(snapshot(500));
        assertThat(next.check(event(503, 505, 500))).isEqualTo(APPLY); // the event right after the snapshot's last
        assertThat(next.check(event(506, 509, 505))).isEqualTo(APPLY);
    }

    @Test
    void okxChainsPrevSeqIdAndAcceptsKeepAliveAndRestart() {
        OkxSequence rule = new OkxSequence();
        assertThat(rule.check(snapshot(123456).prevUpdateId(-1))).isEqualTo(APPLY);
        assertThat(rule.check(event(NONE, 123460, 123456))).isEqualTo(APPLY);
        assertThat(rule.check(event(NONE, 123460, 123460))).isEqualTo(APPLY); // keep-alive: prev == seq
        assertThat(rule.check(event(NONE, 3, 123460))).isEqualTo(APPLY); // restart after maintenance
        assertThat(rule.check(event(NONE, 9, 3))).isEqualTo(APPLY);
        assertThat(rule.check(event(NONE, 9, 3))).isEqualTo(SKIP); // a repeat is stale
        assertThat(rule.check(event(NONE, 12, 10))).isEqualTo(GAP); // 9 -> 10 lost
        assertThat(rule.expected()).isEqualTo(9);
        assertThat(rule.received()).isEqualTo(10);
        assertThat(rule.check(event(NONE, 20, -1))).isEqualTo(APPLY); // a snapshot sent as an update
        assertThat(rule.check(event(NONE, 30, 25))).isEqualTo(GAP);
        assertThat(rule.expected()).isEqualTo(20);
        assertThat(rule.received()).isEqualTo(25);
    }

    @Test
    void okxWithoutSequenceFieldsLeavesItToTheChecksum() {
        OkxSequence rule = new OkxSequence();
        rule.check(snapshot(NONE));
        assertThat(rule.check(event(NONE, NONE, NONE))).isEqualTo(APPLY);
    }

    @Test
    void huobiChainsPrevSeqNum() {
        HuobiSequence rule = new HuobiSequence();
        rule.check(snapshot(100020146794L));
        assertThat(rule.check(event(NONE, 100020146790L, 100020146780L))).isEqualTo(SKIP);
        assertThat(rule.check(event(NONE, 100020146795L, 100020146794L))).isEqualTo(APPLY);
        assertThat(rule.check(event(NONE, 100020146800L, 100020146795L))).isEqualTo(APPLY); // not contiguous
        assertThat(rule.check(event(NONE, 100020146810L, 100020146805L))).isEqualTo(GAP);
        assertThat(rule.expected()).isEqualTo(100020146800L);
    }

    @Test
    void coinbaseNeedsEveryNumber() {
        CoinbaseSequence rule = new CoinbaseSequence();
        rule.check(snapshot(50));
        assertThat(rule.check(event(NONE, 49, NONE))).isEqualTo(SKIP);
        assertThat(rule.check(event(NONE, 51, NONE))).isEqualTo(APPLY);
        assertThat(rule.check(event(NONE, 53, NONE))).isEqualTo(GAP);
        assertThat(rule.expected()).isEqualTo(52);
    }

    @Test
    void bybitSnapshotsResetAndRestartsAreGaps() {
        BybitSequence depth = BybitSequence.rising();
        depth.check(snapshot(18521288));
        assertThat(depth.check(event(NONE, 18521290, NONE))).isEqualTo(APPLY); // may skip numbers
        assertThat(depth.check(event(NONE, 18521289, NONE))).isEqualTo(SKIP);
        assertThat(depth.check(snapshot(1))).isEqualTo(APPLY); // restart snapshot
        assertThat(depth.check(event(NONE, 2, NONE))).isEqualTo(APPLY);

        BybitSequence full = BybitSequence.contiguous();
        full.check(snapshot(10));
        assertThat(full.check(event(NONE, 11, NONE))).isEqualTo(APPLY);
        assertThat(full.check(event(NONE, 13, NONE))).isEqualTo(GAP);
        full.check(snapshot(20));
        assertThat(full.check(event(NONE, 1, NONE))).isEqualTo(GAP); // u = 1 delta: restart the procedure
    }

    @Test
    void bitfinexCountsPerConnectionThroughSnapshots() {
        BitfinexSequence rule = new BitfinexSequence();
        assertThat(rule.check(7)).isEqualTo(APPLY); // first message of the connection
        assertThat(rule.check(snapshot(8))).isEqualTo(APPLY);
        assertThat(rule.check(snapshot(8))).isEqualTo(GAP); // a snapshot does not restart the count
        rule.reset();
        assertThat(rule.check(100)).isEqualTo(APPLY);
        assertThat(rule.check(101)).isEqualTo(APPLY);
        assertThat(rule.check(103)).isEqualTo(GAP);
        assertThat(rule.expected()).isEqualTo(102);
        assertThat(rule.received()).isEqualTo(103);
    }

    @Test
    void unsequencedAppliesEverything() {
        Unsequenced rule = new Unsequenced();
        assertThat(rule.check(event(NONE, NONE, NONE))).isEqualTo(APPLY);
        assertThat(rule.check(snapshot(NONE))).isEqualTo(APPLY);
    }
}
