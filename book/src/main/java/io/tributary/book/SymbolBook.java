package io.tributary.book;

import io.tributary.model.GapEvent;
import io.tributary.model.GapReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;

/**
 * One symbol's book kept in sync: an {@link L2Book}, the exchange's {@link SequenceTracker}, an optional
 * {@link BookChecksum}, a {@link SyncState} and {@link SymbolCounters}. Each symbol has its own, so one symbol
 * resyncs while the others on the same connection keep flowing.
 *
 * <p>Until a snapshot arrives (first sync, or after going out of sync) updates are buffered (bounded; oldest
 * dropped first), then replayed through the tracker behind the snapshot: that is the Binance/HTX procedure of
 * buffering the stream while fetching a REST snapshot, and harmless for feeds that send the snapshot in-stream.
 *
 * <p>A sequence gap, a checksum mismatch or a rejected value clears the book, sets {@link SyncState#OUT_OF_SYNC}
 * and tells the {@link SyncListener} with a {@link GapEvent}; it is logged at a decreasing rate (the 1st, 2nd,
 * 4th, 8th... occurrence per symbol). Single writer thread; state and counters are readable from any thread.
 */
public final class SymbolBook {

    private static final Logger LOG = LoggerFactory.getLogger(SymbolBook.class);

    /** Default bound on updates buffered while waiting for a snapshot. */
    public static final int DEFAULT_MAX_BUFFERED = 10_000;

    private final String exchange;
    private final L2Book book;
    private final SequenceTracker tracker;
    private final BookChecksum checksum;
    private final SyncListener listener;
    private final SymbolCounters counters = new SymbolCounters();
    private final int maxBuffered;
    private volatile SyncState state = SyncState.SYNCING;
    private boolean checksumEnabled = true;
    private long problems;

    private L2Update[] buffer = new L2Update[16];
    private int bufferHead;
    private int buffered;

    /**
     * @param checksum the exchange's checksum, or null if it has none
     * @param listener told about gaps and resyncs, or null
     */
    public SymbolBook(String exchange, L2Book book, SequenceTracker tracker, BookChecksum checksum,
                      SyncListener listener, int maxBuffered) {
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.book = Objects.requireNonNull(book, "book");
        this.tracker = Objects.requireNonNull(tracker, "tracker");
        this.checksum = checksum;
        this.listener = listener;
        if (maxBuffered < 1) {
            throw new IllegalArgumentException("maxBuffered must be >= 1: " + maxBuffered);
        }
        this.maxBuffered = maxBuffered;
    }

    public SymbolBook(String exchange, L2Book book, SequenceTracker tracker, BookChecksum checksum,
                      SyncListener listener) {
        this(exchange, book, tracker, checksum, listener, DEFAULT_MAX_BUFFERED);
    }

    /** Switches checksum verification on or off (per exchange configuration); on by default. */
    public SymbolBook checksumEnabled(boolean enabled) {
        this.checksumEnabled = enabled;
        return this;
    }

    /**
     * Handles one decoded message: buffers it while waiting for a snapshot, otherwise checks its sequence, applies
     * it and verifies the checksum it carries.
     */
    public void onUpdate(L2Update update) {
        counters.increment(SymbolCounters.MESSAGES);
        if (update.rejected()) {
            counters.increment(SymbolCounters.REJECTED);
            if (state == SyncState.LIVE || update.isSnapshot()) {
                outOfSync(GapReason.VALUE_REJECTED, L2Update.NONE, L2Update.NONE, update.rejection().name());
            }
            // an update rejected while waiting for a snapshot is just not buffered: the replay finds the hole
            return;
        }
        if (state != SyncState.LIVE && !update.isSnapshot()) {
            buffer(update);
            return;
        }
        if (!update.isSnapshot()) {
            process(update);
            return;
        }
        SyncState before = state;
        state = SyncState.LIVE; // a snapshot makes the book live unless it fails its own checksum
        process(update);
        if (state != SyncState.LIVE) {
            return;
        }
        if (before != SyncState.LIVE) {
            if (before == SyncState.OUT_OF_SYNC) {
                counters.increment(SymbolCounters.RESYNCS);
            }
            if (listener != null) {
                listener.onLive(this);
            }
        }
        drainBuffer();
    }

