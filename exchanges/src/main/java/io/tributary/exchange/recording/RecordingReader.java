package io.tributary.exchange.recording;

import java.io.Closeable;
import java.io.IOException;

/**
 * Streams the entries of one recording, one at a time, in file order. Lines the reader cannot make sense of are
 * skipped and counted, never thrown.
 */
public interface RecordingReader extends Closeable {

    /**
     * Reads the next entry.
     *
     * @return the next entry, or {@code null} at the end of the recording
     * @throws IOException if the file cannot be read (not for malformed content)
     */
    RecordingEntry next() throws IOException;

    /** How many lines or elements were skipped as malformed so far. */
    long malformed();
}
