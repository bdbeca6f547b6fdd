package io.tributary.sink;

import io.tributary.core.connection.Backoff;
import io.tributary.core.error.DistinctErrorLog;
import io.tributary.core.time.NanoClock;
import io.tributary.model.event.MarketEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts market events into a store without ever making the caller wait for it, and without losing any.
 *
 * <p>{@link #accept} is O(1): it appends to a bounded in-memory buffer, or, when the buffer is full, to an
 * append-only spill file (local disk, never the store). A writer thread takes batches (up to {@code batchSize}, or
 * what arrived within {@code linger}) and hands them to the {@link SinkWriter}; a failed batch is retried, in order,
 * with capped exponential backoff while the store is down. Events keep their order: the buffer holds older events
 * than the spill files, and once anything is spilled, new events go to the spill until the writer has replayed it.
 *
 * <p>{@link #close} flushes everything. If the store stays down past {@code closeTimeout}, what is left is written to
 * the spill directory and replayed first by the next sink opened on it: never lost. Together with an idempotent
 * writer (retries never duplicate), every event lands in the store exactly once.
 *
 * <p>A batch the store refuses as it is ({@link RejectedBatchException}: retrying cannot help) is split in halves
 * until the refused events are found; they are set aside in {@code <spill directory>.rejected} (counted,
 * logged) and everything else is written.
 */
public final class ReliableSink implements Consumer<MarketEvent>, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ReliableSink.class);

    private final SinkWriter writer;
    private final int batchSize;
    private final long lingerNs;
    private final Backoff backoff;
    private final long closeTimeoutNs;
    private final ArrayBlockingQueue<MarketEvent> buffer;
    private final SpillFiles spill;
    private final long segmentBytes;
    private final Path refusedDirectory;
    private SpillFiles refused; // writer thread; opened on the first event the store refuses
    private final DistinctErrorLog errors;
    private final Thread thread;

    private final Object lock = new Object();
    private boolean spilling; // guarded by lock: new events go to the spill files until the writer has replayed them
    private boolean replayFirst; // writer thread: closed spill segments are older than the buffer, replay them first
    private boolean closed; // guarded by lock
    private volatile boolean closing;
    private volatile long closeDeadlineNs;

    private final AtomicLong received = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong spilled = new AtomicLong();
    private final AtomicLong replayed = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile String lastError = "";

    private ReliableSink(Builder b) throws IOException {
        this.writer = b.writer;
        this.batchSize = b.batchSize;
        this.lingerNs = b.linger.toNanos();
        this.backoff = b.backoff;
        this.closeTimeoutNs = b.closeTimeout.toNanos();
        this.buffer = new ArrayBlockingQueue<>(b.bufferCapacity);
        this.spill = new SpillFiles(Objects.requireNonNull(b.spillDirectory, "spillDirectory"), b.segmentBytes);
        this.refusedDirectory = b.spillDirectory.resolveSibling(b.spillDirectory.getFileName() + ".rejected");
        this.segmentBytes = b.segmentBytes;
        this.errors = new DistinctErrorLog(LOG, NanoClock.system());
        this.spilling = spill.hasClosed(); // an earlier run's spill is older than anything new
        this.thread = Thread.ofPlatform().name("sink-" + writer.name()).daemon(true).unstarted(this::run);
        thread.start();
    }

    /** @return a builder for a sink writing through {@code writer} */
    public static Builder builder(SinkWriter writer) {
        return new Builder(writer);
    }

    /**
     * Takes one event. Never waits for the store: O(1) into memory, or an append to the spill file when the buffer
     * is full.
     *
     * @throws IllegalStateException after {@link #close}
     */
    @Override
    public void accept(MarketEvent event) {
        Objects.requireNonNull(event, "event");
        synchronized (lock) {
            if (closed) {
                throw new IllegalStateException("sink '" + writer.name() + "' is closed");
            }
            received.incrementAndGet();
            if (!spilling && buffer.offer(event)) {
                return;
            }
            spilling = true;
            try {
                spill.append(event);
                spilled.incrementAndGet();
            } catch (IOException e) {
                lost.incrementAndGet();
                lastError = "spill failed: " + e;
                LOG.error("sink '{}' could neither buffer nor spill an event; it is lost: {}", writer.name(), e.toString());
            }
        }
    }

    /** @return the counters now */
    public SinkStats stats() {
        return new SinkStats(received.get(), written.get(), retries.get(), spilled.get(), replayed.get(),
                buffer.size(), lost.get(), rejected.get(), lastError);
    }

    /**
     * Stops taking events and flushes everything to the store; if it is still down after {@code closeTimeout}, the
     * rest stays in the spill directory for the next start. Then closes the writer.
     */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        closeDeadlineNs = System.nanoTime() + closeTimeoutNs;
        closing = true;
        LockSupport.unpark(thread);
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            synchronized (lock) {
                try {
                    spill.close(); // what the writer did not replay stays on disk, complete
                    if (refused != null) {
                        refused.close();
                    }
                } catch (IOException e) {
                    lastError = "spill close failed: " + e;
                    LOG.error("sink '{}' could not close its spill file: {}", writer.name(), e.toString());
                }
            }
            writer.close();
        }
    }

    private void run() {
        try {
            while (true) {
                List<MarketEvent> batch = new ArrayList<>(Math.min(batchSize, 4096));
                if (!replayFirst && takeFromBuffer(batch)) {
                    if (!write(batch, false)) {
                        return;
                    }
                    continue;
                }
                batch = spill.read(batchSize);
                if (!batch.isEmpty()) {
                    if (!write(batch, true)) {
                        return;
                    }
                    continue;
                }
                synchronized (lock) {
                    if (replayFirst) {
                        replayFirst = false; // the closed segments are written; the buffer holds the next oldest
                        continue;
                    }
                    if (spill.hasOpenSegment()) {
                        // While spilling, accept only appends to the open segment, so the buffer is empty: close the
                        // segment and let new events into the buffer at once (they are newer than every segment),
                        // rather than waiting for a pause in the feed that a steady feed never has.
                        spill.closeOpenSegment();
                        spilling = false;
                        replayFirst = true;
                        continue;
                    }
                    spilling = false;
                    if (closed && buffer.isEmpty()) {
                        spill.close();
                        return; // everything is written
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            lastError = "sink stopped: " + e;
            LOG.error("sink '{}' writer thread stopped; unwritten events go to its spill directory", writer.name(), e);
            keepOnDiskQuietly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            keepOnDiskQuietly();
        }
    }

    /** The writer cannot go on: from now on everything goes to disk, for the next start to replay. */
    private void keepOnDiskQuietly() {
        try {
            keepOnDisk(List.of());
        } catch (IOException e) {
            LOG.error("sink '{}' cannot spill its buffer ({} events lost): {}", writer.name(), buffer.size(),
                    e.toString());
        }
    }

    /** Fills {@code batch} from memory: whatever is there, topped up for at most {@code linger}. */
    private boolean takeFromBuffer(List<MarketEvent> batch) throws InterruptedException {
        if (buffer.drainTo(batch, batchSize) == 0) {
            MarketEvent first = buffer.poll(closing ? 0 : Math.max(lingerNs, 1_000_000), TimeUnit.NANOSECONDS);
            if (first == null) {
                return false;
            }
            batch.add(first);
        }
        long deadlineNs = System.nanoTime() + lingerNs;
        while (batch.size() < batchSize && !closing) {
            long leftNs = deadlineNs - System.nanoTime();
            MarketEvent next = leftNs <= 0 ? null : buffer.poll(leftNs, TimeUnit.NANOSECONDS);
            if (next == null) {
                break;
            }
            batch.add(next);
            buffer.drainTo(batch, batchSize - batch.size());
        }
        return true;
    }

    /**
     * Writes one batch, retrying until it succeeds, or until the close deadline passes: then the batch and the rest
     * of the buffer go to the spill directory.
     *
     * @return false if the writer gave up (closing with the store down)
     */
    private boolean write(List<MarketEvent> batch, boolean fromSpill) throws IOException, InterruptedException {
        if (!deliver(batch)) {
            keepOnDisk(fromSpill ? List.of() : batch); // parts already written are written again: writes are idempotent
            return false;
        }
        if (fromSpill) {
            replayed.addAndGet(batch.size());
            spill.commit();
        }
        return true;
    }

    /** @return false if the close deadline passed with the store still down */
    private boolean deliver(List<MarketEvent> batch) throws IOException, InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                writer.write(batch);
                written.addAndGet(batch.size());
                return true;
            } catch (InterruptedException e) {
                throw e;
            } catch (RejectedBatchException e) {
                if (batch.size() == 1) {
                    setAside(batch.getFirst(), e);
                    return true;
                }
                int half = batch.size() / 2;
                return deliver(batch.subList(0, half)) && deliver(batch.subList(half, batch.size()));
            } catch (Exception e) {
                retries.incrementAndGet();
                lastError = String.valueOf(e);
                errors.record("sink '" + writer.name() + "' write failed", "sink '" + writer.name()
                        + "' write failed, retrying (events are kept): " + e);
                if (closing && System.nanoTime() - closeDeadlineNs >= 0) {
                    return false;
                }
                pause(backoff.delayNanos(attempt, ThreadLocalRandom.current()::nextDouble));
            }
        }
    }

    /** An event the store refuses: kept on disk for a person to look at, never retried. */
    private void setAside(MarketEvent event, RejectedBatchException e) throws IOException {
        if (refused == null) {
            refused = new SpillFiles(refusedDirectory, segmentBytes);
        }
        refused.append(event);
        rejected.incrementAndGet();
        lastError = String.valueOf(e);
        errors.record("sink '" + writer.name() + "' refused", "sink '" + writer.name() + "': the store refuses an "
                + "event, set aside in " + refusedDirectory + ": " + e.getMessage() + "; event " + event);
    }

    /**
     * Leaves everything unwritten in the spill directory, oldest first, for the next start; events accepted after
     * this go straight to the spill files, which {@link #close} closes.
     */
    private void keepOnDisk(List<MarketEvent> batch) throws IOException {
        synchronized (lock) {
            spilling = true;
            List<MarketEvent> rest = new ArrayList<>(batch);
            buffer.drainTo(rest);
            if (!rest.isEmpty()) {
                spill.prepend(rest); // older than every spilled event
                spilled.addAndGet(rest.size());
            }
        }
        LOG.warn("sink '{}' stops writing; {} unwritten events stay in its spill directory for the next start",
                writer.name(), received.get() - written.get());
    }

    /** Waits out a backoff delay; cut short by {@link #close} so the deadline is honoured. */
    private void pause(long delayNs) {
        long endNs = System.nanoTime() + delayNs;
        while (true) {
            long untilNs = closing ? Math.min(endNs, closeDeadlineNs) : endNs;
            long leftNs = untilNs - System.nanoTime();
            if (leftNs <= 0) {
                return;
            }
            LockSupport.parkNanos(this, leftNs);
        }
    }

    /** Settings for a {@link ReliableSink}. */
    public static final class Builder {
        private final SinkWriter writer;
        private int batchSize = 1000;
        private Duration linger = Duration.ofMillis(20);
        private int bufferCapacity = 100_000;
        private Path spillDirectory;
        private long segmentBytes = 64L << 20;
        private Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofSeconds(5), Duration.ZERO);
        private Duration closeTimeout = Duration.ofSeconds(10);

        private Builder(SinkWriter writer) {
            this.writer = Objects.requireNonNull(writer, "writer");
        }

        /** Most events per write (default 1000). */
        public Builder batchSize(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("batchSize must be at least 1");
            }
            this.batchSize = n;
            return this;
        }

        /** How long a partial batch waits for more events (default 20 ms). */
        public Builder linger(Duration linger) {
            this.linger = Objects.requireNonNull(linger, "linger");
            return this;
        }

        /** Events held in memory before spilling to disk (default 100,000). */
        public Builder bufferCapacity(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("bufferCapacity must be at least 1");
            }
            this.bufferCapacity = n;
            return this;
        }

        /** Where spill segments go (required); segments found there are replayed first. */
        public Builder spillDirectory(Path directory) {
            this.spillDirectory = Objects.requireNonNull(directory, "directory");
            return this;
        }

        /** Size at which a spill segment is closed and becomes replayable (default 64 MiB). */
        public Builder segmentBytes(long bytes) {
            this.segmentBytes = bytes;
            return this;
        }

        /** Retry delays while the store is down (default 50 ms doubling to 5 s, with jitter). */
        public Builder backoff(Backoff backoff) {
            this.backoff = Objects.requireNonNull(backoff, "backoff");
            return this;
        }

        /** How long {@link ReliableSink#close} keeps retrying before leaving the rest on disk (default 10 s). */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = Objects.requireNonNull(timeout, "timeout");
            return this;
        }

        /** Opens the spill directory and starts the writer thread. */
        public ReliableSink build() {
            try {
                return new ReliableSink(this);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open spill directory " + spillDirectory, e);
            }
        }
    }
}
