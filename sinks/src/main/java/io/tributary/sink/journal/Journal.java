package io.tributary.sink.journal;

import io.tributary.core.connection.RawMessage;
import io.tributary.core.error.DistinctErrorLog;
import io.tributary.core.time.NanoClock;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The raw journal: every frame as received plus connect / disconnect / gap markers, appended in O(1) by any thread
 * and written by one writer thread to gzip files that rotate by size and age.
 *
 * <p>Appending never waits for the disk: records go to an in-memory batch under a lock that the writer holds only to
 * swap batches, never while writing. The writer flushes a batch when it reaches {@code batchBytes} or
 * {@code flushInterval} after its first record, so a process killed hard loses at most that last batch; each flush is
 * a gzip sync flush, so what was flushed decodes even without the file's gzip trailer. If the disk stalls, batches
 * wait in memory up to {@code maxPendingBytes}; beyond that, records are dropped, counted, logged, and marked in the
 * journal by a {@link RecordKind#LOST} record at the place of the hole. {@link #close()} writes everything appended.
 */
public final class Journal implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Journal.class);
    /** Room for a record's header line, counted against the memory budget with its payload. */
    private static final int HEADER_ESTIMATE_BYTES = 80;
    private static final DateTimeFormatter FILE_TIME =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS").withZone(ZoneOffset.UTC);

    private final Path directory;
    private final String prefix;
    private final NanoClock clock;
    private final long maxFileBytes;
    private final long maxFileAgeNanos;
    private final long batchBytes;
    private final long flushIntervalNanos;
    private final long maxPendingBytes;
    private final Duration closeTimeout;
    private final FileOpener opener;
    private final DistinctErrorLog errors;
    private final Thread writer;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private final Condition flushed = lock.newCondition();
    // Guarded by lock.
    private List<Pending> pending = new ArrayList<>();
    private long pendingBytes;
    private long firstPendingSystemNanos;
    private long nextSequence = 1;
    private long lostSinceMarker;
    private long writtenUpTo;
    private boolean flushRequested;
    private volatile boolean closing;
    private long appended;
    private long lost;
    private long maxPending;
    // Written by the writer thread only.
    private volatile long files;
    private volatile long bytesWritten;
    private volatile long writeErrors;
    private long bytesInClosedFiles;
    private final List<Path> paths = new CopyOnWriteArrayList<>();
    private JournalFile current;

    private Journal(Builder builder) {
        this.directory = builder.directory;
        this.prefix = builder.prefix;
        this.clock = builder.clock;
        this.maxFileBytes = builder.maxFileBytes;
        this.maxFileAgeNanos = builder.maxFileAge.toNanos();
        this.batchBytes = builder.batchBytes;
        this.flushIntervalNanos = builder.flushInterval.toNanos();
        this.maxPendingBytes = builder.maxPendingBytes;
        this.closeTimeout = builder.closeTimeout;
        this.opener = builder.opener;
        this.errors = new DistinctErrorLog(LOG, clock);
        this.writer = Thread.ofPlatform().name("journal-writer-" + prefix).daemon(true).unstarted(this::writeLoop);
    }

    /** @return a builder for a journal writing into {@code directory} (created if missing) */
    public static Builder builder(Path directory) {
        return new Builder(directory);
    }

    /** @return a tap to give a feed ({@code Feed.Builder.frameTap} and {@code .listener}) for one exchange */
    public JournalTap tap(String exchange) {
        return new JournalTap(this, RecordFormat.checkExchange(exchange));
    }

    /** Appends a frame as received. Never waits for the disk. */
    public void frame(String exchange, RawMessage frame) {
        append(frame.binary() ? RecordKind.BINARY : RecordKind.TEXT, exchange, frame.connectionId(),
                frame.receivedNanos(), frame.receivedEpochNanos(), frame.bytes());
    }

    /** Appends a marker stamped now by the journal's clock. Never waits for the disk. */
    public void marker(RecordKind kind, String exchange, long connectionId, String detail) {
        append(kind, exchange, connectionId, clock.nanoTime(), clock.epochNanos(),
                detail.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Appends a record. O(1), never waits for the disk; the payload is kept, not copied, so it must not change.
     *
     * @return false if the record was dropped (memory budget full, or the journal is closed); counted as lost
     */
    public boolean append(RecordKind kind, String exchange, long connectionId, long receivedNanos,
                          long receivedEpochNanos, byte[] payload) {
        long size = payload.length + HEADER_ESTIMATE_BYTES;
        boolean accepted;
        lock.lock();
        try {
            accepted = !closing && pendingBytes + 2 * HEADER_ESTIMATE_BYTES + size <= maxPendingBytes;
            if (!accepted) {
                lost++;
                lostSinceMarker++;
            } else {
                if (pending.isEmpty()) {
                    firstPendingSystemNanos = System.nanoTime();
                }
                if (lostSinceMarker > 0) {
                    byte[] count = Long.toString(lostSinceMarker).getBytes(StandardCharsets.US_ASCII);
                    add(new Pending(nextSequence++, RecordKind.LOST, exchange, 0, receivedNanos, receivedEpochNanos,
                            count));
                    lostSinceMarker = 0;
                }
                add(new Pending(nextSequence++, kind, exchange, connectionId, receivedNanos, receivedEpochNanos,
                        payload));
                appended++;
                if (pendingBytes >= batchBytes && pendingBytes - size < batchBytes) {
                    work.signal();
                }
            }
        } finally {
            lock.unlock();
        }
        if (!accepted) {
            errors.record("journal " + prefix + " lost", "dropped a " + kind + " record of " + exchange
                    + (closing ? ": the journal is closed" : ": " + maxPendingBytes
                    + " bytes already wait for a stalled disk"));
        }
        return accepted;
    }

    private void add(Pending record) {
        pending.add(record);
        pendingBytes += record.payload.length + HEADER_ESTIMATE_BYTES;
        maxPending = Math.max(maxPending, pendingBytes);
    }

    /**
     * Waits until every record appended before this call is written to the file system.
     *
     * @return false if that did not happen within {@code timeout} (e.g. the disk is stalled)
     */
    public boolean flush(Duration timeout) throws InterruptedException {
        long deadlineNs = System.nanoTime() + timeout.toNanos();
        lock.lock();
        try {
            long target = nextSequence - 1;
            flushRequested = true;
            work.signal();
            while (writtenUpTo < target) {
                long leftNs = deadlineNs - System.nanoTime();
                if (leftNs <= 0 || !writer.isAlive()) {
                    return false;
                }
                flushed.awaitNanos(leftNs);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** @return the counters now */
    public JournalStats stats() {
        lock.lock();
        try {
            return new JournalStats(appended, writtenUpTo, lost, pendingBytes, maxPending, files, bytesWritten,
                    writeErrors);
        } finally {
            lock.unlock();
        }
    }

    /** @return the files written so far, oldest first */
    public List<Path> files() {
        return List.copyOf(paths);
    }

    /** @return where the files go */
    public Path directory() {
        return directory;
    }

    /**
     * Stops accepting records, writes everything appended and closes the file. Waits up to the close timeout for a
     * stalled disk, then gives up (logged; what was still waiting is lost).
     */
    @Override
    public void close() {
        lock.lock();
        try {
            if (closing) {
                return;
            }
            closing = true;
            work.signal();
        } finally {
            lock.unlock();
        }
        try {
            if (!writer.join(closeTimeout)) {
                LOG.warn("journal {}: the disk did not take the last records within {}; {} bytes not written",
                        prefix, closeTimeout, stats().pendingBytes());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- the writer thread -------------------------------------------------------------------------------------

    private void writeLoop() {
        List<Pending> spare = new ArrayList<>();
        while (true) {
            List<Pending> batch;
            long upTo;
            boolean last;
            lock.lock();
            try {
                awaitBatch();
                batch = pending;
                pending = spare;
                pendingBytes = 0;
                upTo = nextSequence - 1;
                flushRequested = false;
                last = closing;
            } catch (InterruptedException e) {
                return; // only close() stops the writer, and it never interrupts
            } finally {
                lock.unlock();
            }
            writeWithRetry(batch, last);
            batch.clear();
            spare = batch;
            lock.lock();
            try {
                writtenUpTo = upTo;
                flushed.signalAll();
            } finally {
                lock.unlock();
            }
            if (last) {
                closeCurrent();
                return;
            }
        }
    }

    /** Waits (holding the lock) until a batch is due: full, old enough, asked for, or the journal closing. */
    private void awaitBatch() throws InterruptedException {
        while (!closing && !flushRequested && pendingBytes < batchBytes) {
            if (pending.isEmpty()) {
                work.awaitNanos(flushIntervalNanos);
            } else {
                long leftNs = firstPendingSystemNanos + flushIntervalNanos - System.nanoTime();
                if (leftNs <= 0) {
                    return;
                }
                work.awaitNanos(leftNs);
            }
        }
    }

    /** A failed batch is written again to a fresh file (a reader may then see its first records twice). */
    private void writeWithRetry(List<Pending> batch, boolean last) {
        if (batch.isEmpty()) {
            return;
        }
        for (int attempt = 1; ; attempt++) {
            try {
                write(batch);
                return;
            } catch (IOException | UncheckedIOException e) {
                writeErrors++;
                errors.record("journal " + prefix + " write", "writing " + batch.size() + " records to "
                        + (current == null ? directory : current.path) + " failed (attempt " + attempt + "): " + e);
                abandonCurrent();
                if ((last || closing) && attempt >= 3 || !pauseBeforeRetry()) {
                    lock.lock();
                    try {
                        lost += batch.size();
                    } finally {
                        lock.unlock();
                    }
                    return;
                }
            }
        }
    }

    private boolean pauseBeforeRetry() {
        lock.lock();
        try {
            work.awaitNanos(TimeUnit.SECONDS.toNanos(1));
            return true;
        } catch (InterruptedException e) {
            return false;
        } finally {
            lock.unlock();
        }
    }

    private void write(List<Pending> batch) throws IOException {
        if (current != null && (current.size() >= maxFileBytes
                || clock.nanoTime() - current.openedNanos >= maxFileAgeNanos)) {
            closeCurrent();
        }
        if (current == null) {
            openNext();
        }
        for (Pending record : batch) {
            current.write(RecordFormat.header(record.kind, record.sequence, record.exchange, record.connectionId,
                    record.receivedNanos, record.receivedEpochNanos, record.payload.length), record.payload);
        }
        current.flush();
        bytesWritten = bytesInClosedFiles + current.size();
    }

    private void openNext() throws IOException {
        Files.createDirectories(directory);
        long epochNanos = clock.epochNanos();
        String time = FILE_TIME.format(Instant.ofEpochSecond(0, epochNanos));
        Path path = directory.resolve(String.format("%s-%s-%04d%s", prefix, time, files + 1,
                RecordFormat.FILE_SUFFIX));
        current = new JournalFile(path, opener.open(path), clock.nanoTime());
        files++;
        paths.add(path);
    }

    private void closeCurrent() {
        if (current == null) {
            return;
        }
        try {
            current.close();
        } catch (IOException e) {
            writeErrors++;
            errors.record("journal " + prefix + " close", "closing " + current.path + " failed: " + e);
        }
        bytesInClosedFiles += current.size();
        bytesWritten = bytesInClosedFiles;
        current = null;
    }

    private void abandonCurrent() {
        if (current != null) {
            bytesInClosedFiles += current.size();
            try {
                current.close();
            } catch (IOException ignored) {
                // the file already failed; its flushed part stays readable
            }
            current = null;
        }
    }

    /** A record waiting for the writer. */
    private record Pending(long sequence, RecordKind kind, String exchange, long connectionId, long receivedNanos,
                           long receivedEpochNanos, byte[] payload) {
    }

    /** Opens a journal file for writing (the file system by default; tests put a stalling stream behind it). */
    @FunctionalInterface
    interface FileOpener {
        OutputStream open(Path path) throws IOException;
    }

    /** Builds a {@link Journal}; {@link #build()} starts its writer thread. */
    public static final class Builder {
        private final Path directory;
        private String prefix = "journal";
        private NanoClock clock = NanoClock.system();
        private long maxFileBytes = 256L * 1024 * 1024;
        private Duration maxFileAge = Duration.ofHours(1);
        private long batchBytes = 1024 * 1024;
        private Duration flushInterval = Duration.ofMillis(200);
        private long maxPendingBytes = 512L * 1024 * 1024;
        private Duration closeTimeout = Duration.ofSeconds(30);
        private FileOpener opener = path -> Files.newOutputStream(path, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);

        private Builder(Path directory) {
            this.directory = Objects.requireNonNull(directory, "directory");
        }

        /** The start of file names ({@code PREFIX-yyyyMMdd-HHmmss-SSS-NNNN.journal.gz}); default "journal". */
        public Builder prefix(String filePrefix) {
            this.prefix = RecordFormat.checkExchange(filePrefix);
            return this;
        }

        /** Stamps markers and ages files; default the system clock. */
        public Builder clock(NanoClock nanoClock) {
            this.clock = Objects.requireNonNull(nanoClock);
            return this;
        }

        /** A file reaching this many compressed bytes is closed and a new one opened; default 256 MiB. */
        public Builder maxFileBytes(long bytes) {
            this.maxFileBytes = positive(bytes);
            return this;
        }

        /** A file older than this is closed at the next batch and a new one opened; default 1 h. */
        public Builder maxFileAge(Duration age) {
            this.maxFileAge = positive(age);
            return this;
        }

        /** A batch this big is written at once; default 1 MiB. */
        public Builder batchBytes(long bytes) {
            this.batchBytes = positive(bytes);
            return this;
        }

        /** The longest a record waits in memory before it is flushed (what a hard kill may lose); default 200 ms. */
        public Builder flushInterval(Duration interval) {
            this.flushInterval = positive(interval);
            return this;
        }

        /** Memory for records waiting on a slow disk; past it records are dropped and marked LOST; default 512 MiB. */
        public Builder maxPendingBytes(long bytes) {
            this.maxPendingBytes = positive(bytes);
            return this;
        }

        /** How long {@link Journal#close()} waits for a stalled disk; default 30 s. */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = positive(timeout);
            return this;
        }

        Builder opener(FileOpener fileOpener) {
            this.opener = Objects.requireNonNull(fileOpener);
            return this;
        }

        /** @return the journal, its writer running (the first file is created with the first batch) */
        public Journal build() {
            Journal journal = new Journal(this);
            journal.writer.start();
            return journal;
        }

        private static long positive(long value) {
            if (value < 1) {
                throw new IllegalArgumentException("must be positive: " + value);
            }
            return value;
        }

        private static Duration positive(Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("must be positive: " + value);
            }
            return value;
        }
    }
}
