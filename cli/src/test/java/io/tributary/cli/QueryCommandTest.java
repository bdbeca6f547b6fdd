package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.model.event.Aggressor;
import io.tributary.model.event.MarketEvent;
import io.tributary.model.event.Trade;
import io.tributary.server.ApiServer;
import io.tributary.server.StoreQueries;
import io.tributary.sink.questdb.EmbeddedQuestDb;
import io.tributary.sink.questdb.QuestDbWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class QueryCommandTest {

    private static final long T0 = 1_763_700_000_000_000_000L;

    @TempDir
    static Path dir;
    static EmbeddedQuestDb db;
    static StoreQueries queries;
    static ApiServer api;

    @BeforeAll
    static void start() throws Exception {
        db = EmbeddedQuestDb.startOnFreePorts(dir.resolve("questdb"));
        List<MarketEvent> trades = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            trades.add(new Trade("sim", "CLI", "t" + i, new BigDecimal("65000.5" + i), new BigDecimal("0.001"),
                    Aggressor.BUY, T0 + i, T0 + i + 1));
        }
        try (QuestDbWriter writer = new QuestDbWriter(db.ilpConfig())) {
            writer.write(trades);
        }
        queries = new StoreQueries(db.jdbcUrl(), "admin", "quest");
        api = new ApiServer(queries, "127.0.0.1", 0, null).start();
        await().atMost(Duration.ofSeconds(60)).until(() -> queries.trades("sim", "CLI", T0, T0 + 10, 10, 0).rows().size() == 3);
    }

    @AfterAll
    static void stop() {
        api.close();
        queries.close();
        db.close();
    }

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        CommandLine commandLine = Main.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int status = commandLine.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void tradesPrintAsATableAndAsCsv() {
        String api = "http://127.0.0.1:" + QueryCommandTest.api.port();
        Run table = run("query", "trades", "--api", api, "--exchange", "sim", "--symbol", "CLI", "--from",
                Long.toString(T0), "--to", Long.toString(T0 + 10));
        assertThat(table.status()).as(table.err()).isZero();
        List<String> lines = table.out().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).contains("tradeId").contains("price");
        assertThat(lines.get(1)).contains("t0").contains("65000.5");
        assertThat(lines.get(3)).contains("t2").contains("65000.52");

        Run csv = run("query", "trades", "--api", api, "--exchange", "sim", "--symbol", "CLI", "--from",
                Long.toString(T0), "--to", Long.toString(T0 + 10), "--format", "csv", "--limit", "2");
        assertThat(csv.out().lines().toList()).hasSize(3).element(1).asString().startsWith(T0 + ",t0,65000.5,0.001,BUY");
    }

    @Test
    void aBadParameterIsOneLineNamingTheOption() {
        Run bad = run("query", "trades", "--api", "http://127.0.0.1:" + api.port(), "--exchange", "sim", "--symbol",
                "CLI", "--limit", "0");
        assertThat(bad.status()).isEqualTo(Main.USAGE_ERROR);
        assertThat(bad.err().strip()).startsWith("tributary: limit must be").endsWith("(--limit)");
    }
}
