package io.tributary.exchange.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.book.L2Book;
import io.tributary.book.SymbolBook;
import io.tributary.book.SyncState;
import io.tributary.exchange.Scales;
import io.tributary.exchange.binance.BinanceBookSync.Market;
import io.tributary.exchange.binance.BinanceDecoder.Kind;
import io.tributary.exchange.recording.RecordingEntry;
import io.tributary.exchange.testing.Lockstep;
import io.tributary.exchange.testing.Lockstep.Fault;
import io.tributary.exchange.testing.Replay;
import io.tributary.model.Side;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Binance sessions with one depth event removed, duplicated or altered (its {@code u} lowered by one): a lost or
 * altered event breaks that symbol's chain only, the symbol fetches a new snapshot (answered with the clean
 * replay's book and update id, once an event is buffered) and ends identical to the clean replay; a repeated event
 * is dropped as stale.
 */
class BinanceFaultTest {

    private static final Pattern LAST_ID = Pattern.compile("\"u\":(\\d+)");
    private static final Scales SCALES = Scales.of(8, 8);

    @ParameterizedTest(name = "{1} {2}")
    @CsvSource({
            "binance/cryptofeed-1312c06/BINANCE-b38f7c.0.gz, SPOT, REMOVE",
            "binance/cryptofeed-1312c06/BINANCE-b38f7c.0.gz, SPOT, DUPLICATE",
            "binance/cryptofeed-1312c06/BINANCE-b38f7c.0.gz, SPOT, ALTER",
            "binance/cryptofeed-1312c06/BINANCE_FUTURES-1125a2.0.gz, FUTURES, REMOVE",
            "binance/cryptofeed-1312c06/BINANCE_FUTURES-1125a2.0.gz, FUTURES, DUPLICATE",
            "binance/cryptofeed-1312c06/BINANCE_FUTURES-1125a2.0.gz, FUTURES, ALTER",
    })
    void onlyTheSymbolResyncsAndEndsCorrect(String file, Market market, Fault fault) {
        List<RecordingEntry> session = Replay.load(file);
        int target = -1;
        String symbol = null;
        BinanceBookSync probe = new BinanceBookSync(market, SCALES, (s, first) -> {
        }, null);
        int liveEvents = 0;
        for (int i = 0; i < session.size() && target < 0; i++) {
            Kind kind = feed(probe, session.get(i));
            if (kind == Kind.DEPTH_UPDATE && probe.book(probe.lastUpdate().symbol()).state() == SyncState.LIVE
                    && ++liveEvents == 1000) {
                target = i;
                symbol = probe.lastUpdate().symbol();
            }
        }
        assertThat(target).isNotNegative();

        Deque<String> requests = new ArrayDeque<>();
        BinanceBookSync clean = new BinanceBookSync(market, SCALES, (s, first) -> {
        }, null);
        BinanceBookSync faulty = new BinanceBookSync(market, SCALES, (s, first) -> {
            if (!first) {
                requests.add(s);
            }
        }, null);
        Consumer<RecordingEntry> cleanFeed = e -> feed(clean, e);
        Consumer<RecordingEntry> faultyFeed = e -> feed(faulty, e);
        // As on the wire, the REST snapshot is answered while events are already being buffered: it then covers
        // the first buffered event (its lastUpdateId is that event's u), which must bridge it.
        Lockstep.run(session, target, fault, BinanceFaultTest::lowerLastId, cleanFeed, faultyFeed, () -> {
            if (!requests.isEmpty() && faulty.book(requests.peek()).buffered() > 0) {
                L2Book book = clean.book(requests.poll()).book();
                byte[] snapshot = snapshotOf(book);
                assertThat(faulty.onSnapshot(book.symbol(), snapshot, 0, snapshot.length)).isEqualTo(Kind.SNAPSHOT);
            }
        });

        long affectedElsewhere = 0;
        for (SymbolBook book : faulty.books()) {
            Lockstep.assertSameLevels(book.book(), clean.book(book.symbol()).book());
            if (!book.symbol().equals(symbol)) {
                affectedElsewhere += book.counters().gaps() + book.counters().resyncs();
            }
        }
        SymbolBook hit = faulty.book(symbol);
        System.out.printf("binance %s %s event %d of %s: gaps %d, stale %d (clean %d), resyncs %d, other symbols "
                        + "affected %d%n", market, fault, target, symbol, hit.counters().gaps(),
                hit.counters().stale(), clean.book(symbol).counters().stale(), hit.counters().resyncs(),
                affectedElsewhere);

        assertThat(affectedElsewhere).isZero();
        assertThat(hit.state()).isEqualTo(SyncState.LIVE);
        if (fault == Fault.DUPLICATE) {
            assertThat(hit.counters().gaps()).isZero();
            assertThat(hit.counters().stale()).isEqualTo(clean.book(symbol).counters().stale() + 1);
        } else {
            assertThat(hit.counters().gaps()).isEqualTo(1);
            assertThat(hit.counters().resyncs()).isEqualTo(1);
        }
    }

    private static Kind feed(BinanceBookSync sync, RecordingEntry entry) {
        byte[] payload = entry.payload();
        if (entry.kind() == RecordingEntry.Kind.REST) {
            return sync.onSnapshot(Replay.symbolParameter(entry.url()), payload, 0, payload.length);
        }
        return sync.onMessage(payload, 0, payload.length);
    }

    private static byte[] lowerLastId(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        Matcher m = LAST_ID.matcher(text);
        assertThat(m.find()).isTrue();
        long lowered = Long.parseLong(m.group(1)) - 1;
        return (text.substring(0, m.start(1)) + lowered + text.substring(m.end(1))).getBytes(StandardCharsets.UTF_8);
    }

    /** What a REST depth request would return: the clean book at its update id. */
    private static byte[] snapshotOf(L2Book book) {
        String json = "{\"lastUpdateId\":" + book.updateId() + ",\"bids\":" + Lockstep.levelsJson(book, Side.BID, true, "")
                + ",\"asks\":" + Lockstep.levelsJson(book, Side.ASK, true, "") + "}";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
