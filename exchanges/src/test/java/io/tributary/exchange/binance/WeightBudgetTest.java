package io.tributary.exchange.binance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WeightBudgetTest {

    private static final long SECOND_NS = 1_000_000_000L;

    @Test
    void aRequestWaitsUntilEnoughOfTheMinutesSpendingHasExpired() {
        WeightBudget budget = new WeightBudget(6000);
        // 120 snapshots of limit 1000 (weight 50) fill the minute, spent one per half second
        for (int i = 0; i < 120; i++) {
            long nowNs = i * SECOND_NS / 2;
            assertThat(budget.delayNanos(50, nowNs)).isZero();
            budget.spend(50, nowNs);
        }
        long nowNs = 60 * SECOND_NS - 1;
        // the 121st waits for the first spending (at 0) to leave the window
        assertThat(budget.delayNanos(50, nowNs)).isEqualTo(1);
        // a 250-weight snapshot needs the five oldest gone: the fifth was spent at 2 s
        assertThat(budget.delayNanos(250, nowNs)).isEqualTo(2 * SECOND_NS + 1);
        assertThat(budget.delayNanos(50, 60 * SECOND_NS)).isZero();
    }

    @Test
    void twoHundredSymbolsResyncingAtOnceArePacedNotRejected() {
        WeightBudget budget = new WeightBudget(6000);
        long nowNs = 0;
        int sentInFirstMinute = 0;
        for (int symbol = 0; symbol < 200; symbol++) {
            nowNs += budget.delayNanos(50, nowNs);
            budget.spend(50, nowNs);
            if (nowNs < 60 * SECOND_NS) {
                sentInFirstMinute++;
            }
        }
        assertThat(sentInFirstMinute).isEqualTo(120); // 6000 / 50
        assertThat(nowNs).isEqualTo(60 * SECOND_NS); // the other 80 go as the first minute's weight expires
    }
}
