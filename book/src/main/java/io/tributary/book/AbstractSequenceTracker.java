package io.tributary.book;

/** State shared by the rules: the id the book is at, and the two ids of the last gap. */
abstract class AbstractSequenceTracker implements SequenceTracker {

    protected long last = L2Update.NONE;
    private long expected = L2Update.NONE;
    private long received = L2Update.NONE;

    @Override
    public final SequenceVerdict check(L2Update update) {
        if (update.isSnapshot() && snapshotRestarts()) {
            onSnapshot(update);
            last = update.lastUpdateId();
            return SequenceVerdict.APPLY;
        }
        if (last == L2Update.NONE && needsSnapshot()) {
            return gap(L2Update.NONE, update.lastUpdateId());
        }
        return checkUpdate(update);
    }

    /** @return false for rules whose count runs through snapshots (per-connection numbers) */
    protected boolean snapshotRestarts() {
        return true;
    }

    /** Hook for rules with state beyond the last id. */
    protected void onSnapshot(L2Update snapshot) {
    }

    /** @return true if a message before any snapshot is a gap (false for rules that start from any message) */
    protected boolean needsSnapshot() {
        return true;
    }

    /** Judges a non-snapshot message; {@link #last} is set. */
    protected abstract SequenceVerdict checkUpdate(L2Update update);

    protected final SequenceVerdict apply(long newLast) {
        last = newLast;
        return SequenceVerdict.APPLY;
    }

    protected final SequenceVerdict gap(long expectedId, long receivedId) {
        expected = expectedId;
        received = receivedId;
        last = L2Update.NONE;
        return SequenceVerdict.GAP;
    }

    @Override
    public void reset() {
        last = L2Update.NONE;
    }

    @Override
    public final long lastId() {
        return last;
    }

    @Override
    public final long expected() {
        return expected;
    }

    @Override
    public final long received() {
        return received;
    }
}
