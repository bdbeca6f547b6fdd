package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.book.SyncState;
import io.tributary.core.connection.Feed;
import io.tributary.exchange.MarketDataConnector;
import io.tributary.exchange.SymbolStats;
import io.tributary.exchange.bitstamp.BitstampChannel;
import io.tributary.exchange.bitstamp.BitstampConnector;
import io.tributary.sink.journal.Journal;
import io.tributary.sink.journal.JournalTap;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real HTX, Bitstamp and Gemini connectors against their twins, journaling every frame (and Bitstamp's REST
 * snapshots) into one journal, as {@code capture} and {@code demo} do; the replay of that journal must rebuild every
 * book clean, from at least the messages the live books had taken when the connectors stopped.
 */
class ReplayJournalOfTwinsTest {

    private static final Pattern ROW = Pattern.compile(" {2}(\\S+) +(\\d+) +(\\d+) +(\\d+) +(\\d+) +(\\d+) +(\\d+)"
            + " +(\\S+) +(\\S+)( FAILED)? +(.+)");

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (AutoCloseable closeable : open.reversed()) {
            closeable.close();
        }
    }

    @Test
    void aJournalOfHtxBitstampAndGeminiReplaysClean() throws Exception {
        Journal journal = Journal.builder(dir).prefix("twins").build();
        open.add(journal);
        Map<Venue, MarketDataConnector> connectors = new LinkedHashMap<>();
        for (Venue venue : List.of(Venue.HUOBI, Venue.BITSTAMP, Venue.GEMINI)) {
            List<String> symbols = venue == Venue.HUOBI ? List.of("btcusdt", "ethusdt") : List.of("btcusd", "ethusd");
            RunningTwin twin = RunningTwin.start(venue, symbols, "127.0.0.1", 0, 50, 7);
            open.add(twin);
            JournalTap tap = journal.tap(venue.id());
            Consumer<Feed.Builder> feed = settings -> settings.frameTap(tap).listener(tap);
            MarketDataConnector connector = venue == Venue.BITSTAMP
                    ? BitstampConnector.builder().symbols(twin.symbols())
                    .channels(BitstampChannel.DIFF_BOOK, BitstampChannel.TRADES).webSocketBase(twin.webSocketBase())
                    .restBase(twin.restBase()).feed(feed).snapshotTap(tap::rest).build()
                    : venue.connector(twin.symbols(), EnumSet.of(DataChannel.BOOK, DataChannel.TRADES),
                    twin.webSocketBase(), twin.restBase(), feed);
            open.add(connector);
            connectors.put(venue, connector);
            connector.start();
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> connectors.values().forEach(connector -> {
            assertThat(connector.symbolStats().values()).as(connector.exchange())
                    .filteredOn(stats -> stats.state() == SyncState.LIVE && stats.applied() >= 30).hasSize(2);
        }));
        Map<String, Map<String, SymbolStats>> live = new LinkedHashMap<>();
        for (MarketDataConnector connector : connectors.values()) {
            connector.close();
            live.put(connector.exchange(), connector.symbolStats());
        }
        journal.close();
        assertThat(journal.stats().lost()).isZero();

        Cli cli = new Cli();
        int exit = cli.run("replay", dir.toString());

        assertThat(exit).as(cli.out()).isZero();
        assertThat(cli.out()).contains("journal huobi: huobi", "journal bitstamp: bitstamp", "journal gemini: gemini",
                "replayed 3 session(s): all clean");
        Map<String, Map<String, Matcher>> rows = rowsBySession(cli.out());
        live.forEach((exchange, stats) -> {
            assertThat(rows.get(exchange).keySet()).as(exchange).isEqualTo(stats.keySet());
            stats.forEach((symbol, liveStats) -> {
                Matcher row = rows.get(exchange).get(symbol);
                assertThat(Long.parseLong(row.group(2))).as(exchange + " " + symbol + " messages")
                        .isGreaterThanOrEqualTo(liveStats.bookMessages()).isPositive();
                assertThat(row.group(4)).as("gaps").isEqualTo("0");
                assertThat(row.group(9)).isEqualTo("LIVE");
                assertThat(row.group(10)).isNull();
            });
        });
        assertThat(rows.get("bitstamp").values()).allSatisfy(row ->
                assertThat(row.group(11)).containsPattern("diffs after snapshot [1-9]"));
    }

    private static Map<String, Map<String, Matcher>> rowsBySession(String out) {
        Map<String, Map<String, Matcher>> rows = new LinkedHashMap<>();
        Map<String, Matcher> current = null;
        for (String line : out.lines().toList()) {
            if (line.startsWith("journal ")) {
                current = new LinkedHashMap<>();
                rows.put(line.substring("journal ".length(), line.indexOf(':')), current);
            }
            Matcher row = ROW.matcher(line);
            if (current != null && row.matches()) {
                current.put(row.group(1), row);
            }
        }
        return rows;
    }
}
