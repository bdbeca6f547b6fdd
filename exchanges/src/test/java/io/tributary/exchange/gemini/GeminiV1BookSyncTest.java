package io.tributary.exchange.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.fastjson2.JSON;
import io.tributary.book.SymbolBook;
import io.tributary.book.SyncListener;
import io.tributary.book.SyncState;
import io.tributary.exchange.Scales;
import io.tributary.exchange.gemini.GeminiDecoder.Kind;
import io.tributary.model.GapEvent;
import io.tributary.model.GapReason;
import io.tributary.model.Side;
import io.tributary.model.event.Aggressor;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The v1 session rules on hand-written messages in Gemini's documented shapes. */
class GeminiV1BookSyncTest {

    private final List<Long> replaced = new ArrayList<>();
    private final List<GapEvent> gaps = new ArrayList<>();
    private final List<GeminiTrade> trades = new ArrayList<>();
    private final GeminiV1BookSync sync = new GeminiV1BookSync(Scales.of(2, 10), replaced::add, new SyncListener() {
        @Override
        public void onOutOfSync(SymbolBook book, GapEvent event) {
            gaps.add(event);
        }
    });

    private Kind send(long socket, String json) {
        return sync.onMessage(socket, JSON.parseObject(json), trades::add);
    }

    private static String initial(long sequence) {
        return "{\"type\":\"update\",\"eventId\":5375461993,\"timestamp\":1547759967,"
                + "\"timestampms\":1547759967559,\"socket_sequence\":" + sequence + ",\"events\":["
                + change("bid", "3626.73", "1.6", "1.6", "initial") + ","
                + change("ask", "3632.54", "0.5", "0.5", "initial") + "]}";
    }

    private static String trade(long sequence, long tid) {
        return "{\"type\":\"update\",\"eventId\":" + tid + ",\"timestamp\":1547760288,"
                + "\"timestampms\":1547760288001,\"socket_sequence\":" + sequence + ",\"events\":["
                + "{\"type\":\"trade\",\"tid\":" + tid + ",\"price\":\"3632.54\",\"amount\":\"0.1362819142\","
                + "\"makerSide\":\"ask\"}," + change("ask", "3632.54", "0.3637180858", "-0.1362819142", "trade") + "]}";
    }

    private static String change(String side, String price, String remaining, String delta, String reason) {
        return "{\"type\":\"change\",\"side\":\"" + side + "\",\"price\":\"" + price + "\",\"remaining\":\""
                + remaining + "\",\"delta\":\"" + delta + "\",\"reason\":\"" + reason + "\"}";
    }

    private static String heartbeat(long sequence) {
        return "{\"type\":\"heartbeat\",\"socket_sequence\":" + sequence + "}";
    }

    private SymbolBook btc() {
        return sync.book("BTCUSD");
    }

    @Test
    void initialChangesMakeTheBookAndLaterChangesSetRemainingSizes() {
        sync.socketOpened(1, List.of("BTCUSD"));
        assertThat(send(1, initial(0))).isEqualTo(Kind.BOOK);
        assertThat(send(1, heartbeat(1))).isEqualTo(Kind.HEARTBEAT);
        assertThat(send(1, trade(2, 5375547515L))).isEqualTo(Kind.BOOK);

        assertThat(btc().state()).isEqualTo(SyncState.LIVE);
        assertThat(btc().book().view(1).priceDecimal(Side.ASK, 0)).isEqualByComparingTo("3632.54");
        assertThat(btc().book().view(1).sizeDecimal(Side.ASK, 0)).isEqualByComparingTo("0.3637180858");
        assertThat(trades).singleElement().satisfies(t -> {
            assertThat(t.eventId()).isEqualTo(5375547515L);
            assertThat(t.taker()).isEqualTo(Aggressor.BUY); // the maker was the ask
            assertThat(t.quantity()).isEqualTo(new BigDecimal("0.1362819142"));
            assertThat(t.timestampMs()).isEqualTo(1547760288001L);
        });
        assertThat(gaps).isEmpty();
        assertThat(replaced).isEmpty();
    }

