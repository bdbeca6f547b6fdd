package io.tributary.cli;

import io.tributary.core.stream.ConsumerStream;
import io.tributary.model.event.BookGap;
import io.tributary.model.event.BookUpdate;
import io.tributary.model.event.MarketEvent;
import io.tributary.model.event.Trade;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The demo's consumer of one connector's normalized events: per symbol, book updates, trades and gaps, and the
 * latency from the frame's socket receive to this consumer (the book already applied it). Drains its stream on its
 * own thread; the table thread reads counters and interval histograms.
 */
final class DemoMonitor {

    /** One symbol's figures: written by the consumer thread, read by the table thread. */
    static final class SymbolFigures {
        final AtomicLong bookUpdates = new AtomicLong();
        final AtomicLong trades = new AtomicLong();
        final AtomicLong gaps = new AtomicLong();
        private final Recorder latencyNs = new Recorder(3);
        private final Histogram totalNs = new Histogram(3);
        private long updatesShown;

        /** The latency since the last call, folded into the run's total. Table thread only. */
        Histogram takeInterval() {
            Histogram interval = latencyNs.getIntervalHistogram();
            totalNs.add(interval);
            return interval;
        }

        /** @return the book updates since the last call. Table thread only. */
        long takeUpdates() {
            long now = bookUpdates.get();
            long since = now - updatesShown;
            updatesShown = now;
            return since;
        }

        Histogram total() {
            return totalNs;
        }
    }

    private final String exchange;
    private final ConsumerStream<MarketEvent> stream;
    private final Map<String, SymbolFigures> figures = new LinkedHashMap<>();

    /** @param symbols spelled as the connector's events spell them */
    DemoMonitor(String exchange, List<String> symbols, ConsumerStream<MarketEvent> stream) {
        this.exchange = exchange;
        this.stream = stream;
        symbols.forEach(symbol -> figures.put(symbol, new SymbolFigures()));
    }

    void start() {
        Thread.ofPlatform().name("demo-consumer-" + exchange).daemon().start(this::drain);
    }

    SymbolFigures figures(String symbol) {
        return figures.get(symbol);
    }

    long dropped() {
        return stream.stats().dropped();
    }

    private void drain() {
        for (MarketEvent event : stream) {
            SymbolFigures symbol = figures.get(event.symbol());
            if (symbol == null) {
                continue; // connection events carry no symbol
            }
            switch (event) {
                case BookUpdate update when !update.snapshot() -> {
                    symbol.bookUpdates.incrementAndGet();
                    symbol.latencyNs.recordValue(Math.max(0, epochNanos() - update.receivedNs()));
                }
                case Trade trade -> symbol.trades.incrementAndGet();
                case BookGap gap -> symbol.gaps.incrementAndGet();
                default -> { }
            }
        }
    }

    /** The same clock as the connector's receive stamps (wall clock, nanoseconds). */
    private static long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    static double micros(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0
                : histogram.getValueAtPercentile(percentile) / (double) TimeUnit.MICROSECONDS.toNanos(1);
    }
}
