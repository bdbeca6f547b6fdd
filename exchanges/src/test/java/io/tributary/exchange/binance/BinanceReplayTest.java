package io.tributary.exchange.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.book.L2Book;
import io.tributary.book.L2Update;
import io.tributary.exchange.Scales;
import io.tributary.book.SymbolBook;
import io.tributary.book.SymbolCounters;
import io.tributary.book.SyncState;
import io.tributary.exchange.binance.BinanceBookSync.Market;
import io.tributary.exchange.binance.BinanceDecoder.Kind;
import io.tributary.exchange.recording.RecordingEntry;
import io.tributary.exchange.testing.Replay;
import io.tributary.model.Side;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Replays every recorded Binance session through the decoder and {@link BinanceBookSync}: each symbol's REST
 * snapshot must bridge its buffered diff events, the {@code U}/{@code u} (spot) or {@code pu} (futures) chain must
 * never break, the book must never cross, and a bookTicker whose {@code u} equals a depth event's {@code u} must
 * show the rebuilt best bid/ask.
 */
class BinanceReplayTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            binance/cryptofeed-1312c06/BINANCE-b38f7c.0.gz                                       | SPOT    |            | 10
            binance/cryptofeed-1312c06/BINANCE_FUTURES-1125a2.0.gz                               | FUTURES |            | 5
            binance/cryptofeed-1312c06/BINANCE_US-63b290.0.gz                                    | SPOT    |            | 10
            binance/cryptofeed-2997020/BINANCE-ee25be.0.gz                                       | SPOT    |            | 3
            binance/cryptofeed-master/BINANCE.ws.1.0 binance/cryptofeed-master/BINANCE.http.0.0  | SPOT    |            | 4
            binance/cryptofeed-master/BINANCE_DELIVERY.ws.1.0.gz binance/cryptofeed-master/BINANCE_DELIVERY.http.0.0 | FUTURES | | 10
            binance/cryptofeed-master/BINANCE_FUTURES.ws.1.0.gz binance/cryptofeed-master/BINANCE_FUTURES.http.0.0 | FUTURES | | 4
            binance/hftbacktest/cm/btcusd_perp_20240808.gz binance/hftbacktest/cm/btcusd_perp_20240809.gz | FUTURES | BTCUSD_PERP | 1
            binance/hftbacktest/cm/ethusd_perp_20240808.gz binance/hftbacktest/cm/ethusd_perp_20240809.gz | FUTURES | ETHUSD_PERP | 1
            binance/hftbacktest/spot/btcusdt_20240808.gz binance/hftbacktest/spot/btcusdt_20240809.gz     | SPOT    | BTCUSDT     | 1
            binance/hftbacktest/spot/ethusdt_20240808.gz binance/hftbacktest/spot/ethusdt_20240809.gz     | SPOT    | ETHUSDT     | 1
            binance/hftbacktest/usdm/btcusdt_20230404.dat.gz binance/hftbacktest/usdm/btcusdt_20230405.dat.gz | FUTURES | BTCUSDT | 1
            binance/hftbacktest/usdm/btcusdt_20240718.gz binance/hftbacktest/usdm/btcusdt_20240719.gz     | FUTURES | BTCUSDT     | 1
            binance/hftbacktest/usdm/btcusdt_20240808.gz                                                  | FUTURES | BTCUSDT     | 1
            binance/hftbacktest/usdm/ethusdt_20240718.gz binance/hftbacktest/usdm/ethusdt_20240719.gz     | FUTURES | ETHUSDT     | 1
            binance/hftbacktest/usdm/ethusdt_20240808.gz                                                  | FUTURES | ETHUSDT     | 1
            """)
    void sessionStaysInSync(String files, Market market, String inlineSnapshotSymbol, int symbols) {
        List<RecordingEntry> session = Replay.load(files.trim().split("\\s+"));
        List<String> snapshotRequests = new ArrayList<>();
        BinanceBookSync sync = new BinanceBookSync(market, Scales.of(8, 8),
                (symbol, first) -> snapshotRequests.add(symbol + (first ? "" : " (resync)")), null);
        Map<String, long[]> bboByUpdateId = new HashMap<>();
        List<Object[]> tickers = new ArrayList<>();
        long depthEvents = 0;
        long snapshots = 0;
        for (RecordingEntry entry : session) {
            byte[] payload = entry.payload();
            if (entry.kind() == RecordingEntry.Kind.REST) {
                String symbol = entry.url() != null ? Replay.symbolParameter(entry.url()) : inlineSnapshotSymbol;
                assertThat(sync.onSnapshot(symbol, payload, 0, payload.length)).isEqualTo(Kind.SNAPSHOT);
                snapshots++;
                continue;
            }
            Kind kind = sync.onMessage(payload, 0, payload.length);
            if (kind == Kind.DEPTH_UPDATE) {
                depthEvents++;
                L2Update update = sync.lastUpdate();
                SymbolBook book = sync.book(update.symbol());
                if (book.state() == SyncState.LIVE && book.book().updateId() == update.lastUpdateId()) {
                    bboByUpdateId.put(update.symbol() + "@" + update.lastUpdateId(), bbo(book.book()));
                }
            } else if (kind == Kind.BOOK_TICKER) {
                BookTicker t = sync.ticker();
                tickers.add(new Object[] {t.symbol() + "@" + t.updateId(),
                        new long[] {t.bidPrice(), t.bidSize(), t.askPrice(), t.askSize()}});
            }
        }

        long applied = 0;
        long stale = 0;
        long gaps = 0;
        long crossed = 0;
        long resyncs = 0;
        long rejected = 0;
        for (SymbolBook book : sync.books()) {
            SymbolCounters c = book.counters();
            applied += c.applied();
            stale += c.stale();
            gaps += c.gaps();
            crossed += c.crossed();
            resyncs += c.resyncs();
            rejected += c.rejected();
            assertThat(book.state()).as(book.symbol()).isEqualTo(SyncState.LIVE);
            assertThat(book.book().depth(Side.BID)).as(book.symbol()).isPositive();
            assertThat(book.book().depth(Side.ASK)).as(book.symbol()).isPositive();
        }
        int compared = 0;
        int matched = 0;
        for (Object[] ticker : tickers) {
            long[] rebuilt = bboByUpdateId.get((String) ticker[0]);
            if (rebuilt != null) {
                compared++;
                if (java.util.Arrays.equals(rebuilt, (long[]) ticker[1])) {
                    matched++;
                }
            }
        }
        System.out.printf("binance %s: %d messages, %d depth events, %d snapshots, %d applied, %d stale, "
                        + "%d gaps, %d crossed, %d resyncs, bookTicker u==depth u: %d/%d equal%n",
                files.trim(), session.size(), depthEvents, snapshots, applied, stale, gaps, crossed, resyncs,
                matched, compared);

        assertThat(sync.books()).hasSize(symbols);
        assertThat(snapshotRequests).hasSize(symbols).noneMatch(r -> r.endsWith("(resync)"));
        assertThat(sync.rejected()).isZero();
        assertThat(rejected).isZero();
        assertThat(gaps).isZero();
        assertThat(resyncs).isZero();
        assertThat(crossed).isZero();
        // every depth event was either applied behind its snapshot or covered by it
        assertThat(applied + stale).isEqualTo(depthEvents + snapshots);
        assertThat(matched).isEqualTo(compared);
        if (market == Market.FUTURES && inlineSnapshotSymbol != null && inlineSnapshotSymbol.endsWith("USDT")) {
            assertThat(compared).as("USD-M bookTickers matched to a depth event").isPositive();
        }
    }

    private static long[] bbo(L2Book book) {
        return new long[] {book.bestBid(), book.size(Side.BID, 0), book.bestAsk(), book.size(Side.ASK, 0)};
    }
}