    @Test
    void aHoleInTheSequenceAbandonsTheSocketButKeepsItsTrades() {
        sync.socketOpened(1, List.of("BTCUSD"));
        send(1, initial(0));
        send(1, trade(2, 100)); // 1 never came

        assertThat(gaps).singleElement().satisfies(g -> {
            assertThat(g.expected()).isEqualTo(1);
            assertThat(g.received()).isEqualTo(2);
        });
        assertThat(replaced).containsExactly(1L);
        assertThat(btc().state()).isEqualTo(SyncState.OUT_OF_SYNC);
        send(1, trade(3, 101)); // the old socket until the new one takes over: trades only
        assertThat(trades).extracting(GeminiTrade::eventId).containsExactly(100L, 101L);
        assertThat(btc().state()).isEqualTo(SyncState.OUT_OF_SYNC);

        sync.socketOpened(2, List.of("BTCUSD"));
        send(2, initial(0));
        assertThat(btc().state()).isEqualTo(SyncState.LIVE);
        assertThat(btc().book().view(1).sizeDecimal(Side.ASK, 0)).isEqualByComparingTo("0.5");
        assertThat(gaps).hasSize(1);
        assertThat(replaced).containsExactly(1L);
    }

    @Test
    void aSocketWhoseFirstMessageIsNotZeroIsReplaced() {
        sync.socketOpened(7, List.of("BTCUSD"));
        send(7, heartbeat(3));

        assertThat(replaced).containsExactly(7L);
        assertThat(gaps).singleElement().satisfies(g -> assertThat(g.received()).isEqualTo(3));
        send(7, initial(4));
        assertThat(btc().state()).isNotEqualTo(SyncState.LIVE);
    }

    @Test
    void otherSymbolsNeverNotice() {
        sync.socketOpened(1, List.of("BTCUSD"));
        sync.socketOpened(2, List.of("ETHUSD"));
        send(1, initial(0));
        send(2, initial(0));
        send(1, heartbeat(5));
        send(2, heartbeat(1));
        send(2, trade(2, 7));

        assertThat(btc().state()).isEqualTo(SyncState.OUT_OF_SYNC);
        assertThat(sync.book("ETHUSD").state()).isEqualTo(SyncState.LIVE);
        assertThat(replaced).containsExactly(1L);
    }

    @Test
    void aLostSocketVoidsItsBookOnlyWhenNoReplacementIsLive() {
        sync.socketOpened(1, List.of("BTCUSD"));
        send(1, initial(0));
        sync.socketLost(1, true);
        assertThat(btc().state()).isEqualTo(SyncState.LIVE);

        sync.socketLost(1, false);
        assertThat(btc().state()).isEqualTo(SyncState.OUT_OF_SYNC);
        assertThat(replaced).isEmpty(); // the feed reconnects by itself
    }

    @Test
    void aNumberedUpdateThatCannotBeReadReplacesTheSocket() {
        sync.socketOpened(1, List.of("BTCUSD"));
        send(1, initial(0));
        assertThat(send(1, "{\"type\":\"update\",\"socket_sequence\":1,\"timestampms\":1,\"events\":["
                + "{\"type\":\"trade\",\"tid\":9,\"price\":\"1\",\"amount\":\"1\",\"makerSide\":\"bid\"},"
                + "{\"type\":\"change\",\"side\":\"up\",\"price\":\"1\",\"remaining\":\"1\"}]}"))
                .isEqualTo(Kind.REJECTED);

        assertThat(trades).isEmpty(); // rejected whole
        assertThat(sync.rejected()).isEqualTo(1);
        assertThat(btc().state()).isEqualTo(SyncState.OUT_OF_SYNC); // the change it held is unknown
        assertThat(gaps).singleElement().satisfies(g -> assertThat(g.reason()).isEqualTo(GapReason.VALUE_REJECTED));
        assertThat(replaced).containsExactly(1L);
    }
}
