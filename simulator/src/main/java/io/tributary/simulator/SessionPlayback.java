package io.tributary.simulator;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/** A source being played into one session; paced by due times, read only on the session's I/O thread. */
final class SessionPlayback implements Playback {
    private final MessageSource text; // one of the two sources is null
    private final BinarySource binary;
    private final long intervalNs;
    private final Runnable onClose;
    private final CompletableFuture<Void> done = new CompletableFuture<>();
    private long nextDueNs;
    private volatile long sent; // written only on the I/O thread

    SessionPlayback(MessageSource text, BinarySource binary, double messagesPerSecond, Runnable onClose) {
        this.text = text;
        this.binary = binary;
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

    /** Whether the frames are binary (else text). */
    boolean binary() {
        return binary != null;
    }

    /**
     * The next frame's payload, or null once exhausted (which completes {@link #done()}). Called right before the
     * write.
     */
    byte[] take() {
        byte[] payload;
        try {
            if (binary != null) {
                payload = binary.next();
            } else {
                String next = text.next();
                payload = next == null ? null : next.getBytes(StandardCharsets.UTF_8);
            }
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
            return null;
        }
        if (payload == null) {
            finish();
            return null;
        }
        sent++;
        nextDueNs += intervalNs; // from the schedule, not from now: a late frame is followed by a catch-up, no drift
        return payload;
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
