package io.tributary.exchange.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.book.L2Book;
import io.tributary.exchange.recording.RecordingEntry;
import io.tributary.model.Decimals;
import io.tributary.model.Side;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * Replays a recording into two syncs side by side: a clean one, and one that receives the same stream with one
 * message removed, duplicated or altered. After every step the caller may answer the faulty sync's snapshot
 * requests from the clean sync's book (as a resubscription or a REST snapshot would).
 */
public final class Lockstep {

    /** What happens to the target message in the faulty stream. */
    public enum Fault { REMOVE, DUPLICATE, ALTER }

    private Lockstep() {
    }

    /**
     * @param alteration how {@link Fault#ALTER} changes the payload (must change it)
     * @param afterStep  called after each message of the clean stream has reached both syncs
     */
    public static void run(List<RecordingEntry> session, int target, Fault fault, UnaryOperator<byte[]> alteration,
            Consumer<RecordingEntry> clean, Consumer<RecordingEntry> faulty, Runnable afterStep) {
        for (int i = 0; i < session.size(); i++) {
            RecordingEntry entry = session.get(i);
            clean.accept(entry);
            if (i != target) {
                faulty.accept(entry);
            } else if (fault == Fault.DUPLICATE) {
                faulty.accept(entry);
                faulty.accept(entry);
            } else if (fault == Fault.ALTER) {
                byte[] altered = alteration.apply(entry.payload());
                assertThat(altered).as("alteration").isNotEqualTo(entry.payload());
                faulty.accept(new RecordingEntry(entry.kind(), entry.receivedNanos(), entry.url(), altered,
                        entry.binary()));
            }
            afterStep.run();
        }
    }

    /** Replaces the first occurrence of {@code from} by {@code to} in the payload's text. */
    public static UnaryOperator<byte[]> replacing(String from, String to) {
        return payload -> {
            String text = new String(payload, StandardCharsets.UTF_8);
            int at = text.indexOf(from);
            assertThat(at).as("'%s' in %s", from, text).isNotNegative();
            return (text.substring(0, at) + to + text.substring(at + from.length())).getBytes(StandardCharsets.UTF_8);
        };
    }

    /** {@code [["price","size"],...]} of one side, best first, with each level's wire decimals. */
    public static String levelsJson(L2Book book, Side side, boolean quoted, String extra) {
        StringBuilder out = new StringBuilder("[");
        for (int level = 0; level < book.depth(side); level++) {
            if (level > 0) {
                out.append(',');
            }
            String q = quoted ? "\"" : "";
            out.append('[').append(q)
                    .append(Decimals.toPlainString(book.price(side, level), book.priceScale(),
                            book.priceDecimals(side, level)))
                    .append(q).append(',').append(q)
                    .append(Decimals.toPlainString(book.size(side, level), book.sizeScale(),
                            book.sizeDecimals(side, level)))
                    .append(q).append(extra).append(']');
        }
        return out.append(']').toString();
    }

    /** Asserts two books hold the same levels (prices, sizes) on both sides. */
    public static void assertSameLevels(L2Book actual, L2Book expected) {
        for (Side side : Side.values()) {
            assertThat(actual.depth(side)).as("%s %s depth", actual.symbol(), side).isEqualTo(expected.depth(side));
            for (int level = 0; level < expected.depth(side); level++) {
                assertThat(actual.price(side, level)).as("%s %s price %d", actual.symbol(), side, level)
                        .isEqualTo(expected.price(side, level));
                assertThat(actual.size(side, level)).as("%s %s size %d", actual.symbol(), side, level)
                        .isEqualTo(expected.size(side, level));
            }
        }
    }
}
