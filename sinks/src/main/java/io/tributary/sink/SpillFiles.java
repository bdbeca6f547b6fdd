package io.tributary.sink;

import io.tributary.model.event.MarketEvent;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Append-only spill segments in one directory, replayed oldest first. A segment is {@code <id>.spill} holding
 * records {@code [int length][int crc32][EventCodec bytes]}; ids order the segments. One thread appends (to the open
 * segment) and another replays (closed segments only), so a file is never read while it is written; the sink's lock
 * serialises the hand-over ({@link #closeOpenSegment}). Segments left by an earlier run are replayed first.
 */
final class SpillFiles implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SpillFiles.class);
    private static final String SUFFIX = ".spill";

    private final Path directory;
    private final long segmentBytes;
    private final Deque<Path> closed = new ArrayDeque<>(); // guarded by this
    private long nextId; // guarded by this
    private DataOutputStream open; // guarded by this
    private Path openPath; // guarded by this
    private long openBytes; // guarded by this

    private Reader reader; // replay thread only

    SpillFiles(Path directory, long segmentBytes) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.segmentBytes = segmentBytes;
        List<Long> ids = new ArrayList<>();
        try (var files = Files.list(directory)) {
            files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(SUFFIX)).forEach(n -> {
                try {
                    ids.add(Long.parseLong(n.substring(0, n.length() - SUFFIX.length())));
                } catch (NumberFormatException e) {
                    LOG.warn("ignoring unexpected file {} in spill directory {}", n, directory);
                }
            });
        }
        ids.sort(null);
        for (long id : ids) {
            closed.add(path(id));
        }
        nextId = ids.isEmpty() ? 0 : ids.getLast() + 1;
    }

    /** @return true if segments from an earlier run are waiting */
    synchronized boolean hasClosed() {
        return !closed.isEmpty();
    }

    synchronized boolean hasOpenSegment() {
        return open != null;
    }

    /** Appends one event to the open segment (creating it), rotating when it is full. */
    synchronized void append(MarketEvent event) throws IOException {
        if (open == null) {
            openPath = path(nextId++);
            open = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(openPath), 1 << 16));
            openBytes = 0;
        }
        openBytes += writeRecord(open, EventCodec.encode(event));
        if (openBytes >= segmentBytes) {
            closeOpenSegment();
        }
    }

    /** Writes events into a new segment that replays before every existing one (used at shutdown). */
    synchronized void prepend(List<MarketEvent> events) throws IOException {
        long id = closed.isEmpty() ? nextId++ : idOf(closed.getFirst()) - 1;
        Path path = path(id);
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(path)))) {
            for (MarketEvent event : events) {
                writeRecord(out, EventCodec.encode(event));
            }
        }
        closed.addFirst(path);
    }

    /** Closes the open segment so that it can be replayed. */
    synchronized void closeOpenSegment() throws IOException {
        if (open != null) {
            open.close();
            closed.addLast(openPath);
            open = null;
            openPath = null;
        }
    }

    /**
     * Reads up to {@code max} events from the oldest closed segment. Call {@link #commit} once they are written.
     *
     * @return the events, empty if no closed segment is waiting
     */
    List<MarketEvent> read(int max) throws IOException {
        List<MarketEvent> events = new ArrayList<>();
        while (events.isEmpty()) {
            if (reader == null) {
                Path head;
                synchronized (this) {
                    head = closed.peekFirst();
                }
                if (head == null) {
                    return events;
                }
                reader = new Reader(head);
            }
            reader.read(events, max);
            if (events.isEmpty()) {
                deleteHead(); // an empty (or wholly corrupt) segment
            }
        }
        return events;
    }

    /** The events last {@link #read} are written: a finished segment is deleted. */
    void commit() throws IOException {
        if (reader != null && reader.exhausted) {
            deleteHead();
        }
    }

    private void deleteHead() throws IOException {
        reader.close();
        Files.deleteIfExists(reader.path);
        synchronized (this) {
            closed.remove(reader.path);
        }
        reader = null;
    }

    @Override
    public synchronized void close() throws IOException {
        closeOpenSegment();
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }

    private Path path(long id) {
        return directory.resolve(String.format("%020d", id) + SUFFIX);
    }

    private static long idOf(Path path) {
        String name = path.getFileName().toString();
        return Long.parseLong(name.substring(0, name.length() - SUFFIX.length()));
    }

    private static int writeRecord(DataOutputStream out, byte[] bytes) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        out.writeInt(bytes.length);
        out.writeInt((int) crc.getValue());
        out.write(bytes);
        return 8 + bytes.length;
    }

    /** Reads one segment front to back; a torn or corrupt tail (a crash mid-append) ends it, logged. */
    private static final class Reader implements AutoCloseable {
        final Path path;
        final DataInputStream in;
        boolean exhausted;

        Reader(Path path) throws IOException {
            this.path = path;
            InputStream file = Files.newInputStream(path);
            this.in = new DataInputStream(new BufferedInputStream(file, 1 << 16));
        }

        void read(List<MarketEvent> events, int max) throws IOException {
            while (events.size() < max && !exhausted) {
                int length;
                try {
                    length = in.readInt();
                } catch (EOFException e) {
                    exhausted = true;
                    return;
                }
                try {
                    int crc = in.readInt();
                    if (length < 0 || length > 64 << 20) {
                        throw new IOException("record length " + length);
                    }
                    byte[] bytes = in.readNBytes(length);
                    CRC32 actual = new CRC32();
                    actual.update(bytes);
                    if (bytes.length != length || (int) actual.getValue() != crc) {
                        throw new IOException("torn or corrupt record");
                    }
                    events.add(EventCodec.decode(bytes));
                } catch (IOException | IllegalArgumentException e) {
                    LOG.error("spill segment {} ends in a bad record ({}); the rest of it is skipped", path, e.toString());
                    exhausted = true;
                }
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
