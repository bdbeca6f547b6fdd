package io.tributary.sink;

/**
 * A snapshot of a {@link ReliableSink}'s counters, in events.
 *
 * @param received  events handed to {@code accept}
 * @param written   events the writer confirmed (including replayed ones)
 * @param retries   failed write attempts (each is retried)
 * @param spilled   events that went to the spill files because the buffer was full (or at shutdown)
 * @param replayed  spilled events read back and written
 * @param buffered  events waiting in memory now
 * @param lost      events that could be neither buffered nor spilled (the spill disk failed); logged as errors
 * @param rejected  events the store refused as they are, set aside in {@code <spill directory>.rejected}
 * @param lastError the last write or spill failure, empty if none
 */
public record SinkStats(long received, long written, long retries, long spilled, long replayed, long buffered,
                        long lost, long rejected, String lastError) {
}
