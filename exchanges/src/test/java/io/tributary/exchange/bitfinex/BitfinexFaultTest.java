package io.tributary.exchange.bitfinex;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.book.L2Book;
import io.tributary.book.L3Book;
import io.tributary.book.SymbolBook;
import io.tributary.book.SyncState;
import io.tributary.exchange.bitfinex.BitfinexDecoder.Kind;
import io.tributary.exchange.recording.RecordingEntry;
import io.tributary.exchange.testing.Lockstep;
import io.tributary.exchange.testing.Lockstep.Fault;
import io.tributary.exchange.testing.Replay;
import io.tributary.model.Decimals;
import io.tributary.model.Side;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bitfinex with one message removed, duplicated or altered. Aggregated books: SEQ_ALL catches every case, and since
 * it numbers the whole connection, every book of the connection resubscribes (answered with the clean replay's
 * books) and ends identical to the clean replay. Raw book: a lost add, a repeated or altered removal makes a removal
 * miss its order; only that book resyncs and ends identical.
 */
class BitfinexFaultTest {

    private static final Pattern SUBSCRIBED = Pattern.compile("\"chanId\":(\\d+),\"symbol\":\"([^\"]+)\"");
    private static final Pattern TRAILING_SEQUENCE = Pattern.compile(",(\\d+)]$");

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aSequenceBreakResyncsEveryBookOfTheConnection(Fault fault) {
        List<RecordingEntry> session = Replay.load("bitfinex/cryptofeed-master/BITFINEX.ws.11.0");
        Map<String, String> channels = new HashMap<>();
        int target = -1;
        int bookMessages = 0;
        BitfinexBookSync probe = new BitfinexBookSync(BitfinexReplayTest.SCALES, (s, first) -> {
        }, null);
        for (int i = 0; i < session.size(); i++) {
            String text = session.get(i).text();
            Matcher m = SUBSCRIBED.matcher(text);
            if (text.contains("\"channel\":\"book\"") && m.find()) {
                channels.put(m.group(2), m.group(1));
            }
            byte[] payload = session.get(i).payload();
            if (probe.onMessage(payload, 0, payload.length) == Kind.BOOK && ++bookMessages == 800 && target < 0) {
                target = i;
            }
        }

        Deque<String> requests = new ArrayDeque<>();
        BitfinexBookSync clean = new BitfinexBookSync(BitfinexReplayTest.SCALES, (s, first) -> {
        }, null);
        BitfinexBookSync faulty = new BitfinexBookSync(BitfinexReplayTest.SCALES, (s, first) -> {
            if (!first) {
                requests.add(s);
            }
        }, null);
        Lockstep.run(session, target, fault, BitfinexFaultTest::raiseSequence,
                e -> clean.onMessage(e.payload(), 0, e.payload().length),
                e -> faulty.onMessage(e.payload(), 0, e.payload().length),
                () -> {
                    while (!requests.isEmpty()) {
                        L2Book book = clean.book(requests.poll()).book();
                        byte[] snapshot = snapshotOf(channels.get(book.symbol()), book);
                        assertThat(faulty.onMessage(snapshot, 0, snapshot.length)).isEqualTo(Kind.BOOK);
                    }
                });

        for (SymbolBook book : faulty.books()) {
            Lockstep.assertSameLevels(book.book(), clean.book(book.symbol()).book());
            assertThat(book.state()).isEqualTo(SyncState.LIVE);
            assertThat(book.counters().resyncs()).as(book.symbol()).isEqualTo(1);
        }
        System.out.printf("bitfinex %s message %d: SEQ_ALL gaps %d, every one of %d books resynced once%n", fault,
                target, faulty.sequenceGaps(), faulty.books().size());
        assertThat(faulty.sequenceGaps()).isEqualTo(1);
        assertThat(clean.sequenceGaps()).isZero();
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void aRawBookThatLosesTrackResyncsAlone(Fault fault) {
        List<RecordingEntry> session = Replay.load("bitfinex/nautilus_trader/L3_feed.json.gz");
        // the 5,000th removal; for REMOVE, the message that added the order it removes
        Map<String, Integer> lastAdd = new HashMap<>();
        int removals = 0;
        int target = -1;
        for (int i = 3; i < session.size() && target < 0; i++) {
            String text = session.get(i).text();
            int idStart = text.indexOf('[', 1) + 1; // [8047, [id, price, amount]]
            String orderId = text.substring(idStart, text.indexOf(',', idStart));
            if (text.contains(", 0, ")) {
                if (++removals == 5000) {
                    target = fault == Fault.REMOVE ? lastAdd.get(orderId) : i;
                }
            } else {
                lastAdd.put(orderId, i);
            }
        }

        Deque<String> requests = new ArrayDeque<>();
        BitfinexBookSync clean = new BitfinexBookSync(BitfinexReplayTest.SCALES, (s, first) -> {
        }, null);
        BitfinexBookSync faulty = new BitfinexBookSync(BitfinexReplayTest.SCALES, (s, first) -> {
            if (!first) {
                requests.add(s);
            }
        }, null);
        Lockstep.run(session, target, fault, payload -> alterOrderId(payload),
                e -> clean.onMessage(e.payload(), 0, e.payload().length),
                e -> faulty.onMessage(e.payload(), 0, e.payload().length),
                () -> {
                    while (!requests.isEmpty()) {
                        byte[] snapshot = rawSnapshotOf(clean.rawBook(requests.poll()).book());
                        assertThat(faulty.onMessage(snapshot, 0, snapshot.length)).isEqualTo(Kind.RAW_BOOK);
                    }
                });

        RawBookSync raw = faulty.rawBook("tBTCUSD");
        L3Book expected = clean.rawBook("tBTCUSD").book();
        System.out.printf("bitfinex raw %s message %d: unknown order ids %d, resyncs %d, %d orders at the end%n",
                fault, target, raw.book().unknownOrders(), raw.resyncs(), raw.book().orderCount());
        assertThat(raw.state()).isEqualTo(SyncState.LIVE);
        assertThat(raw.resyncs()).isEqualTo(1);
        assertThat(raw.book().orderCount()).isEqualTo(expected.orderCount());
        for (Side side : Side.values()) {
            assertThat(raw.book().depth(side)).isEqualTo(expected.depth(side));
            for (int level = 0; level < expected.depth(side); level++) {
                assertThat(raw.book().price(side, level)).isEqualTo(expected.price(side, level));
                assertThat(raw.book().size(side, level)).isEqualTo(expected.size(side, level));
                assertThat(raw.book().orderCount(side, level)).isEqualTo(expected.orderCount(side, level));
            }
        }
        assertThat(clean.rawBook("tBTCUSD").book().unknownOrders()).isZero();
    }

    private static byte[] raiseSequence(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        Matcher m = TRAILING_SEQUENCE.matcher(text);
        assertThat(m.find()).isTrue();
        long raised = Long.parseLong(m.group(1)) + 1;
        return (text.substring(0, m.start(1)) + raised + "]").getBytes(StandardCharsets.UTF_8);
    }

    /** {@code [8047, [id, 0, -1]]} → the same removal of an order id that was never in the book. */
    private static byte[] alterOrderId(byte[] payload) {
        String text = new String(payload, StandardCharsets.UTF_8);
        int start = text.indexOf('[', 1) + 1;
        return (text.substring(0, start) + "9" + text.substring(start)).getBytes(StandardCharsets.UTF_8);
    }

    /** What Bitfinex would send on resubscribing (without a sequence number: the replay keeps its own). */
    private static byte[] snapshotOf(String chanId, L2Book book) {
        StringBuilder json = new StringBuilder("[").append(chanId).append(",[");
        for (Side side : Side.values()) {
            for (int level = 0; level < book.depth(side); level++) {
                if (json.charAt(json.length() - 1) != '[') {
                    json.append(',');
                }
                json.append('[')
                        .append(Decimals.toPlainString(book.price(side, level), book.priceScale()))
                        .append(",1,").append(side == Side.ASK ? "-" : "")
                        .append(Decimals.toPlainString(book.size(side, level), book.sizeScale())).append(']');
            }
        }
        return json.append("]]").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The clean raw book's orders in queue order, as a raw snapshot. */
    private static byte[] rawSnapshotOf(L3Book book) {
        StringBuilder json = new StringBuilder("[8047,[");
        long[] ids = new long[1024];
        long[] sizes = new long[1024];
        for (Side side : Side.values()) {
            for (int level = 0; level < book.depth(side); level++) {
                int n = book.orders(side, level, ids, sizes);
                for (int i = 0; i < n; i++) {
                    if (json.charAt(json.length() - 1) != '[') {
                        json.append(',');
                    }
                    json.append('[').append(ids[i]).append(',')
                            .append(Decimals.toPlainString(book.price(side, level), book.priceScale())).append(',')
                            .append(side == Side.ASK ? "-" : "")
                            .append(Decimals.toPlainString(sizes[i], book.sizeScale())).append(']');
                }
            }
        }
        return json.append("]]").toString().getBytes(StandardCharsets.UTF_8);
    }
}
