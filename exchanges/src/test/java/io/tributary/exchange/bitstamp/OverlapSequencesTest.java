package io.tributary.exchange.bitstamp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OverlapSequencesTest {

    private static final long T = 1_641_343_691_000_001L;

    @Test
    void eventsSharingAMicrotimestampAreNumberedInArrivalOrder() {
        OverlapSequences sequences = new OverlapSequences();
        sequences.next(1, "orders:btcusd", T - 1); // the socket's first group
        assertThat(sequences.next(1, "orders:btcusd", T)).isEqualTo(T * 1000);
        assertThat(sequences.next(1, "orders:btcusd", T)).isEqualTo(T * 1000 + 1);
        assertThat(sequences.next(1, "orders:btcusd", T)).isEqualTo(T * 1000 + 2);
        assertThat(sequences.next(1, "orders:btcusd", T + 1)).isEqualTo((T + 1) * 1000);
        assertThat(sequences.next(1, "orders:ethusd", T + 1)).as("another channel").isEqualTo((T + 1) * 1000 + 999);
    }

    @Test
    void aSocketsFirstGroupMayBePartialSoItCountsAsTheGroupsLast() {
        OverlapSequences sequences = new OverlapSequences();
        sequences.next(1, "diff:btcusd", T - 1);
        long old = sequences.next(1, "diff:btcusd", T); // the old socket saw the whole group at T ...
        sequences.next(1, "diff:btcusd", T);
        long joined = sequences.next(2, "diff:btcusd", T); // ... the new one subscribed in its middle
        assertThat(joined).isGreaterThan(old).isLessThan(sequences.next(1, "diff:btcusd", T + 1));
        assertThat(sequences.next(2, "diff:btcusd", T)).isEqualTo(joined);
        // from the next microtimestamp on, both sockets number the same event alike
        assertThat(sequences.next(2, "diff:btcusd", T + 1)).isEqualTo((T + 1) * 1000);
    }

    @Test
    void aThirdSocketForgetsTheOldest() {
        OverlapSequences sequences = new OverlapSequences();
        sequences.next(1, "top:btcusd", T);
        sequences.next(1, "top:btcusd", T + 1);
        sequences.next(2, "top:btcusd", T + 1);
        sequences.next(3, "top:btcusd", T + 1);
        assertThat(sequences.next(1, "top:btcusd", T + 2)).as("socket 1 starts afresh").isEqualTo((T + 2) * 1000 + 999);
    }
}
