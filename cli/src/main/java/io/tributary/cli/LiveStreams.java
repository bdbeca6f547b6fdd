package io.tributary.cli;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.tributary.book.SyncState;
import io.tributary.core.connection.FeedStats;
import io.tributary.core.connection.SocketState;
import io.tributary.core.time.NanoClock;
import io.tributary.exchange.MarketDataConnector;
import io.tributary.exchange.SymbolStats;
import io.tributary.model.event.MarketEvent;
import io.tributary.sink.CaptureStore;
import io.tributary.sink.SinkStats;
import io.tributary.sink.kafka.KafkaEventSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToDoubleFunction;

/**
 * What {@code /api/v1/streams} shows live and {@code /metrics} exports: per exchange and symbol the book's state and
 * counters and the age of the last message; per connector its feed (sockets, reconnects, bad input); the sinks'
 * counters; the Kafka source's when filling the store from Kafka.
 */
final class LiveStreams {

    record Health(List<ExchangeHealth> exchanges, Map<String, SinkStats> sinks, long storeRejected,
                  KafkaEventSource.Stats fromKafka) {
    }

    record ExchangeHealth(String exchange, FeedHealth feed, long queueOverflows, List<SymbolHealth> symbols) {
    }

    record FeedHealth(int sockets, int liveSockets, long messages, long reconnects, long rotations,
                      long watchdogTimeouts, long badInput, Map<String, Long> badInputByKind) {
    }

    /** @param lastMessageAgeMs milliseconds since the symbol's last event arrived, null before the first */
    record SymbolHealth(String symbol, SyncState book, long messages, long applied, long gaps, long resyncs,
                        long trades, long bestBidAsks, Long lastMessageAgeMs) {
    }

    private final CaptureStore store;
    private final NanoClock clock;
    private final List<MarketDataConnector> connectors = new CopyOnWriteArrayList<>();
    private final Map<MarketDataConnector, List<String>> symbols = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lastReceivedNs = new ConcurrentHashMap<>(); // by exchange + '\0' + symbol
    private volatile KafkaEventSource fromKafka;

