package io.tributary.exchange.gemini;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.fastjson2.JSON;
import io.tributary.book.SymbolBook;
import io.tributary.book.SymbolCounters;
import io.tributary.book.SyncState;
import io.tributary.exchange.Scales;
import io.tributary.exchange.gemini.GeminiDecoder.Kind;
import io.tributary.exchange.recording.RecordingEntry;
import io.tributary.exchange.testing.Replay;
import io.tributary.model.Side;
import io.tributary.model.event.Aggressor;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Replays the three Gemini v2 recordings through the decoder and the books. Expected counts come from INDEX.md
 * (l2_updates) and from counting {@code "type":"trade"} in the files (standalone trades plus 50 per first book).
 */
class GeminiReplayTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "gemini/cryptofeed-1312c06/GEMINI-e6096f.0.gz, 1758, 522",
            "gemini/cryptofeed-5011782/GEMINI.ws.36.0.gz, 935, 551",
            "gemini/cryptofeed-master/GEMINI.ws.1.0, 655, 516",
    })
    void booksNeverCrossAndTradesAreParsed(String file, long l2Updates, long tradeCount) {
        List<RecordingEntry> session = Replay.load(file);
        List<String> resyncRequests = new ArrayList<>();
        GeminiBookSync sync = new GeminiBookSync(Scales.of(10, 10), (symbol, first) -> resyncRequests.add(symbol),
                null);
        List<GeminiTrade> trades = new ArrayList<>();
        Map<Kind, Long> kinds = new EnumMap<>(Kind.class);
        long fullBooks = 0;
        for (RecordingEntry entry : session) {
            Kind kind = sync.onMessage(JSON.parseObject(entry.payload()), trades::add);
            kinds.merge(kind, 1L, Long::sum);
            if (kind == Kind.BOOK && sync.lastUpdate().isSnapshot()) {
                fullBooks++;
            }
        }
        long crossed = 0;
        long applied = 0;
        for (SymbolBook book : sync.books()) {
            SymbolCounters c = book.counters();
            crossed += c.crossed();
            applied += c.applied();
            assertThat(book.state()).as(book.symbol()).isEqualTo(SyncState.LIVE);
            assertThat(book.book().depth(Side.BID)).as(book.symbol()).isPositive();
            assertThat(book.book().depth(Side.ASK)).as(book.symbol()).isPositive();
            assertThat(book.book().isCrossed()).as(book.symbol()).isFalse();
        }
        Map<String, Long> lastId = new HashMap<>();
        long outOfOrder = 0;
        for (GeminiTrade trade : trades) {
            Long before = lastId.put(trade.symbol(), trade.eventId());
            if (before != null && trade.eventId() <= before) {
                outOfOrder++;
            }
        }
        long takers = trades.stream().filter(t -> t.taker() != Aggressor.UNKNOWN).count();
        System.out.printf("gemini %s: %d messages %s, %d full books, %d book messages applied, crossed %d, "
                + "trades %d (taker known %d, event ids out of order %d)%n", file, session.size(), kinds, fullBooks,
                applied, crossed, trades.size(), takers, outOfOrder);

        assertThat(kinds.get(Kind.BOOK)).isEqualTo(l2Updates);
        assertThat(fullBooks).isEqualTo(10);
        assertThat(sync.books()).hasSize(10);
        assertThat(applied).isEqualTo(l2Updates);
        assertThat(crossed).isZero();
        assertThat(sync.crossedResyncs()).isZero();
        assertThat(resyncRequests).isEmpty();
        assertThat(sync.rejected()).isZero();
        assertThat(kinds).doesNotContainKey(Kind.REJECTED);
        assertThat(trades).hasSize((int) tradeCount);
        assertThat(takers).isEqualTo(tradeCount);
        assertThat(outOfOrder).isZero();
    }
}
