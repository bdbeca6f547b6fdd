package io.tributary.cli;

import com.alibaba.fastjson2.JSONObject;
import io.tributary.core.connection.RawMessage;
import io.tributary.core.stream.ConsumerStream;
import java.math.BigDecimal;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One symbol's consumer in the demo: drains its own stream on its own thread and keeps what the table shows. Written
 * by that thread only; read by the table thread through volatile fields and a {@link Recorder}.
 */
final class SymbolMonitor {

    private final String symbol;
    private final ConsumerStream<RawMessage> stream;
    private final AtomicLong depthUpdates = new AtomicLong();
    private final AtomicLong trades = new AtomicLong();
    private final Recorder hubLatencyNs = new Recorder(3);
    private final Histogram hubLatencyTotalNs = new Histogram(3);
    private volatile String bestBid = "-";
    private volatile String bestAsk = "-";

    SymbolMonitor(String symbol, ConsumerStream<RawMessage> stream) {
        this.symbol = symbol;
        this.stream = stream;
    }

    void start() {
        Thread.ofVirtual().name("demo-" + symbol).start(this::drain);
    }

    private void drain() {
        for (RawMessage message : stream) {
            hubLatencyNs.recordValue(Math.max(0, System.nanoTime() - message.receivedNanos()));
            if (message.json() instanceof JSONObject envelope && envelope.get("data") instanceof JSONObject event) {
                String type = event.getString("e");
                if ("depthUpdate".equals(type)) {
                    depthUpdates.incrementAndGet();
                } else if ("trade".equals(type)) {
                    trades.incrementAndGet();
                } else if (type == null && event.containsKey("b") && event.containsKey("a")) {
                    bestBid = event.getString("b");
                    bestAsk = event.getString("a");
                }
            }
        }
    }

    String symbol() {
        return symbol;
    }

    long depthUpdates() {
        return depthUpdates.get();
    }

    long trades() {
        return trades.get();
    }

    String bestBid() {
        return bestBid;
    }

    String bestAsk() {
        return bestAsk;
    }

    /** @return ask minus bid, exact, or "-" before the first best bid/ask */
    String spread() {
        String bid = bestBid;
        String ask = bestAsk;
        return bid.equals("-") || ask.equals("-") ? "-" : new BigDecimal(ask).subtract(new BigDecimal(bid)).toPlainString();
    }

    /** Latency from socket receive to this consumer over the last interval; folds it into the run's total. */
    Histogram takeInterval() {
        Histogram interval = hubLatencyNs.getIntervalHistogram();
        hubLatencyTotalNs.add(interval);
        return interval;
    }

    Histogram total() {
        return hubLatencyTotalNs;
    }

    long delivered() {
        return stream.stats().delivered();
    }

    long dropped() {
        return stream.stats().dropped();
    }

    static double micros(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / (double) TimeUnit.MICROSECONDS.toNanos(1);
    }
}
