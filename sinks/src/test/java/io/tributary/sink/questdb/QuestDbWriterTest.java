package io.tributary.sink.questdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.model.GapEvent;
import io.tributary.model.GapReason;
import io.tributary.model.Side;
import io.tributary.model.event.Aggressor;
import io.tributary.model.event.BestBidAsk;
import io.tributary.model.event.BookGap;
import io.tributary.model.event.BookSnapshot;
import io.tributary.model.event.BookUpdate;
import io.tributary.model.event.ConnectionEvent;
import io.tributary.model.event.Level;
import io.tributary.model.event.MarketEvent;
import io.tributary.model.event.OrderEvent;
import io.tributary.model.event.Trade;
import io.tributary.sink.StoreProbe;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuestDbWriterTest {

    @TempDir
    static Path dir;
    static EmbeddedQuestDb db;
    static StoreProbe probe;

    @BeforeAll
    static void startStore() {
        db = EmbeddedQuestDb.startOnFreePorts(dir.resolve("questdb"));
        probe = new StoreProbe(db.ilpConfig());
    }

    @AfterAll
    static void stopStore() {
        probe.close();
        db.close();
    }

    private static BigDecimal d(String text) {
        return new BigDecimal(text);
    }

    @Test
    void everyKindOfEventLandsInItsTableWithExactDecimalsAndNanosecondTimes() throws Exception {
        long t = 1_700_000_000_123_000_000L;
        List<MarketEvent> events = List.of(
                new Trade("x", "RT", "t-1", d("65000.12"), d("0.00000001"), Aggressor.SELL, t, t + 1_234_567),
                new BookUpdate("x", "RT", false, List.of(new Level(d("100.5"), d("2")), new Level(d("100.4"), d("0"))),
                        List.of(new Level(d("100.6"), d("1.25"))), 10, 12, t, t + 2),
                new BookSnapshot("x", "RT", List.of(new Level(d("100.5"), d("2"))), List.of(), 12, t, t + 3),
                new BestBidAsk("x", "RT", d("100.5"), d("2"), null, null, 12, MarketEvent.NO_TIME, t + 4),
                new OrderEvent("x", "RT", OrderEvent.OrderAction.ADD, "o-1", Side.BID, d("100.5"), d("2"), t, t + 5),
                new BookGap(new GapEvent("x", "RT", 13, 15, GapReason.SEQUENCE_GAP), t, t + 6),
                new ConnectionEvent("x", 4, ConnectionEvent.State.CONNECTED, "ws://127.0.0.1:1/ws", "", t, t + 7));
        try (QuestDbWriter writer = new QuestDbWriter(db.ilpConfig())) {
            writer.write(events);
            writer.write(events); // a retried batch: DEDUP keys keep one copy
            assertThat(writer.rows()).isEqualTo(2 * 9);
        }
        await().atMost(Duration.ofSeconds(30)).until(() ->
                probe.count("select count() from trades where symbol = 'RT'") == 1
                        && probe.count("select count() from book_deltas where symbol = 'RT'") == 3
                        && probe.count("select count() from book_snapshots where symbol = 'RT'") == 1
                        && probe.count("select count() from bbo where symbol = 'RT'") == 1
                        && probe.count("select count() from l3_orders where symbol = 'RT'") == 1
                        && probe.count("select count() from gaps where symbol = 'RT'") == 1
                        && probe.count("select count() from connections where exchange = 'x'") == 1);

        List<String> trade = probe.rows("select price, size, trade_id, aggressor, cast(exchange_ts as long), "
                + "cast(received_ts as long) from trades where symbol = 'RT'").getFirst();
        assertThat(d(trade.get(0))).isEqualByComparingTo("65000.12");
        assertThat(d(trade.get(1))).isEqualByComparingTo("0.00000001");
        assertThat(trade.subList(2, 6)).containsExactly("t-1", "SELL", Long.toString(t), Long.toString(t + 1_234_567));

        List<String> bbo = probe.rows("select cast(ts as long), exchange_ts, ask_price, bid_size from bbo "
                + "where symbol = 'RT'").getFirst();
        assertThat(bbo.get(0)).as("no exchange time: rows are placed at receive time").isEqualTo(Long.toString(t + 4));
        assertThat(bbo.get(1)).isNull();
        assertThat(bbo.get(2)).isNull();
        assertThat(d(bbo.get(3))).isEqualByComparingTo("2");
    }

    @Test
    void aDecimalThatDoesNotFitIsRejectedAndCountedNotRounded() throws Exception {
        long t = 1_700_000_100_000_000_000L;
        try (QuestDbWriter writer = new QuestDbWriter(db.ilpConfig())) {
            writer.write(List.of(
                    new Trade("x", "REJ", "1", d("1.0000000000000000001"), d("1"), Aggressor.BUY, t, t),
                    new Trade("x", "REJ", "2", d("1.5"), d("1"), Aggressor.BUY, t, t)));
            assertThat(writer.rejected()).isEqualTo(1);
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> probe.count("select count() from trades where symbol = 'REJ'") == 1);
        assertThat(probe.rows("select trade_id from trades where symbol = 'REJ'")).containsExactly(List.of("2"));
    }

    @Test
    void anUpdateWithoutExchangeIdsIsStoredWithMinusOneNotRejected() throws Exception {
        long t = 1_700_000_200_000_000_000L;
        try (QuestDbWriter writer = new QuestDbWriter(db.ilpConfig())) {
            writer.write(List.of(new BookUpdate("x", "NOID", false, List.of(new Level(d("1.5"), d("2"))), List.of(),
                    Long.MIN_VALUE, Long.MIN_VALUE, t, t + 1)));
        }
        await().atMost(Duration.ofSeconds(30))
                .until(() -> probe.count("select count() from book_deltas where symbol = 'NOID'") == 1);
        assertThat(probe.rows("select first_update_id, last_update_id from book_deltas where symbol = 'NOID'"))
                .containsExactly(List.of("-1", "-1"));
    }
}
