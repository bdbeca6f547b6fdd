package io.tributary.exchange.testing;

import io.tributary.exchange.recording.RecordingEntry;
import io.tributary.exchange.recording.RecordingReader;
import io.tributary.exchange.recording.Recordings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Loads recorded sessions for replay tests. */
public final class Replay {

    private Replay() {
    }

    /**
     * Loads the received messages and REST responses of one session recorded in one or more files (a day split, or
     * a WS file and its REST file), merged by receive time; entries without time keep file order.
     */
    public static List<RecordingEntry> load(String... files) {
        List<RecordingEntry> entries = new ArrayList<>();
        for (String file : files) {
            try (RecordingReader reader = Recordings.open(SharedData.file(file))) {
                for (RecordingEntry e = reader.next(); e != null; e = reader.next()) {
                    if (e.kind() == RecordingEntry.Kind.RECEIVED || e.kind() == RecordingEntry.Kind.REST) {
                        entries.add(e);
                    }
                }
                if (reader.malformed() != 0) {
                    throw new IllegalStateException(file + ": " + reader.malformed() + " malformed lines");
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (files.length > 1) {
            entries.sort(Comparator.comparingLong(RecordingEntry::receivedNanos)); // stable: ties keep file order
        }
        return entries;
    }

    /** The {@code symbol=} query parameter of a REST URL, upper case. */
    public static String symbolParameter(String url) {
        int start = url.indexOf("symbol=");
        if (start < 0) {
            throw new IllegalArgumentException("no symbol in " + url);
        }
        start += "symbol=".length();
        int end = url.indexOf('&', start);
        return url.substring(start, end < 0 ? url.length() : end).toUpperCase(Locale.ROOT);
    }
}
