package io.tributary.sink.kafka;

import io.tributary.model.event.MarketEvent;
import io.tributary.sink.SinkWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory store that keeps every event written to it, in order, and can be switched to refuse writes. */
final class RecordingStore implements SinkWriter {

    private final List<MarketEvent> events = new ArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile boolean down;

    void down(boolean down) {
        this.down = down;
    }

    /** @return writes refused while down */
    int refused() {
        return refused.get();
    }

    synchronized List<MarketEvent> events() {
        return List.copyOf(events);
    }

    synchronized int size() {
        return events.size();
    }

    @Override
    public String name() {
        return "recording";
    }

    @Override
    public void write(List<MarketEvent> batch) {
        if (down) {
            refused.incrementAndGet();
            throw new IllegalStateException("store is down");
        }
        synchronized (this) {
            events.addAll(batch);
        }
    }

    @Override
    public void close() {
    }
}
