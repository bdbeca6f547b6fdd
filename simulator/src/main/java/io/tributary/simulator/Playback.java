package io.tributary.simulator;

import java.util.concurrent.CompletableFuture;

/** A {@link MessageSource} being played into a session. */
public interface Playback extends AutoCloseable {
    /** Frames written so far. */
    long sent();

    /** Stops the playback; frames already written stay written. */
    @Override
    void close();

    /** Completes when the source is exhausted, the playback is closed, or the session ends, whichever is first. */
    CompletableFuture<Void> done();
}
