package io.tributary.sink.questdb;

import io.tributary.model.event.*;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpikeTest {
    @TempDir Path dir;
    @Test void spike() throws Exception {
        long t0 = System.nanoTime();
        try (EmbeddedQuestDb db = EmbeddedQuestDb.startOnFreePorts(dir.resolve("db"))) {
            System.out.println("started in ms " + (System.nanoTime() - t0) / 1e6 + " " + db.ilpConfig() + " " + db.jdbcUrl());
            QuestDbWriter w = new QuestDbWriter(db.ilpConfig());
            Trade t = new Trade("binance", "BTCUSDT", "123", new BigDecimal("65000.12000000"), new BigDecimal("0.00000001"), Aggressor.BUY, 1_700_000_000_123_000_000L, 1_700_000_000_124_567_891L);
            w.write(List.of(t, t, new BookUpdate("binance", "BTCUSDT", false, List.of(new Level(new BigDecimal("1.5"), new BigDecimal("2")))
                , List.of(), 5, 6, 1_700_000_000_123_000_000L, 1_700_000_000_124_567_891L)));
            w.write(List.of(t));
            Thread.sleep(2000);
            System.out.println(w.exec("select * from trades"));
            System.out.println(w.exec("select * from book_deltas"));
            System.out.println(w.exec("select count() from trades"));
            w.close();
        }
    }
}
