package io.tributary.simulator;

import java.util.concurrent.CompletableFuture;

/** A source being played into one session; paced by due times, read only on the session's I/O thread. */
final class SessionPlayback implements Playback {
    private final MessageSource source;
    private final long intervalNs;
    private final Runnable onClose;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private long nextDueNs;
    private volatile long sent; // written only on the I/O thread

    SessionPlayback(MessageSource source, double messagesPerSecond, Runnable onClose) {
        this.source = source;
        this.intervalNs = messagesPerSecond > 0 ? Math.max(1, Math.round(1e9 / messagesPerSecond)) : 0;
        this.onClose = onClose;
    }

    void startAt(long nowNs) {
        nextDueNs = nowNs;
    }

    boolean finished() {
        return done.isDone();
    }

    boolean dueBy(long nowNs) {
        return intervalNs == 0 || nextDueNs - nowNs <= 0;
    }

    long nextDueNs() {
        return nextDueNs;
    }

    /** The next frame, or null once exhausted (which completes {@link #done()}). Called right before the write. */
    String take() {
        String text;
        try {
            text = source.next();
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
            return null;
        }
        if (text == null) {
            finish();
            return null;
        }
        sent++;
        nextDueNs += intervalNs; // from the schedule, not from now: a late frame is followed by a catch-up, no drift
        return text;
    }

    void finish() {
        done.complete(null);
    }

    @Override
    public long sent() {
        return sent;
    }

    @Override
    public void close() {
        finish();
        onClose.run();
    }

    @Override
    public CompletableFuture<Void> done() {
        return done;
    }
}
