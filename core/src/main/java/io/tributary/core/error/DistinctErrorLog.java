package io.tributary.core.error;

import io.tributary.core.time.NanoClock;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Logs each distinct error key at its first occurrence, then at most once per interval with the number of
 * occurrences since the previous line. Bad input from an exchange can arrive thousands of times per second; this
 * keeps the log readable while every occurrence is still counted. Thread-safe.
 */
public final class DistinctErrorLog {

    private final Logger logger;
    private final NanoClock clock;
    private final long intervalNs;
    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    /**
     * @param logger     where lines go (WARN)
     * @param clock      time source
     * @param intervalNs minimum time between two lines for the same key, in nanoseconds
     */
    public DistinctErrorLog(Logger logger, NanoClock clock, long intervalNs) {
        this.logger = logger;
        this.clock = clock;
        this.intervalNs = intervalNs;
    }

    /** A log with one line per key per minute at most. */
    public DistinctErrorLog(Logger logger, NanoClock clock) {
        this(logger, clock, TimeUnit.MINUTES.toNanos(1));
    }

    /**
     * Records one occurrence.
     *
     * @param key     the distinct error (e.g. feed name + kind)
     * @param message what happened this time (logged only if a line is due)
     * @return true if a line was written
     */
    public boolean record(String key, String message) {
        long nowNs = clock.nanoTime();
        Entry entry = entries.computeIfAbsent(key, k -> new Entry());
        long suppressed;
        synchronized (entry) {
            entry.total++;
            if (entry.total > 1 && nowNs - entry.lastLoggedNs < intervalNs) {
                entry.sinceLastLine++;
                return false;
            }
            suppressed = entry.sinceLastLine;
            entry.sinceLastLine = 0;
            entry.lastLoggedNs = nowNs;
        }
        if (suppressed == 0) {
            logger.warn("{}: {}", key, message);
        } else {
            logger.warn("{}: {} ({} more since the last line)", key, message, suppressed);
        }
        return true;
    }

    /** @return how many times {@code key} was recorded */
    public long count(String key) {
        Entry entry = entries.get(key);
        if (entry == null) {
            return 0;
        }
        synchronized (entry) {
            return entry.total;
        }
    }

    private static final class Entry {
        long total;
        long sinceLastLine;
        long lastLoggedNs;
    }
}
