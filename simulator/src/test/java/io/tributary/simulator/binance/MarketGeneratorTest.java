package io.tributary.simulator.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MarketGeneratorTest {
    private static MarketGenerator.Builder seeded(long seed) {
        return MarketGenerator.builder().seed(seed).clock(() -> 1_700_000_000_000L);
    }

    private static List<MarketEvent> steps(MarketGenerator market, int steps) {
        List<MarketEvent> events = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            events.addAll(market.step());
        }
        return events;
    }

    @Test
    void theSameSeedGivesTheSameMarket() {
        assertThat(steps(seeded(7).build(), 200)).isEqualTo(steps(seeded(7).build(), 200));
        assertThat(steps(seeded(7).build(), 200)).isNotEqualTo(steps(seeded(8).build(), 200));
        assertThat(seeded(7).build().depthSnapshot("BTCUSDT", 10))
                .isEqualTo(seeded(7).build().depthSnapshot("btcusdt", 10));
    }

    @Test
    void depthUpdateIdsAreContiguousPerSymbolAndEventsHaveBinancesShape() {
        MarketGenerator market = seeded(1).build();
        Map<String, Long> lastU = new HashMap<>();
        for (MarketEvent event : steps(market, 500)) {
            JSONObject json = JSON.parseObject(event.json());
            String symbol = json.getString("s");
            assertThat(event.stream()).startsWith(symbol.toLowerCase() + "@");
            switch (event.stream().substring(event.stream().indexOf('@') + 1)) {
                case "depth" -> {
                    assertThat(json.getString("e")).isEqualTo("depthUpdate");
                    long first = json.getLongValue("U");
                    long last = json.getLongValue("u");
                    assertThat(last).isGreaterThanOrEqualTo(first);
                    Long previous = lastU.put(symbol, last);
                    if (previous != null) {
                        assertThat(first).as("U follows the previous u").isEqualTo(previous + 1);
                    }
                    assertThat(json.getJSONArray("b").size() + json.getJSONArray("a").size()).isEqualTo(last - first + 1);
                }
                case "trade" -> {
                    assertThat(json.getString("e")).isEqualTo("trade");
                    assertThat(json.getString("p")).matches("\\d+\\.\\d{8}");
                    assertThat(json.getLongValue("T")).isEqualTo(1_700_000_000_000L);
                }
                case "aggTrade" -> {
                    assertThat(json.getString("e")).isEqualTo("aggTrade");
                    assertThat(json.getLongValue("f")).isLessThanOrEqualTo(json.getLongValue("l"));
                    assertThat(json.getString("q")).matches("\\d+\\.\\d{8}");
                }
                case "bookTicker" -> assertThat(new BigDecimal(json.getString("b")))
                        .isLessThan(new BigDecimal(json.getString("a")));
                default -> throw new AssertionError("unexpected stream " + event.stream());
            }
        }
        assertThat(lastU).containsOnlyKeys("BTCUSDT", "ETHUSDT", "BNBBTC");
        assertThat(lastU.get("BTCUSDT")).isEqualTo(market.lastUpdateId("BTCUSDT"));
    }

    @Test
    void aSnapshotPlusTheDiffsAfterItRebuildsTheBookExactly() {
        MarketGenerator market = seeded(3).snapshotLag(0).build();
        Book book = Book.of(JSON.parseObject(market.depthSnapshot("ETHUSDT", 5000)));
        for (MarketEvent event : steps(market, 1_000)) {
            if (event.stream().equals("ethusdt@depth")) {
                book.apply(JSON.parseObject(event.json()));
                assertThat(book.bestBid()).as("never crossed").isLessThan(book.bestAsk());
            }
        }
        assertThat(book).isEqualTo(Book.of(JSON.parseObject(market.depthSnapshot("ETHUSDT", 5000))));
    }

    @Test
    void theRestSnapshotTrailsTheStreamByTheConfiguredLag() {
        MarketGenerator market = seeded(4).snapshotLag(5).build();
        List<Long> btcLastIds = new ArrayList<>();
        for (MarketEvent event : steps(market, 20)) {
            if (event.stream().equals("btcusdt@depth")) {
                btcLastIds.add(JSON.parseObject(event.json()).getLongValue("u"));
            }
        }
        long lastUpdateId = JSON.parseObject(market.depthSnapshot("BTCUSDT", 10)).getLongValue("lastUpdateId");
        assertThat(lastUpdateId).isEqualTo(btcLastIds.get(btcLastIds.size() - 1 - 5));
    }

    @Test
    void aDroppedDepthUpdateLeavesAGap() {
        MarketGenerator market = seeded(5).build();
        market.step();
        long before = market.lastUpdateId("BNBBTC");
        market.dropNextDepthUpdate("BNBBTC");
        market.step();
        JSONObject next = market.step().stream().filter(e -> e.stream().equals("bnbbtc@depth"))
                .map(e -> JSON.parseObject(e.json())).findFirst().orElseThrow();
        assertThat(next.getLongValue("U")).isGreaterThan(before + 1);
        assertThatThrownBy(() -> market.dropNextDepthUpdate("DOGEUSDT")).hasMessageContaining("not a generated symbol");
    }

    @Test
    void rejectsSymbolsThatAreNotExact() {
        assertThatThrownBy(() -> SymbolSpec.of("BTCUSDT", "65000.005", "0.01", "0.001"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SymbolSpec.of("BTCUSDT", "1.000000001", "0.00000001", "1"))
                .isInstanceOf(ArithmeticException.class);
        assertThat(SymbolSpec.of("BTCUSDT", "65000.01", "0.01", "0.001").midE8()).isEqualTo(6_500_001_000_000L);
    }

    /** A reference book for the test, in BigDecimal, built independently of the generator's own. */
    private record Book(Map<BigDecimal, BigDecimal> bids, Map<BigDecimal, BigDecimal> asks) {
        static Book of(JSONObject snapshot) {
            Book book = new Book(new HashMap<>(), new HashMap<>());
            set(book.bids, snapshot.getJSONArray("bids"));
            set(book.asks, snapshot.getJSONArray("asks"));
            return book;
        }

        void apply(JSONObject depthUpdate) {
            set(bids, depthUpdate.getJSONArray("b"));
            set(asks, depthUpdate.getJSONArray("a"));
        }

        BigDecimal bestBid() {
            return bids.keySet().stream().max(BigDecimal::compareTo).orElseThrow();
        }

        BigDecimal bestAsk() {
            return asks.keySet().stream().min(BigDecimal::compareTo).orElseThrow();
        }

        private static void set(Map<BigDecimal, BigDecimal> side, JSONArray levels) {
            for (int i = 0; i < levels.size(); i++) {
                JSONArray level = levels.getJSONArray(i);
                BigDecimal quantity = new BigDecimal(level.getString(1));
                if (quantity.signum() == 0) {
                    side.remove(new BigDecimal(level.getString(0)));
                } else {
                    side.put(new BigDecimal(level.getString(0)), quantity);
                }
            }
        }
    }
}
