package io.tributary.exchange.json;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts rejected messages of one decoder and logs them rate-limited: the 1st, 10th, 100th, ... rejection is
 * logged with its reason and the running count, so a flood of bad input costs a handful of log lines.
 */
public final class Rejections {

    private static final Logger LOG = LoggerFactory.getLogger(Rejections.class);

    private final String source;
    private final AtomicLong count = new AtomicLong();
    private long nextLoggedAt = 1;

    /** @param source who rejects, for the log line (e.g. "binance decoder") */
    public Rejections(String source) {
        this.source = source;
    }

    /** Counts one rejection; {@code reason} should say what was wrong without the (possibly huge) message. */
    public void reject(String reason) {
        long n = count.incrementAndGet();
        if (n >= nextLoggedAt) {
            nextLoggedAt = n * 10;
            LOG.warn("{} rejected a message ({} so far): {}", source, n, reason);
        }
    }

    /** @return how many messages were rejected so far (readable from any thread) */
    public long count() {
        return count.get();
    }
}
