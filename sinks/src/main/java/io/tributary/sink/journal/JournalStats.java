package io.tributary.sink.journal;

/**
 * A journal's counters at one instant.
 *
 * @param appended          records accepted (each got a sequence)
 * @param written           records handed to the file system (flushed)
 * @param lost              records dropped because the memory budget was full (each drop run is marked LOST)
 * @param pendingBytes      payload bytes waiting for the writer now
 * @param maxPendingBytes   the most payload bytes that ever waited
 * @param files             files opened so far
 * @param bytesWritten      compressed bytes written, all files
 * @param writeErrors       failed writes (the batch is retried in a new file)
 */
public record JournalStats(long appended, long written, long lost, long pendingBytes, long maxPendingBytes,
                           long files, long bytesWritten, long writeErrors) {
}
