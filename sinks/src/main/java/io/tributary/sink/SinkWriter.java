package io.tributary.sink;

import io.tributary.model.event.MarketEvent;
import java.util.List;

/**
 * Writes batches to one store. Called from one thread (the {@link ReliableSink}'s writer thread). A batch either
 * fails as a whole, and is retried later in the same order, or succeeds. Writes must be idempotent so that a retried
 * batch never duplicates (QuestDB: DEDUP UPSERT KEYS on WAL tables; Kafka: the idempotent producer): at-least-once
 * delivery plus idempotent writes is how "exactly once" holds across outages.
 */
public interface SinkWriter extends AutoCloseable {

    /** @return a short name for logs, stats and thread names */
    String name();

    /**
     * Writes the whole batch durably (as durably as the store promises) before returning.
     *
     * @throws Exception anything that means "not written": the batch is retried
     */
    void write(List<MarketEvent> batch) throws Exception;

    @Override
    void close();
}
