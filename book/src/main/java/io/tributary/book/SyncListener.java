package io.tributary.book;

import io.tributary.model.GapEvent;

/**
 * Told when a {@link SymbolBook} loses or regains sync. Called on the writer thread. The connector answers
 * {@link #onOutOfSync} by fetching a new snapshot for that one symbol (REST or resubscribe); sinks record the event.
 */
public interface SyncListener {

    /** The symbol's book was cleared and waits for a new snapshot. */
    void onOutOfSync(SymbolBook book, GapEvent event);

    /** A snapshot made the book live (first time or after a resync). */
    default void onLive(SymbolBook book) {
    }
}
