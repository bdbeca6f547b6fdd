package io.tributary.exchange.kraken;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.book.L2Book;
import io.tributary.book.L2Update;
import io.tributary.book.SymbolBook;
import io.tributary.exchange.kraken.KrakenBookDecoder.Kind;
import io.tributary.exchange.recording.RecordingEntry;
import io.tributary.exchange.testing.Lockstep;
import io.tributary.exchange.testing.Lockstep.Fault;
import io.tributary.exchange.testing.Replay;
import io.tributary.model.Side;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Kraken recording with one book update removed, duplicated or altered: a lost or altered update fails the
 * checksum of that pair only, the pair resubscribes (answered with a snapshot of the clean replay's book) and ends
 * identical to the clean replay; a repeated update is harmless (levels are absolute).
 */
class KrakenFaultTest {

    private static final Pattern FIRST_VOLUME = Pattern.compile("\\[\"[0-9.]+\",\"([0-9.]+)\"");

    private static List<RecordingEntry> session;
    private static int target;
    private static String pair;

    @BeforeAll
    static void pickTarget() {
        session = Replay.load("kraken/cryptofeed-1312c06/KRAKEN-c197c0.0.gz");
        // the 200th update that changed its pair's top 10 (its checksum differs from the pair's previous one)
        KrakenBookSync probe = new KrakenBookSync(KrakenReplayTest.SCALES, (p, first) -> {
        }, null);
        java.util.Map<String, Long> lastChecksum = new java.util.HashMap<>();
        int changes = 0;
        for (int i = 0; i < session.size(); i++) {
            byte[] payload = session.get(i).payload();
            if (probe.onMessage(payload, 0, payload.length) != Kind.BOOK) {
                continue;
            }
            L2Update update = probe.lastUpdate();
            Long previous = lastChecksum.put(update.symbol(), update.checksum());
            if (!update.isSnapshot() && previous != null && previous != update.checksum() && ++changes == 200) {
                target = i;
                pair = update.symbol();
                return;
            }
        }
        throw new IllegalStateException("no target");
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void onlyThePairResyncsAndEndsCorrect(Fault fault) {
        Deque<String> requests = new ArrayDeque<>();
        KrakenBookSync clean = new KrakenBookSync(KrakenReplayTest.SCALES, (p, first) -> {
        }, null);
        KrakenBookSync faulty = new KrakenBookSync(KrakenReplayTest.SCALES, (p, first) -> {
            if (!first) {
                requests.add(p);
            }
        }, null);

        Lockstep.run(session, target, fault, KrakenFaultTest::alterFirstVolume,
                e -> clean.onMessage(e.payload(), 0, e.payload().length),
                e -> faulty.onMessage(e.payload(), 0, e.payload().length),
                () -> {
                    while (!requests.isEmpty()) {
                        byte[] snapshot = snapshotOf(clean.book(requests.poll()).book());
                        assertThat(faulty.onMessage(snapshot, 0, snapshot.length)).isEqualTo(Kind.BOOK);
                    }
                });

        long failedElsewhere = 0;
        for (SymbolBook book : faulty.books()) {
            Lockstep.assertSameLevels(book.book(), clean.book(book.symbol()).book());
            if (!book.symbol().equals(pair)) {
                failedElsewhere += book.counters().checksumFailed() + book.counters().resyncs();
            }
        }
        SymbolBook hit = faulty.book(pair);
        System.out.printf("kraken %s message %d of %s: checksum failures %d, resyncs %d, updates dropped while "
                        + "resyncing %d, other pairs affected %d%n", fault, target, pair,
                hit.counters().checksumFailed(), hit.counters().resyncs(), faulty.droppedWhileSyncing(),
                failedElsewhere);

        assertThat(failedElsewhere).isZero();
        long expectedFailures = fault == Fault.DUPLICATE ? 0 : 1;
        assertThat(hit.counters().checksumFailed()).isEqualTo(expectedFailures);
        assertThat(hit.counters().resyncs()).isEqualTo(expectedFailures);
        assertThat(hit.counters().checksumOk()).isPositive();
    }

    /** Changes the last digit of the first level's volume. */
    private static byte[] alterFirstVolume(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        Matcher m = FIRST_VOLUME.matcher(text);
        assertThat(m.find()).isTrue();
        int last = m.end(1) - 1;
        char digit = text.charAt(last);
        char changed = digit == '9' ? '8' : (char) (digit + 1);
        return (text.substring(0, last) + changed + text.substring(last + 1)).getBytes(StandardCharsets.UTF_8);
    }

    /** What Kraken would send on resubscribing: the clean book as a depth-1000 snapshot. */
    private static byte[] snapshotOf(L2Book book) {
        String json = "[0,{\"as\":" + Lockstep.levelsJson(book, Side.ASK, true, ",\"0\"")
                + ",\"bs\":" + Lockstep.levelsJson(book, Side.BID, true, ",\"0\"")
                + "},\"book-1000\",\"" + book.symbol() + "\"]";
        return json.getBytes(StandardCharsets.UTF_8);
    }
}
