package io.tributary.simulator.binance;

import io.tributary.simulator.TwinSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * A seeded, deterministic Binance spot market: for each symbol, each {@link #step()} emits one {@code depthUpdate}
 * (ids {@code U..u} contiguous across steps), sometimes a {@code trade} with its {@code aggTrade}, and a
 * {@code bookTicker} when the top of the book changed; {@link #partialDepth} gives the {@code @depthN} view. The
 * same seed and clock give the same events. Thread-safe.
 */
public final class MarketGenerator {
    /** What shapes the generated market. */
    record Settings(int levelsPerUpdate, int bookDepth, int tradePercent, int snapshotLag, boolean futures) {}

    private final Map<String, SymbolMarket> markets = new LinkedHashMap<>();
    private final LongSupplier epochMillis;
    private final boolean futures;

    private MarketGenerator(Builder builder) {
        Settings settings = new Settings(builder.levelsPerUpdate, builder.bookDepth, builder.tradePercent,
                builder.snapshotLag, builder.futures);
        SplittableRandom random = new SplittableRandom(builder.seed);
        for (SymbolSpec spec : builder.symbols.isEmpty() ? Builder.DEFAULT_SYMBOLS : builder.symbols) {
            markets.put(spec.symbol(), new SymbolMarket(spec, settings, random.split()));
        }
        epochMillis = builder.epochMillis;
        futures = builder.futures;
    }

    public static Builder builder() {
        return new Builder();
    }

    public List<SymbolSpec> symbols() {
        return markets.values().stream().map(SymbolMarket::spec).toList();
    }

    /** One step of every symbol, in symbol order. */
    public synchronized List<MarketEvent> step() {
        long nowMs = epochMillis.getAsLong();
        List<MarketEvent> events = new ArrayList<>(markets.size() * 3);
        for (SymbolMarket market : markets.values()) {
            market.step(nowMs, events);
        }
        return events;
    }

    /**
     * The REST {@code /api/v3/depth} body for a symbol (any case), {@code limit} levels per side at most, or null for
     * an unknown symbol. It trails the stream by the configured snapshot lag.
     */
    public synchronized String depthSnapshot(String symbol, int limit) {
        SymbolMarket market = markets.get(symbol.toUpperCase(Locale.ROOT));
        return market == null ? null : market.snapshotJson(limit, epochMillis.getAsLong());
    }

    /** Like {@link #depthSnapshot} but as the book stood when the market started: older than any buffered update. */
    public synchronized String staleDepthSnapshot(String symbol, int limit) {
        SymbolMarket market = markets.get(symbol.toUpperCase(Locale.ROOT));
        return market == null ? null : market.staleSnapshotJson(limit, epochMillis.getAsLong());
    }

    /** @return true if depth events carry the futures fields ({@code pu}, {@code T}) */
    public boolean futures() {
        return futures;
    }

    /** The book of a symbol as the stream has built it so far: {@code {"lastUpdateId":..,"bids":..,"asks":..}}. */
    public synchronized String liveBook(String symbol, int limit) {
        return market(symbol).partialDepthJson(limit);
    }

    /**
     * A partial-depth event for {@code <symbol>@depth<levels>}: the live top {@code levels} per side with the latest
     * update id, or null for an unknown symbol.
     */
    public synchronized String partialDepth(String symbol, int levels) {
        SymbolMarket market = markets.get(symbol.toUpperCase(Locale.ROOT));
        return market == null ? null : market.partialDepthJson(levels);
    }

    /**
     * A benchmark flood of the symbol's diff depth ({@link DepthFlood}), frames wrapped for {@code streamName} (null:
     * raw). When its last frame has been taken, the symbol's book and snapshot are the flood's end state. Do not step
     * the market while a flood runs.
     */
    synchronized DepthFlood depthFlood(String symbol, String streamName, long updates, int levels,
            TwinSession session) {
        SymbolMarket symbolMarket = market(symbol);
        return symbolMarket.flood(streamName, updates, levels, session, flood -> {
            synchronized (this) {
                symbolMarket.endFlood(flood);
            }
        });
    }

    /** The {@code u} of the symbol's latest depth update (sent or dropped). */
    public synchronized long lastUpdateId(String symbol) {
        return market(symbol).lastUpdateId();
    }

    /** The symbol's next depth update moves the book but is never sent: a gap ({@code U > last u + 1}) for clients. */
    public synchronized void dropNextDepthUpdate(String symbol) {
        market(symbol).dropNextUpdate();
    }

    private SymbolMarket market(String symbol) {
        SymbolMarket market = markets.get(symbol.toUpperCase(Locale.ROOT));
        if (market == null) {
            throw new IllegalArgumentException("not a generated symbol: " + symbol + "; known: " + markets.keySet());
        }
        return market;
    }

    public static final class Builder {
        static final List<SymbolSpec> DEFAULT_SYMBOLS = List.of(
                SymbolSpec.of("BTCUSDT", "65000.00", "0.01", "0.00001"),
                SymbolSpec.of("ETHUSDT", "3500.00", "0.01", "0.0001"),
                SymbolSpec.of("BNBBTC", "0.008500", "0.000001", "0.001"));

        private long seed = 42;
        private final List<SymbolSpec> symbols = new ArrayList<>();
        private int levelsPerUpdate = 3;
        private int bookDepth = 50;
        private int tradePercent = 50;
        private int snapshotLag = 5;
        private LongSupplier epochMillis = System::currentTimeMillis;
        private boolean futures;

        private Builder() {}

        /** USD-M/COIN-M futures depth: events carry {@code pu} and {@code T}, snapshots {@code E} and {@code T}. */
        public Builder futures(boolean futuresMarket) {
            futures = futuresMarket;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** Adds a symbol; without any, BTCUSDT, ETHUSDT and BNBBTC. */
        public Builder symbol(SymbolSpec spec) {
            symbols.add(spec);
            return this;
        }

        /** Random level changes per depth update (more when the mid moves and stale levels are cleared). */
        public Builder levelsPerUpdate(int levels) {
            levelsPerUpdate = positive("levelsPerUpdate", levels);
            return this;
        }

        /** Levels per side around the mid. */
        public Builder bookDepth(int levels) {
            bookDepth = positive("bookDepth", levels);
            return this;
        }

        /** Chance, in percent, that a step also trades. */
        public Builder tradePercent(int percent) {
            if (percent < 0 || percent > 100) {
                throw new IllegalArgumentException("tradePercent must be 0..100: " + percent);
            }
            tradePercent = percent;
            return this;
        }

        /** How many depth updates the REST snapshot trails the stream by. */
        public Builder snapshotLag(int updates) {
            if (updates < 0) {
                throw new IllegalArgumentException("snapshotLag must be >= 0: " + updates);
            }
            snapshotLag = updates;
            return this;
        }

        /** The clock for event times ({@code E}, {@code T}); inject a fixed one for reproducible output. */
        public Builder clock(LongSupplier epochMillis) {
            this.epochMillis = epochMillis;
            return this;
        }

        public MarketGenerator build() {
            return new MarketGenerator(this);
        }

        private static int positive(String name, int value) {
            if (value <= 0) {
                throw new IllegalArgumentException(name + " must be positive: " + value);
            }
            return value;
        }
    }
}
