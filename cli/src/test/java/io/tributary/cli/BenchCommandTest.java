package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import io.tributary.exchange.MarketDataConnector;
import io.tributary.exchange.bitstamp.BitstampConnector;
import io.tributary.model.Side;
import io.tributary.model.event.MarketEvent;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The live-path benchmarks, small: every update reaches the consumer and the books agree. No speed is asserted. */
class BenchCommandTest {

    @Test
    void aSmallFloodComesThroughWholeAndTheConnectorsBookEqualsTheTwins() {
        Cli cli = new Cli();

        int exit = cli.run("bench", "binance", "--updates", "3000", "--levels", "10", "--warmup", "500");

        assertThat(exit).as(cli.out() + cli.err()).isZero();
        JSONObject result = JSON.parseObject(cli.out().strip());
        assertThat(result.getLongValue("delivered")).isEqualTo(3000);
        assertThat(result.getBooleanValue("bookMatches")).isTrue();
        assertThat(result.getLongValue("queueOverflows")).isZero();
        assertThat(result.getJSONObject("latencyUs").getDoubleValue("p50")).isPositive();
    }

    @Test
    void aPacedFloodToo() {
        Cli cli = new Cli();

        int exit = cli.run("bench", "binance", "--updates", "500", "--levels", "3", "--rate", "2000", "--warmup", "0");

        assertThat(exit).as(cli.out() + cli.err()).isZero();
        assertThat(JSON.parseObject(cli.out().strip()).getLongValue("delivered")).isEqualTo(500);
    }

    @Test
    void htxGzipIncrementsComeThroughWholeAndTheBookEqualsTheTwins() {
        Cli cli = new Cli();

        int exit = cli.run("bench", "huobi", "--updates", "3000", "--levels", "5", "--warmup", "500");

        assertThat(exit).as(cli.out() + cli.err()).isZero();
        JSONObject result = JSON.parseObject(cli.out().strip());
        assertThat(result.getString("benchmark")).isEqualTo("huobi-live");
        assertThat(result.getLongValue("delivered")).isEqualTo(3000);
        assertThat(result.getBooleanValue("bookMatches")).isTrue();
        assertThat(result.getLongValue("gaps")).isZero();
        assertThat(result.getLongValue("gzipBytesPerFrame")).isPositive();
    }

    @Test
    void bitstampOrderEventsComeThroughWholeAndTheOrderBookEqualsTheTwinsDetailOrderBook() {
        Cli cli = new Cli();

        int exit = cli.run("bench", "bitstamp", "--updates", "3000", "--rate", "5000", "--warmup", "500");

        assertThat(exit).as(cli.out() + cli.err()).isZero();
        JSONObject result = JSON.parseObject(cli.out().strip());
        assertThat(result.getLongValue("delivered")).isEqualTo(3000);
        assertThat(result.getBooleanValue("bookMatches")).isTrue();
        assertThat(result.getLongValue("orderBookOrders")).isPositive();
    }

    @Test
    void aBrokenOrderBookFailsTheRun() throws Exception {
        try (BitstampBenchFeed feed = new BitstampBenchFeed(BenchCommand.BOOK_QUEUE)) {
            BenchFeed breaking = new BreakingFeed(feed, () -> {
                // the connector loses one order after the flood: its book no longer equals the twin's
                var book = ((BitstampConnector) feed.connector()).orderBook("btcusd").orElseThrow();
                long[] ids = new long[book.orderCount(Side.ASK, 0)];
                book.orders(Side.ASK, 0, ids, new long[ids.length]);
                book.delete(ids[0]);
            });

            LivePathBench.Result result = new LivePathBench(2000, 0, 0, 1000, false).run(breaking);

            assertThat(result.healthy()).isFalse();
            assertThat(result.figures()).containsEntry("bookMatches", false).containsEntry("delivered", 2000L);
            assertThat((String) result.figures().get("bookDifference")).contains("not in the connector's book");
        }
    }

    @Test
    void theStoreTakesEveryEventOfTheLiveFeed() {
        Cli cli = new Cli();

        int exit = cli.run("bench", "binance", "--updates", "2000", "--levels", "4", "--warmup", "200", "--store");

        assertThat(exit).as(cli.out() + cli.err()).isZero();
        String line = cli.out().lines().filter(l -> l.startsWith("{\"benchmark\"")).findFirst().orElseThrow();
        JSONObject store = JSON.parseObject(line).getJSONObject("store");
        assertThat(store.getBooleanValue("complete")).isTrue();
        assertThat(store.getLongValue("events")).isGreaterThanOrEqualTo(2000);
        assertThat(store.getLongValue("rows")).isGreaterThanOrEqualTo(2000 * 4);
        assertThat(store.getLongValue("lost")).isZero();
    }

    @Test
    void badValuesAreOneLineAndExitTwo() {
        for (String[] args : new String[][] {
                {"bench", "binance", "--levels", "0"},
                {"bench", "huobi", "--levels", "51"},
                {"bench", "bitstamp", "--updates", "0"},
                {"bench", "huobi", "--rate", "-1"},
                {"bench", "bitstamp", "--warmup", "-5"}}) {
            Cli cli = new Cli();

            assertThat(cli.run(args)).as(String.join(" ", args)).isEqualTo(Main.USAGE_ERROR);
            assertThat(cli.err()).contains(args[2]).hasLineCount(1);
        }
    }

    /** A feed whose connector's book is broken on purpose right before the final check. */
    private record BreakingFeed(BenchFeed feed, Runnable breakBook) implements BenchFeed {
        @Override
        public String name() {
            return feed.name();
        }

        @Override
        public MarketDataConnector connector() {
            return feed.connector();
        }

        @Override
        public long floodKey(MarketEvent event) {
            return feed.floodKey(event);
        }

        @Override
        public void bringLive(Duration timeout) throws InterruptedException {
            feed.bringLive(timeout);
        }

        @Override
        public Flood prepare(int updates) {
            return feed.prepare(updates);
        }

        @Override
        public String compareBooks() {
            breakBook.run();
            return feed.compareBooks();
        }

        @Override
        public Map<String, Long> faults() {
            return feed.faults();
        }

        @Override
        public Map<String, Object> details() {
            return feed.details();
        }

        @Override
        public void close() {
            feed.close();
        }
    }
}
