package io.tributary.exchange.binance;

import com.alibaba.fastjson2.JSONObject;
import io.netty.channel.EventLoopGroup;
import io.tributary.book.BookView;
import io.tributary.book.L2Book;
import io.tributary.book.L2Update;
import io.tributary.book.SymbolBook;
import io.tributary.book.SyncListener;
import io.tributary.book.SyncState;
import io.tributary.core.connection.EventLoops;
import io.tributary.core.connection.Feed;
import io.tributary.core.connection.FeedStats;
import io.tributary.core.connection.RawMessage;
import io.tributary.core.connection.RecordedFrames;
import io.tributary.core.stream.ConsumerStream;
import io.tributary.core.stream.Hub;
import io.tributary.core.stream.Overflow;
import io.tributary.core.stream.StreamOptions;
import io.tributary.core.time.NanoClock;
import io.tributary.exchange.ConnectionEvents;
import io.tributary.exchange.MarketDataConnector;
import io.tributary.exchange.OfflineInput;
import io.tributary.exchange.RecordedClock;
import io.tributary.exchange.RecordedInput;
import io.tributary.exchange.RecordedSnapshots;
import io.tributary.exchange.Scales;
import io.tributary.exchange.SymbolStats;
import io.tributary.exchange.binance.BinanceDecoder.Kind;
import io.tributary.model.Decimals;
import io.tributary.model.GapEvent;
import io.tributary.model.GapReason;
import io.tributary.model.Side;
import io.tributary.model.event.Aggressor;
import io.tributary.model.event.BestBidAsk;
import io.tributary.model.event.BookGap;
import io.tributary.model.event.BookUpdate;
import io.tributary.model.event.Level;
import io.tributary.model.event.MarketEvent;
import io.tributary.model.event.Trade;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * Binance public market data (spot, USD-M or COIN-M futures; exchange-protocols.md §3), normalized.
 *
 * <p>Diff depth ({@code @depth}, {@code @depth@100ms}) is kept as an exact L2 book per symbol with the REST
 * snapshot procedure of §3.4: a symbol's updates are buffered until its snapshot arrives; a snapshot older than the
 * first buffered update is discarded and fetched again; a gap puts only that symbol out of sync (consumers get a
 * {@link BookGap}), its updates are buffered again while a new snapshot is fetched, and every other symbol keeps
 * flowing. Snapshots are paced by Binance's request weight and back off as a 429/418 {@code Retry-After} says.
 *
 * <p>Sockets: the {@link Feed} subscribes with live {@code SUBSCRIBE} messages (paced, never dropped), splits past
 * 1024 streams per socket, answers server pings, rotates every socket make-before-break before Binance's 24 h cut
 * and at once on {@code serverShutdown}; the overlap is deduplicated by update and trade ids, so the books see
 * neither a gap nor a duplicate.
 *
 * <p>Threads: the feed's socket thread classifies frames; one consumer thread of the feed keeps the books and
 * publishes the normalized events to {@link #events()}. Its queue is bounded; if it overflows, the frames lost are
 * detected by the feed's message sequence and every book is resynchronised (counted in
 * {@link #queueOverflows()}), so book data is never lost silently. Snapshot answers are applied on the fetcher's
 * thread under the same lock.
 */
public final class BinanceConnector implements MarketDataConnector {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(BinanceConnector.class);

    private static final int FULL_BOOK = Integer.MAX_VALUE;

    private final BinanceMarket market;
    private final String exchange;
    private final Feed feed;
    private final Hub<MarketEvent> events;
    private final NanoClock clock;
    private final Scales scales;
    private final int bookQueueCapacity;
    private final SnapshotFetcher snapshots;
    private final String depthUrl;
    private final int snapshotLimit;
    private final List<SnapshotTap> snapshotTaps;
    private final Set<BinanceChannel> channels;
    private final Set<String> symbols = ConcurrentHashMap.newKeySet();
    private final Map<String, SymbolState> states = new ConcurrentHashMap<>();
    private final AtomicLong queueOverflows = new AtomicLong();
    private final RecordedSnapshots recorded; // offline only: snapshots come from the recording

    // guarded by `lock`: the books are written by the book thread and the snapshot thread, one at a time
    private final Object lock = new Object();
    private final BinanceBookSync sync;
    private long lastFeedSequence;
    private long receivedNs;

    private BinanceConnector(Builder builder, RecordedClock recordedClock) {
        this.market = builder.market;
        this.exchange = market.exchange();
        this.clock = recordedClock != null ? recordedClock : builder.clock;
        this.recorded = recordedClock != null ? new RecordedSnapshots(BinanceConnector::depthSymbol, this::onSnapshot)
                : null;
        this.scales = builder.scales;
        this.channels = builder.channels.isEmpty() ? EnumSet.of(BinanceChannel.DEPTH_100MS, BinanceChannel.TRADE,
                BinanceChannel.BOOK_TICKER) : EnumSet.copyOf(builder.channels);
        this.bookQueueCapacity = builder.bookQueueCapacity;
        this.events = new Hub<>(exchange, clock);
        this.sync = new BinanceBookSync(market.rule(), scales, (symbol, firstSync) -> requestSnapshot(symbol),
                new GapsToEvents());
        URI restBase = builder.restBase != null ? builder.restBase : market.restBase();
        this.depthUrl = restBase.toString().replaceAll("/+$", "") + market.depthPath();
        this.snapshotLimit = builder.snapshotLimit;
        this.snapshotTaps = List.copyOf(builder.snapshotTaps);
        this.snapshots = new SnapshotFetcher(URI.create(restBase.toString().replaceAll("/+$", "")
                + market.depthPath()), builder.snapshotLimit, market.depthWeight(builder.snapshotLimit),
                builder.weightPerMinute > 0 ? builder.weightPerMinute : market.weightPerMinute(), clock,
                this::onSnapshot);
        symbols.addAll(builder.symbols);
        URI webSocketBase = builder.webSocketBase != null ? builder.webSocketBase : market.webSocketBase();
        Feed.Builder feedBuilder = Feed.builder(new BinanceProtocol(market, webSocketBase))
                .name(exchange)
                .subscriptions(streams(builder.symbols))
                .clock(clock)
                .eventLoopGroup(builder.eventLoopGroup)
                .maxSocketAge(builder.maxSocketAge)
                .watchdogTimeout(builder.watchdogTimeout)
                .listener(new ConnectionEvents(exchange, events, clock));
        builder.configure.forEach(step -> step.accept(feedBuilder));
        this.feed = feedBuilder.build();
    }

    /** @return a builder for {@code market} with its production endpoints */
    public static Builder builder(BinanceMarket market) {
        return new Builder(market);
    }

    /** @return a builder for spot */
    public static Builder builder() {
        return new Builder(BinanceMarket.SPOT);
    }

    @Override
    public String exchange() {
        return exchange;
    }

    public BinanceMarket market() {
        return market;
    }

    @Override
    public void start() {
        // the book thread is attached before the sockets open, so it sees every frame from the first
        feed.addHandler(null, this::onFrame,
                StreamOptions.of(bookQueueCapacity, Overflow.DROP_NEWEST).withName(exchange + "-books"));
        feed.start();
    }

    /**
     * Adds symbols on the open sockets (live {@code SUBSCRIBE}), with the connector's channels.
     *
     * @return completes when the subscriptions are sent
     */
    public CompletableFuture<Void> subscribe(Collection<String> added) {
        List<String> fresh = added.stream().map(s -> s.toUpperCase(Locale.ROOT)).filter(symbols::add).toList();
        return fresh.isEmpty() ? CompletableFuture.completedFuture(null) : feed.subscribe(streams(fresh));
    }

    /**
     * Removes symbols (live {@code UNSUBSCRIBE}); their books are no longer offered by {@link #book(String)} and
     * resynchronise if the symbols are added again.
     */
    public CompletableFuture<Void> unsubscribe(Collection<String> removed) {
        List<String> gone = removed.stream().map(s -> s.toUpperCase(Locale.ROOT)).filter(symbols::remove).toList();
        return gone.isEmpty() ? CompletableFuture.completedFuture(null) : feed.unsubscribe(streams(gone));
    }

    /** @return the symbols followed now */
    public Set<String> symbols() {
        return Set.copyOf(symbols);
    }

    @Override
    public Hub<MarketEvent> events() {
        return events;
    }

    @Override
    public ConsumerStream<MarketEvent> stream(Predicate<? super MarketEvent> filter, StreamOptions options) {
        return events.stream(filter == null ? event -> true : filter, options);
    }

    /**
     * @return the raw feed: {@link Feed#addHandler} taps every frame as received (the journal), and
     *         {@link Feed#rotate()} forces a rotation
     */
    public Feed feed() {
        return feed;
    }

    @Override
    public Optional<BookView> book(String symbol) {
        return book(symbol, FULL_BOOK);
    }

    /** @return the best {@code levels} levels of the symbol's book if it is in sync now (any thread) */
    public Optional<BookView> book(String symbol, int levels) {
        String key = symbol.toUpperCase(Locale.ROOT);
        SymbolBook book;
        synchronized (lock) {
            book = sync.book(key);
        }
        if (book == null || recorded == null && !symbols.contains(key) || book.state() != SyncState.LIVE) {
            return Optional.empty();
        }
        return Optional.of(book.book().view(levels));
    }

    @Override
    public Map<String, SymbolStats> symbolStats() {
        Map<String, SymbolStats> stats = new TreeMap<>();
        synchronized (lock) {
            for (SymbolBook book : sync.books()) {
                SymbolState state = state(book.symbol());
                stats.put(book.symbol(), SymbolStats.of(book, state.staleSnapshots.get(), state.trades.get(),
                        state.bestBidAsks.get()));
            }
        }
        states.forEach((symbol, state) -> stats.computeIfAbsent(symbol,
                s -> SymbolStats.withoutBook(s, state.trades.get(), state.bestBidAsks.get())));
        return stats;
    }

    @Override
    public FeedStats feedStats() {
        return feed.stats();
    }

    /** @return times the book thread's queue overflowed (every book was resynchronised) */
    @Override
    public long queueOverflows() {
        return queueOverflows.get();
    }

    /** @return REST snapshot requests sent */
    public long snapshotRequests() {
        return snapshots.requests();
    }

    /** @return REST answers 429 or 418 (each paused the snapshots as its {@code Retry-After} said) */
    public long snapshotsRateLimited() {
        return snapshots.rateLimited();
    }

    /** @return messages the decoder rejected (malformed, or a number that does not fit the scales) */
    public long rejected() {
        synchronized (lock) {
            return sync.rejected();
        }
    }

    @Override
    public void close() {
        feed.close(); // delivers what was received to the book thread, then its hub closes
        snapshots.close();
        events.close();
    }

    // ---- book thread -------------------------------------------------------------------------------------------

    private void onFrame(RawMessage message) {
        synchronized (lock) {
            long expected = lastFeedSequence + 1;
            if (lastFeedSequence != 0 && message.sequence() != expected) {
                overflowed(expected, message.sequence());
            }
            lastFeedSequence = message.sequence();
            receivedNs = message.receivedEpochNanos();
            byte[] bytes = message.bytes();
            Kind kind = sync.onMessage(bytes, 0, bytes.length);
            switch (kind) {
                case DEPTH_UPDATE -> afterDepthUpdate(sync.lastUpdate());
                case BOOK_TICKER -> onBookTicker(sync.ticker());
                case OTHER -> onOther(message);
                case SNAPSHOT, REJECTED -> { } // a snapshot never comes on the socket; rejections are counted
            }
        }
    }

    /** Frames were lost from the book thread's queue: no book can be trusted, each fetches a new snapshot. */
    private void overflowed(long expected, long received) {
        long overflows = queueOverflows.incrementAndGet();
        if (Long.bitCount(overflows) == 1) { // the 1st, 2nd, 4th, ... time
            LOG.warn("{}: the book thread's queue overflowed ({} so far): frames {}..{} lost; resyncing every book",
                    exchange, overflows, expected, received - 1);
        }
        for (SymbolBook book : List.copyOf(sync.books())) {
            if (book.state() != SyncState.OUT_OF_SYNC) {
                book.markOutOfSync(GapReason.SEQUENCE_GAP, expected, received);
            }
        }
    }

    private void afterDepthUpdate(L2Update update) {
        SymbolBook book = sync.book(update.symbol());
        SymbolState state = state(update.symbol());
        if (book.state() != SyncState.LIVE) {
            if (state.firstBufferedId == L2Update.NONE) {
                // §3.4 step 1: note the U of the first buffered event. An event that just broke the chain is not
                // buffered: the snapshot must then reach past it, to where the next event starts.
                state.firstBufferedId = book.buffered() > 0 ? update.firstUpdateId() : update.lastUpdateId() + 1;
            }
            return;
        }
        long applied = book.counters().applied();
        if (applied != state.applied) {
            state.applied = applied;
            if (events.hasConsumers()) {
                events.publish(bookUpdate(update));
            }
        }
    }

    private BookUpdate bookUpdate(L2Update update) {
        List<Level> bids = new ArrayList<>(update.size()); // sized once: growing them showed in the book thread's profile
        List<Level> asks = new ArrayList<>(update.size());
        for (int i = 0; i < update.size(); i++) {
            Level level = new Level(Decimals.toBigDecimal(update.price(i), update.priceScale()),
                    Decimals.toBigDecimal(update.size(i), update.sizeScale()));
            (update.side(i) == Side.BID ? bids : asks).add(level);
        }
        return new BookUpdate(exchange, update.symbol(), false, bids, asks, update.firstUpdateId(),
                update.lastUpdateId(), exchangeTime(update.eventTimeNanos()), receivedNs);
    }

    private void onBookTicker(BookTicker ticker) {
        state(ticker.symbol()).bestBidAsks.incrementAndGet();
        if (events.hasConsumers()) {
            int priceScale = scales.priceScale(ticker.symbol());
            int sizeScale = scales.sizeScale(ticker.symbol());
            events.publish(new BestBidAsk(exchange, ticker.symbol(),
                    Decimals.toBigDecimal(ticker.bidPrice(), priceScale),
                    Decimals.toBigDecimal(ticker.bidSize(), sizeScale),
                    Decimals.toBigDecimal(ticker.askPrice(), priceScale),
                    Decimals.toBigDecimal(ticker.askSize(), sizeScale),
                    ticker.updateId(), MarketEvent.NO_TIME, receivedNs));
        }
    }

    /** Trades (the book decoder leaves them alone); the feed already parsed the frame to classify it. */
    private void onOther(RawMessage message) {
        if (!(message.json() instanceof JSONObject envelope)
                || !(envelope.get("data") instanceof JSONObject event)) {
            return;
        }
        String type = event.getString("e");
        boolean trade = "trade".equals(type);
        if (!trade && !"aggTrade".equals(type)) {
            return;
        }
        String symbol = event.getString("s");
        Object id = event.get(trade ? "t" : "a");
        String price = event.getString("p");
        String size = event.getString("q");
        Object buyerIsMaker = event.get("m");
        Object timeMs = event.get("T");
        if (symbol == null || id == null || price == null || size == null) {
            return; // classified as a trade by the feed, so it had its symbol and id; a broken price is skipped
        }
        state(symbol).trades.incrementAndGet();
        if (events.hasConsumers()) {
            Aggressor aggressor = buyerIsMaker instanceof Boolean maker
                    ? (maker ? Aggressor.SELL : Aggressor.BUY) : Aggressor.UNKNOWN;
            long exchangeTimeNs = timeMs instanceof Number ms ? ms.longValue() * 1_000_000L : MarketEvent.NO_TIME;
            try {
                events.publish(new Trade(exchange, symbol, id.toString(), new BigDecimal(price), new BigDecimal(size),
                        aggressor, exchangeTimeNs, receivedNs));
            } catch (NumberFormatException e) {
                state(symbol).badTrades.incrementAndGet();
            }
        }
    }

    // ---- snapshots ---------------------------------------------------------------------------------------------

    private void requestSnapshot(String symbol) {
        if (recorded != null) {
            recorded.request(symbol);
        } else {
            snapshots.request(symbol);
        }
    }

    /** @return the symbol a recorded depth request asks for ({@code ...depth?symbol=BTCUSDT&limit=1000}), or null */
    static String depthSymbol(String url) {
        int start = url.indexOf("symbol=");
        if (start < 0) {
            return null;
        }
        start += "symbol=".length();
        int end = url.indexOf('&', start);
        return url.substring(start, end < 0 ? url.length() : end).toUpperCase(Locale.ROOT);
    }

    /** A REST snapshot arrived (fetcher thread). */
    private void onSnapshot(String symbol, byte[] body) {
        synchronized (lock) {
            SymbolBook book = sync.book(symbol);
            if (book == null || book.state() == SyncState.LIVE) {
                return; // asked twice; the first answer already made it live
            }
            SymbolState state = state(symbol);
            long snapshotId = lastUpdateId(body);
            if (isStale(snapshotId, state.firstBufferedId)) {
                // §3.4 step 3: older than what we buffered; applying it would leave a hole. Ask again.
                state.staleSnapshots.incrementAndGet();
                requestSnapshot(symbol);
                return;
            }
            receivedNs = clock.epochNanos();
            if (!snapshotTaps.isEmpty()) {
                String url = depthUrl + "?symbol=" + symbol + "&limit=" + snapshotLimit;
                long receivedMonotonicNs = clock.nanoTime();
                snapshotTaps.forEach(tap -> tap.onSnapshot(url, body, receivedMonotonicNs, receivedNs));
            }
            sync.onSnapshot(symbol, body, 0, body.length);
            if (book.state() == SyncState.LIVE) {
                state.firstBufferedId = L2Update.NONE;
                state.applied = book.counters().applied();
                if (events.hasConsumers()) {
                    events.publish(fullBook(book));
                }
            }
        }
    }

    private boolean isStale(long snapshotId, long firstBufferedId) {
        if (snapshotId == L2Update.NONE || firstBufferedId == L2Update.NONE) {
            return false;
        }
        // spot bridges when U <= lastUpdateId + 1; futures when U <= lastUpdateId
        return market == BinanceMarket.SPOT ? snapshotId + 1 < firstBufferedId : snapshotId < firstBufferedId;
    }

    /** The book as it stands after a snapshot and the buffered updates behind it: a snapshot event for consumers. */
    private BookUpdate fullBook(SymbolBook book) {
        L2Book l2 = book.book();
        List<Level> bids = new ArrayList<>(l2.depth(Side.BID));
        List<Level> asks = new ArrayList<>(l2.depth(Side.ASK));
        for (int i = 0; i < l2.depth(Side.BID); i++) {
            bids.add(level(l2, Side.BID, i));
        }
        for (int i = 0; i < l2.depth(Side.ASK); i++) {
            asks.add(level(l2, Side.ASK, i));
        }
        long id = l2.updateId();
        return new BookUpdate(exchange, l2.symbol(), true, bids, asks, id, id, exchangeTime(l2.eventTimeNanos()),
                receivedNs);
    }

    private static Level level(L2Book book, Side side, int i) {
        return new Level(Decimals.toBigDecimal(book.price(side, i), book.priceScale()),
                Decimals.toBigDecimal(book.size(side, i), book.sizeScale()));
    }

    /** Reads {@code lastUpdateId} without decoding the levels; {@link L2Update#NONE} if absent. */
    static long lastUpdateId(byte[] body) {
        byte[] key = "\"lastUpdateId\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + key.length < body.length; i++) {
            for (int k = 0; k < key.length; k++) {
                if (body[i + k] != key[k]) {
                    continue outer;
                }
            }
            int at = i + key.length;
            while (at < body.length && (body[at] == ':' || body[at] == ' ')) {
                at++;
            }
            long id = 0;
            int digits = 0;
            while (at < body.length && body[at] >= '0' && body[at] <= '9' && digits < 18) {
                id = id * 10 + (body[at++] - '0');
                digits++;
            }
            return digits == 0 ? L2Update.NONE : id;
        }
        return L2Update.NONE;
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private List<String> streams(Collection<String> symbolList) {
        List<String> streams = new ArrayList<>();
        for (String symbol : new LinkedHashSet<>(symbolList)) {
            for (BinanceChannel channel : channels) {
                streams.add(channel.stream(symbol));
            }
        }
        return streams;
    }

    private SymbolState state(String symbol) {
        return states.computeIfAbsent(symbol, s -> new SymbolState());
    }

    private static long exchangeTime(long nanos) {
        return nanos == L2Update.NONE ? MarketEvent.NO_TIME : nanos;
    }

    /** A symbol's connector-side state: counters beyond the book's own, and the sync bookkeeping. */
    private static final class SymbolState {
        final AtomicLong trades = new AtomicLong();
        final AtomicLong badTrades = new AtomicLong();
        final AtomicLong bestBidAsks = new AtomicLong();
        final AtomicLong staleSnapshots = new AtomicLong();
        long firstBufferedId = L2Update.NONE; // under lock
        long applied; // under lock
    }

    /** Gaps become {@link BookGap} events; the book sync itself asks for the snapshot. */
    private final class GapsToEvents implements SyncListener {
        @Override
        public void onOutOfSync(SymbolBook book, GapEvent event) {
            state(book.symbol()).firstBufferedId = L2Update.NONE;
            events.publish(new BookGap(event, MarketEvent.NO_TIME, receivedNs));
        }
    }

    /** Builds a {@link BinanceConnector}. */
    public static final class Builder {
        private final BinanceMarket market;
        private final List<String> symbols = new ArrayList<>();
        private final Set<BinanceChannel> channels = EnumSet.noneOf(BinanceChannel.class);
        private URI webSocketBase;
        private URI restBase;
        private Scales scales = Scales.of(8, 8);
        private NanoClock clock = NanoClock.system();
        private EventLoopGroup eventLoopGroup = EventLoops.shared();
        private Duration maxSocketAge = Duration.ofHours(23);
        private Duration watchdogTimeout = Duration.ofSeconds(45);
        private int snapshotLimit = 1000;
        private int weightPerMinute;
        private int bookQueueCapacity = 1 << 16;
        private final List<java.util.function.Consumer<Feed.Builder>> configure = new ArrayList<>();
        private final List<SnapshotTap> snapshotTaps = new ArrayList<>();

        private Builder(BinanceMarket market) {
            this.market = Objects.requireNonNull(market, "market");
        }

        /** Symbols to follow from the start, e.g. {@code BTCUSDT} (any case). */
        public Builder symbols(Collection<String> list) {
            list.forEach(symbol -> symbols.add(symbol.toUpperCase(Locale.ROOT)));
            return this;
        }

        public Builder symbols(String... list) {
            return symbols(List.of(list));
        }

        /** Channels per symbol; default depth@100ms, trade and bookTicker. */
        public Builder channels(Collection<BinanceChannel> list) {
            channels.addAll(list);
            return this;
        }

        public Builder channels(BinanceChannel... list) {
            return channels(List.of(list));
        }

        /** The WebSocket base URI (testnet, proxy, twin); default the market's production endpoint. */
        public Builder webSocketBase(URI uri) {
            this.webSocketBase = uri;
            return this;
        }

        /** The REST base URI (testnet, proxy, twin); default the market's production endpoint. */
        public Builder restBase(URI uri) {
            this.restBase = uri;
            return this;
        }

        /** Decimals kept per symbol; default 8 and 8 (Binance sends at most 8). */
        public Builder scales(Scales symbolScales) {
            this.scales = Objects.requireNonNull(symbolScales);
            return this;
        }

        /** The clock for receive stamps and REST pacing. */
        public Builder clock(NanoClock nanoClock) {
            this.clock = Objects.requireNonNull(nanoClock);
            return this;
        }

        public Builder eventLoopGroup(EventLoopGroup group) {
            this.eventLoopGroup = Objects.requireNonNull(group);
            return this;
        }

        /** Rotate each socket (make-before-break) at this age; default 23 h, before Binance's 24 h cut. */
        public Builder maxSocketAge(Duration age) {
            this.maxSocketAge = Objects.requireNonNull(age);
            return this;
        }

        /** A socket silent this long is replaced; default 45 s (Binance pings every 20 s). */
        public Builder watchdogTimeout(Duration timeout) {
            this.watchdogTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Levels per REST snapshot (1..5000); default 1000. */
        public Builder snapshotLimit(int levels) {
            if (levels < 1 || levels > 5000) {
                throw new IllegalArgumentException("snapshot limit must be 1..5000: " + levels);
            }
            this.snapshotLimit = levels;
            return this;
        }

        /** The REST weight this connector may spend per minute; default the market's whole limit. */
        public Builder weightPerMinute(int weight) {
            this.weightPerMinute = weight;
            return this;
        }

        /** The book thread's queue bound (frames); past it frames are dropped and every book resynchronised. */
        public Builder bookQueueCapacity(int frames) {
            this.bookQueueCapacity = frames;
            return this;
        }

        /** Further settings of the underlying feed (backoff, rotation overlap, trusted certificates, ...). */
        public Builder feed(java.util.function.Consumer<Feed.Builder> settings) {
            configure.add(Objects.requireNonNull(settings));
            return this;
        }

        /** Adds a tap that sees every REST snapshot a book is built from (the raw journal records them). */
        public Builder snapshotTap(SnapshotTap tap) {
            snapshotTaps.add(Objects.requireNonNull(tap));
            return this;
        }

        public BinanceConnector build() {
            return new BinanceConnector(this, null);
        }

        /**
         * A connector without sockets, fed from a recording ({@link RecordedInput}); snapshots come from the
         * recorded depth answers ({@code ...depth?symbol=...}). Its books are offered for any symbol it meets.
         */
        public RecordedInput buildOffline() {
            RecordedClock recordedClock = new RecordedClock();
            BinanceConnector connector = new BinanceConnector(this, recordedClock);
            RecordedFrames frames = new RecordedFrames(connector.exchange, new BinanceProtocol(market,
                    webSocketBase != null ? webSocketBase : market.webSocketBase()), OfflineInput.MAX_INFLATED_BYTES,
                    recordedClock, connector::onFrame);
            return new OfflineInput(connector, recordedClock, Map.of("", frames), connector.recorded);
        }
    }

    /**
     * Sees each REST depth snapshot exactly as received, just before a book is built from it, on the snapshot
     * thread: with the frames of the feed's {@code FrameTap}, a recording from which a replay rebuilds the same books.
     * Must return at once.
     */
    @FunctionalInterface
    public interface SnapshotTap {
        void onSnapshot(String url, byte[] body, long receivedNanos, long receivedEpochNanos);
    }
}
