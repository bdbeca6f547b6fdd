package io.tributary.exchange.bitfinex;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.book.SyncState;
import io.tributary.exchange.Scales;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code cs} checksums against the worked example of exchange-protocols.md §12.3, one symbol at a time. */
class BitfinexBookSyncTest {

    private final List<String> resyncs = new ArrayList<>();
    private final BitfinexBookSync sync = new BitfinexBookSync(Scales.of(8, 8),
            (symbol, first) -> resyncs.add(symbol + (first ? " first" : " resync")), null);

    @Test
    void checksumMessagesAreVerifiedPerSymbol() {
        send("{\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":17082,\"symbol\":\"tBTCUSD\",\"prec\":\"P0\"}");
        send("{\"event\":\"subscribed\",\"channel\":\"book\",\"chanId\":17083,\"symbol\":\"tETHUSD\",\"prec\":\"P0\"}");
        send("[17082,[[7254.7,3,3.3],[7255.0,1,-1.2]],1]");
        send("[17083,[[7254.7,3,3.3],[7255.0,1,-1.2]],2]");

        send("[17082,\"cs\",1757964990,3]"); // the documented checksum of that book
        assertThat(sync.book("tBTCUSD").counters().checksumOk()).isEqualTo(1);

        send("[17083,\"cs\",1757964991,4]"); // off by one: only tETHUSD goes out of sync
        assertThat(sync.book("tETHUSD").state()).isEqualTo(SyncState.OUT_OF_SYNC);
        assertThat(sync.book("tETHUSD").counters().checksumFailed()).isEqualTo(1);
        assertThat(sync.book("tBTCUSD").state()).isEqualTo(SyncState.LIVE);
        assertThat(resyncs).containsExactly("tBTCUSD first", "tETHUSD first", "tETHUSD resync");

        send("[17083,[7255.0,0,-1],5]"); // dropped: the old book's update, before the new snapshot
        send("[17083,[[7254.7,3,3.3],[7255.0,1,-1.2]],6]");
        send("[17083,\"cs\",1757964990,7]");
        assertThat(sync.book("tETHUSD").state()).isEqualTo(SyncState.LIVE);
        assertThat(sync.book("tETHUSD").counters().resyncs()).isEqualTo(1);
        assertThat(sync.book("tETHUSD").counters().checksumOk()).isEqualTo(1);
        assertThat(sync.droppedWhileSyncing()).isEqualTo(1);
        assertThat(sync.sequenceGaps()).isZero();
    }

    private void send(String json) {
        byte[] message = json.getBytes(StandardCharsets.UTF_8);
        sync.onMessage(message, 0, message.length);
    }
}
