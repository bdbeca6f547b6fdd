package io.tributary.book;

/**
 * Bybit v5 order book {@code u} (exchange-protocols.md §10.4): any snapshot replaces the book and its {@code u}
 * (including {@code u = 1} after a service restart). Deltas at or below the book's {@code u} are stale. On
 * {@code orderbook.full} {@code u} rises by exactly one ({@link #contiguous()}); on {@code orderbook.{depth}}
 * contiguity is not documented, so it only has to rise ({@link #rising()}). A delta with {@code u = 1} is a
 * restart: a gap that asks for a new snapshot. Uses {@link L2Update#lastUpdateId()}.
 */
public final class BybitSequence extends AbstractSequenceTracker {

    private final boolean contiguous;

    private BybitSequence(boolean contiguous) {
        this.contiguous = contiguous;
    }

    /** @return the rule for {@code orderbook.full}: each delta's {@code u} is the previous + 1 */
    public static BybitSequence contiguous() {
        return new BybitSequence(true);
    }

    /** @return the rule for {@code orderbook.{depth}}: {@code u} only has to rise */
    public static BybitSequence rising() {
        return new BybitSequence(false);
    }

    @Override
    protected SequenceVerdict checkUpdate(L2Update update) {
        long u = update.lastUpdateId();
        if (u == 1 && last != 0) {
            return gap(last + 1, u);
        }
        if (u <= last) {
            return SequenceVerdict.SKIP;
        }
        if (contiguous && u != last + 1) {
            return gap(last + 1, u);
        }
        return apply(u);
    }
}