    /**
     * Verifies a checksum sent in its own message (Bitfinex {@code cs}) against the book as it stands.
     *
     * @return true if it matches, or if checksums are off or the book is not live
     */
    public boolean verifyChecksum(long sent) {
        if (checksum == null || !checksumEnabled || state != SyncState.LIVE) {
            return true;
        }
        long computed = checksum.compute(book);
        if (computed == sent) {
            counters.increment(SymbolCounters.CHECKSUM_OK);
            return true;
        }
        counters.increment(SymbolCounters.CHECKSUM_FAILED);
        outOfSync(GapReason.CHECKSUM_MISMATCH, sent, computed, "");
        return false;
    }

    /**
     * Declares the book out of sync for a reason found outside this class (e.g. a Bitfinex per-connection sequence
     * gap, which concerns every book on the connection).
     */
    public void markOutOfSync(GapReason reason, long expected, long received) {
        if (reason == GapReason.SEQUENCE_GAP) {
            counters.increment(SymbolCounters.GAPS);
        }
        outOfSync(reason, expected, received, "");
    }

    public String exchange() {
        return exchange;
    }

    public String symbol() {
        return book.symbol();
    }

    /** @return the book; readers on other threads use {@link L2Book#view(int)} */
    public L2Book book() {
        return book;
    }

    public SequenceTracker tracker() {
        return tracker;
    }

    /** @return the current state (any thread) */
    public SyncState state() {
        return state;
    }

    /** @return the counters (any thread) */
    public SymbolCounters counters() {
        return counters;
    }

    /** @return updates currently buffered while waiting for a snapshot */
    public int buffered() {
        return buffered;
    }

    private void process(L2Update update) {
        switch (tracker.check(update)) {
            case APPLY -> {
                int changes = book.apply(update);
                counters.increment(SymbolCounters.APPLIED);
                if ((changes & L2BookListener.CROSSED) != 0) {
                    counters.increment(SymbolCounters.CROSSED);
                }
                if (update.checksum() != L2Update.NONE) {
                    verifyChecksum(update.checksum());
                }
            }
            case SKIP -> counters.increment(SymbolCounters.STALE);
            case GAP -> {
                counters.increment(SymbolCounters.GAPS);
                outOfSync(GapReason.SEQUENCE_GAP, tracker.expected(), tracker.received(), "");
            }
        }
    }

    /** @param detail extra words for the log line (the kind of rejected value), or empty */
    private void outOfSync(GapReason reason, long expected, long received, String detail) {
        state = SyncState.OUT_OF_SYNC;
        book.clear();
        tracker.reset();
        buffered = 0;
        GapEvent event = new GapEvent(exchange, book.symbol(), expected, received, reason);
        problems++;
        if (Long.bitCount(problems) == 1) {
            LOG.warn("{} {} out of sync ({} so far): {}{} expected={} received={}; waiting for a new snapshot",
                    exchange, book.symbol(), problems, reason, detail.isEmpty() ? "" : " " + detail,
                    idText(expected), idText(received));
        }
        if (listener != null) {
            listener.onOutOfSync(this, event);
        }
    }

    private static String idText(long id) {
        return id == L2Update.NONE ? "-" : Long.toString(id);
    }

    private void buffer(L2Update update) {
        if (buffered == maxBuffered) {
            bufferHead = (bufferHead + 1) % buffer.length;
            buffered--;
            counters.increment(SymbolCounters.BUFFER_DROPPED);
        } else if (buffered == buffer.length) {
            growBuffer();
        }
        int slot = (bufferHead + buffered) % buffer.length;
        if (buffer[slot] == null) {
            buffer[slot] = new L2Update(update.size());
        }
        buffer[slot].copyFrom(update);
        buffered++;
    }

    private void growBuffer() {
        L2Update[] grown = new L2Update[Math.min(maxBuffered, buffer.length * 2)];
        for (int i = 0; i < buffered; i++) {
            grown[i] = buffer[(bufferHead + i) % buffer.length];
        }
        buffer = grown;
        bufferHead = 0;
    }

    private void drainBuffer() {
        while (buffered > 0 && state == SyncState.LIVE) {
            L2Update next = buffer[bufferHead];
            bufferHead = (bufferHead + 1) % buffer.length;
            buffered--;
            process(next);
        }
        buffered = 0;
        bufferHead = 0;
    }
}
