package io.tributary.exchange.okx;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.book.L2Book;
import io.tributary.book.L2Update;
import io.tributary.book.SymbolBook;
import io.tributary.exchange.okx.OkxBookDecoder.Kind;
import io.tributary.exchange.recording.RecordingEntry;
import io.tributary.exchange.testing.Lockstep;
import io.tributary.exchange.testing.Lockstep.Fault;
import io.tributary.exchange.testing.Replay;
import io.tributary.model.Side;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An OKX recording with one book update removed, duplicated or altered: a lost or altered update fails that
 * instrument's checksum only; it resubscribes (answered with a snapshot of the clean replay's book) and ends
 * identical to the clean replay. A repeated update is harmless (sizes are absolute).
 */
class OkxFaultTest {

    private static final Pattern FIRST_SIZE = Pattern.compile("\\[\"[0-9.]+\",\"([0-9.]+)\"");

    private static List<RecordingEntry> session;
    private static int target;
    private static String instrument;

    @BeforeAll
    static void pickTarget() {
        session = Replay.load("okx/cryptofeed-9a4a9b9/OKEX.ws.1.0.gz");
        // the 100th update that changed its instrument's top 25 (checksum differs from the previous one)
        OkxBookSync probe = new OkxBookSync(OkxReplayTest.SCALES, true, (i, first) -> {
        }, null);
        Map<String, Long> lastChecksum = new HashMap<>();
        int changes = 0;
        for (int i = 0; i < session.size(); i++) {
            byte[] payload = session.get(i).payload();
            if (probe.onMessage(payload, 0, payload.length) != Kind.BOOK) {
                continue;
            }
            L2Update update = probe.lastUpdate();
            Long previous = lastChecksum.put(update.symbol(), update.checksum());
            if (!update.isSnapshot() && previous != null && previous != update.checksum()
                    && FIRST_SIZE.matcher(new String(payload, StandardCharsets.UTF_8)).find() && ++changes == 100) {
                target = i;
                instrument = update.symbol();
                return;
            }
        }
        throw new IllegalStateException("no target");
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void onlyTheInstrumentResyncsAndEndsCorrect(Fault fault) {
        Deque<String> requests = new ArrayDeque<>();
        OkxBookSync clean = new OkxBookSync(OkxReplayTest.SCALES, true, (i, first) -> {
        }, null);
        OkxBookSync faulty = new OkxBookSync(OkxReplayTest.SCALES, true, (i, first) -> {
            if (!first) {
                requests.add(i);
            }
        }, null);

        Lockstep.run(session, target, fault, OkxFaultTest::alterFirstSize,
                e -> clean.onMessage(e.payload(), 0, e.payload().length),
                e -> faulty.onMessage(e.payload(), 0, e.payload().length),
                () -> {
                    while (!requests.isEmpty()) {
                        byte[] snapshot = snapshotOf(clean.book(requests.poll()).book());
                        assertThat(faulty.onMessage(snapshot, 0, snapshot.length)).isEqualTo(Kind.BOOK);
                    }
                });

        long affectedElsewhere = 0;
        for (SymbolBook book : faulty.books()) {
            Lockstep.assertSameLevels(book.book(), clean.book(book.symbol()).book());
            if (!book.symbol().equals(instrument)) {
                affectedElsewhere += book.counters().checksumFailed() + book.counters().resyncs();
            }
        }
        SymbolBook hit = faulty.book(instrument);
        System.out.printf("okx %s message %d of %s: checksum failures %d, resyncs %d, other instruments "
                        + "affected %d%n", fault, target, instrument, hit.counters().checksumFailed(),
                hit.counters().resyncs(), affectedElsewhere);

        assertThat(affectedElsewhere).isZero();
        long expectedFailures = fault == Fault.DUPLICATE ? 0 : 1;
        assertThat(hit.counters().checksumFailed()).isEqualTo(expectedFailures);
        assertThat(hit.counters().resyncs()).isEqualTo(expectedFailures);
    }

    /** Changes the last digit of the first level's size. */
    private static byte[] alterFirstSize(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        Matcher m = FIRST_SIZE.matcher(text);
        assertThat(m.find()).isTrue();
        int last = m.end(1) - 1;
        char digit = text.charAt(last);
        char changed = digit == '9' ? '8' : (char) (digit + 1);
        return (text.substring(0, last) + changed + text.substring(last + 1)).getBytes(StandardCharsets.UTF_8);
    }

    /** What OKX would send on resubscribing: the clean book as a snapshot. */
    private static byte[] snapshotOf(L2Book book) {
        String json = "{\"arg\":{\"channel\":\"books-l2-tbt\",\"instId\":\"" + book.symbol()
                + "\"},\"action\":\"snapshot\",\"data\":[{\"asks\":"
                + Lockstep.levelsJson(book, Side.ASK, true, ",\"0\",\"1\"")
                + ",\"bids\":" + Lockstep.levelsJson(book, Side.BID, true, ",\"0\",\"1\"") + ",\"ts\":\"0\"}]}";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