    LiveStreams(CaptureStore store, NanoClock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Follows {@code connector}: its counters, and (through a tap on its events) when each symbol last spoke.
     *
     * @param captured its symbols, as the exchange spells them (known before it starts, for the metrics)
     */
    void follow(MarketDataConnector connector, List<String> captured) {
        connectors.add(connector);
        symbols.put(connector, List.copyOf(captured));
        connector.events().addTap(event -> !event.symbol().isEmpty(), this::seen, "streams");
    }

    void follow(KafkaEventSource source) {
        this.fromKafka = source;
    }

    private void seen(MarketEvent event) {
        lastReceivedNs.computeIfAbsent(key(event.exchange(), event.symbol()), k -> new AtomicLong())
                .set(event.receivedNs());
    }

    /** @return the health now, for {@code /api/v1/streams} */
    Health health() {
        List<ExchangeHealth> exchanges = new ArrayList<>();
        long nowNs = clock.epochNanos();
        for (MarketDataConnector connector : connectors) {
            List<SymbolHealth> symbols = new ArrayList<>();
            for (SymbolStats s : new TreeMap<>(connector.symbolStats()).values()) {
                AtomicLong last = lastReceivedNs.get(key(connector.exchange(), s.symbol()));
                symbols.add(new SymbolHealth(s.symbol(), s.state(), s.bookMessages(), s.applied(), s.gaps(),
                        s.resyncs(), s.trades(), s.bestBidAsks(),
                        last == null ? null : Math.max(0, (nowNs - last.get()) / 1_000_000)));
            }
            exchanges.add(new ExchangeHealth(connector.exchange(), feed(connector.feedStats()),
                    connector.queueOverflows(), symbols));
        }
        KafkaEventSource source = fromKafka;
        return new Health(exchanges, store.sinkStats(), store.rejected(), source == null ? null : source.stats());
    }

    private static FeedHealth feed(FeedStats feed) {
        Map<String, Long> byKind = new TreeMap<>();
        feed.badInput().forEach((kind, count) -> byKind.put(kind.name(), count));
        int live = (int) feed.sockets().stream().filter(s -> s.state() == SocketState.LIVE).count();
        return new FeedHealth(feed.sockets().size(), live, feed.delivered(), feed.reconnects(), feed.rotations(),
                feed.watchdogTimeouts(), byKind.values().stream().mapToLong(Long::longValue).sum(), byKind);
    }

    /** Exports the same figures to {@code registry} (Prometheus on {@code /metrics}), read at each scrape. */
    void register(MeterRegistry registry) {
        for (MarketDataConnector c : connectors) {
            String exchange = c.exchange();
            counter(registry, "tributary.feed.messages", exchange, c, x -> x.feedStats().delivered());
            counter(registry, "tributary.feed.reconnects", exchange, c, x -> x.feedStats().reconnects());
            counter(registry, "tributary.feed.bad.input", exchange, c, x -> feed(x.feedStats()).badInput());
            Gauge.builder("tributary.feed.sockets.live", c, x -> feed(x.feedStats()).liveSockets())
                    .tag("exchange", exchange).register(registry);
            for (String symbol : symbols.get(c)) {
                symbolMeters(registry, c, exchange, symbol);
            }
        }
        store.sinkStats().keySet().forEach(sink -> sinkMeters(registry, sink));
    }

    private void symbolMeters(MeterRegistry registry, MarketDataConnector c, String exchange, String symbol) {
        Gauge.builder("tributary.book.live", c, x -> stat(x, symbol, s -> s.state() == SyncState.LIVE ? 1 : 0))
                .tags("exchange", exchange, "symbol", symbol).register(registry);
        FunctionCounter.builder("tributary.book.messages", c, x -> stat(x, symbol, SymbolStats::bookMessages))
                .tags("exchange", exchange, "symbol", symbol).register(registry);
        FunctionCounter.builder("tributary.book.gaps", c, x -> stat(x, symbol, SymbolStats::gaps))
                .tags("exchange", exchange, "symbol", symbol).register(registry);
        FunctionCounter.builder("tributary.book.resyncs", c, x -> stat(x, symbol, SymbolStats::resyncs))
                .tags("exchange", exchange, "symbol", symbol).register(registry);
        FunctionCounter.builder("tributary.trades", c, x -> stat(x, symbol, SymbolStats::trades))
                .tags("exchange", exchange, "symbol", symbol).register(registry);
        Gauge.builder("tributary.last.message.age.seconds", this, x -> {
            AtomicLong last = lastReceivedNs.get(key(exchange, symbol));
            return last == null ? Double.NaN : (clock.epochNanos() - last.get()) / 1e9;
        }).tags("exchange", exchange, "symbol", symbol).register(registry);
    }

    private void sinkMeters(MeterRegistry registry, String sink) {
        Gauge.builder("tributary.sink.buffered", store, s -> s.sinkStats().get(sink).buffered()).tag("sink", sink)
                .register(registry);
        FunctionCounter.builder("tributary.sink.written", store, s -> s.sinkStats().get(sink).written())
                .tag("sink", sink).register(registry);
        FunctionCounter.builder("tributary.sink.spilled", store, s -> s.sinkStats().get(sink).spilled())
                .tag("sink", sink).register(registry);
        FunctionCounter.builder("tributary.sink.retries", store, s -> s.sinkStats().get(sink).retries())
                .tag("sink", sink).register(registry);
        FunctionCounter.builder("tributary.sink.lost", store, s -> s.sinkStats().get(sink).lost())
                .tag("sink", sink).register(registry);
    }

    private static void counter(MeterRegistry registry, String name, String exchange, MarketDataConnector c,
                                ToDoubleFunction<MarketDataConnector> value) {
        FunctionCounter.builder(name, c, value).tag("exchange", exchange).register(registry);
    }

    /** @return one figure of a symbol's counters, 0 before the connector knows the symbol */
    private static double stat(MarketDataConnector connector, String symbol, ToDoubleFunction<SymbolStats> figure) {
        SymbolStats stats = connector.symbolStats().get(symbol);
        return stats == null ? 0 : figure.applyAsDouble(stats);
    }

    private static String key(String exchange, String symbol) {
        return exchange + '\u0000' + symbol;
    }
}
