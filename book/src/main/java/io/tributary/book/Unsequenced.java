package io.tributary.book;

/**
 * For feeds without sequence numbers (Kraken v1 books, whose integrity is checked by checksum): every message is
 * applied; the id is the last one the message carried, if any.
 */
public final class Unsequenced extends AbstractSequenceTracker {

    @Override
    protected boolean needsSnapshot() {
        return false;
    }

    @Override
    protected SequenceVerdict checkUpdate(L2Update update) {
        return apply(update.lastUpdateId() != L2Update.NONE ? update.lastUpdateId() : last);
    }
}
