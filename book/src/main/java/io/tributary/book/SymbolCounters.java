package io.tributary.book;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Counters of one symbol's book: written by its writer thread only (release stores, no fences on x86), readable
 * from any thread (metrics, tests).
 */
public final class SymbolCounters {

    static final int MESSAGES = 0;
    static final int APPLIED = 1;
    static final int STALE = 2;
    static final int GAPS = 3;
    static final int RESYNCS = 4;
    static final int CHECKSUM_OK = 5;
    static final int CHECKSUM_FAILED = 6;
    static final int CROSSED = 7;
    static final int REJECTED = 8;
    static final int BUFFER_DROPPED = 9;
    private static final int COUNT = 10;

    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);

    private final long[] values = new long[COUNT];

    void increment(int counter) {
        SLOTS.setRelease(values, counter, (long) SLOTS.get(values, counter) + 1);
    }

    private long get(int counter) {
        return (long) SLOTS.getAcquire(values, counter);
    }

    /** @return messages received (every call to {@link SymbolBook#onUpdate}) */
    public long messages() {
        return get(MESSAGES);
    }

    /** @return messages applied to the book */
    public long applied() {
        return get(APPLIED);
    }

    /** @return messages dropped as already covered (older than the snapshot, or repeats) */
    public long stale() {
        return get(STALE);
    }

    /** @return sequence gaps detected */
    public long gaps() {
        return get(GAPS);
    }

    /** @return snapshots that brought the book back after it went out of sync */
    public long resyncs() {
        return get(RESYNCS);
    }

    public long checksumOk() {
        return get(CHECKSUM_OK);
    }

    public long checksumFailed() {
        return get(CHECKSUM_FAILED);
    }

    /** @return applied messages after which the book was crossed */
    public long crossed() {
        return get(CROSSED);
    }

    /** @return messages not applied because a value did not fit the book's scale */
    public long rejected() {
        return get(REJECTED);
    }

    /** @return buffered messages dropped (oldest first) because too many arrived while waiting for a snapshot */
    public long bufferDropped() {
        return get(BUFFER_DROPPED);
    }

    @Override
    public String toString() {
        return "messages=" + messages() + " applied=" + applied() + " stale=" + stale() + " gaps=" + gaps()
                + " resyncs=" + resyncs() + " checksumOk=" + checksumOk() + " checksumFailed=" + checksumFailed()
                + " crossed=" + crossed() + " rejected=" + rejected() + " bufferDropped=" + bufferDropped();
    }
}
