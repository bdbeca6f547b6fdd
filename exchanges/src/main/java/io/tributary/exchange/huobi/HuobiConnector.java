package io.tributary.exchange.huobi;

import com.alibaba.fastjson2.JSONObject;
import io.netty.channel.EventLoopGroup;
import io.tributary.book.BookChecksum;
import io.tributary.book.BookView;
import io.tributary.book.HuobiSequence;
import io.tributary.book.L2Book;
import io.tributary.book.L2Update;
import io.tributary.book.SequenceTracker;
import io.tributary.book.SymbolBook;
import io.tributary.book.SyncListener;
import io.tributary.book.SyncState;
import io.tributary.core.connection.EventLoops;
import io.tributary.core.connection.Feed;
import io.tributary.core.connection.FeedStats;
import io.tributary.core.connection.RawMessage;
import io.tributary.core.connection.RecordedFrames;
import io.tributary.core.connection.SocketInfo;
import io.tributary.core.error.BadInput;
import io.tributary.core.error.DistinctErrorLog;
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
import io.tributary.exchange.Scales;
import io.tributary.exchange.SymbolBooks;
import io.tributary.exchange.SymbolStats;
import io.tributary.exchange.huobi.HuobiDecoder.Kind;
import io.tributary.model.Decimals;
import io.tributary.model.GapEvent;
import io.tributary.model.GapReason;
import io.tributary.model.Side;
import io.tributary.model.event.BestBidAsk;
import io.tributary.model.event.BookGap;
import io.tributary.model.event.BookUpdate;
import io.tributary.model.event.Level;
import io.tributary.model.event.MarketEvent;
import io.tributary.model.event.Trade;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTX (Huobi) spot public market data (exchange-protocols.md §4), normalized.
 *
 * <p>Two feeds, as HTX serves them: {@code /feed} carries the incremental MBP book, {@code /ws} trades, best
 * bid/offer and the {@code depth.step0} full books. An MBP symbol's increments are buffered until the answer to a
 * {@code req} sent on the same {@code /feed} socket; increments the snapshot covers are skipped, the next must
 * chain on its {@code seqNum} by {@code prevSeqNum}, and so on ({@link HuobiSequence}). A broken chain puts that
 * symbol alone out of sync (a {@link BookGap}) and sends a new {@code req}; a new {@code /feed} socket does the same
 * for every symbol, since the chain of the old one cannot be continued. With {@link HuobiChannel#DEPTH_STEP0}
 * instead, every message is a full book and an older or repeated version is skipped.
 *
 * <p>Trades carry the taker side ({@code direction}) and are deduplicated by {@code tradeId} across reconnects.
 * Threads: each feed's socket thread classifies frames (and answers pings); one consumer thread per feed applies
 * them under one lock and publishes the normalized events.
 */
public final class HuobiConnector implements MarketDataConnector {

    private static final Logger log = LoggerFactory.getLogger(HuobiConnector.class);
    private static final String EXCHANGE = "huobi";
    private static final int RECENT_TRADES = 4096;
    private static final long REQUEST_SPACING_NS = TimeUnit.MILLISECONDS.toNanos(100);

    private final Hub<MarketEvent> events;
    private final NanoClock clock;
    private final Scales scales;
    private final HuobiChannel bookChannel;
    private final HuobiProtocol feedProtocol;
    private final Feed mbpFeed; // null without an MBP channel
    private final Feed wsFeed; // null without a /ws channel
    private final int bookQueueCapacity;
    private final Map<String, SymbolState> states = new ConcurrentHashMap<>();
    private final AtomicLong snapshotRequests = new AtomicLong();
    private final AtomicLong snapshotRetries = new AtomicLong();
    private final Duration snapshotRetryDelay;
    private final AtomicLong acks = new AtomicLong();
    private final AtomicLong errorReplies = new AtomicLong();
    private final AtomicLong duplicateTrades = new AtomicLong();
    private final AtomicLong queueOverflows = new AtomicLong();
    private final boolean offline; // fed from a recording: a req's answer is among the recorded frames
    private final DistinctErrorLog errorLog;

    // guarded by `lock`: both feeds' consumer threads write the books and the decoder
    private final Object lock = new Object();
    private final HuobiDecoder decoder;
    private final SymbolBooks books;
    private final Map<String, String> pendingRequests = new HashMap<>(); // req id -> symbol
    private long nextRequestNs; // the earliest time the next req may go out
    private long mbpConnection;
    private long lastMbpSequence;
    private long lastWsSequence;
    private long receivedNs;

    private HuobiConnector(Builder builder, RecordedClock recordedClock) {
        this.offline = recordedClock != null;
        this.clock = offline ? recordedClock : builder.clock;
        this.scales = builder.scales;
        this.bookQueueCapacity = builder.bookQueueCapacity;
        this.snapshotRetryDelay = builder.snapshotRetryDelay;
        this.events = new Hub<>(EXCHANGE, clock);
        this.errorLog = new DistinctErrorLog(log, clock);
        Set<HuobiChannel> channels = builder.channels.isEmpty()
                ? EnumSet.of(HuobiChannel.MBP_150, HuobiChannel.TRADE, HuobiChannel.BBO)
                : EnumSet.copyOf(builder.channels);
        List<HuobiChannel> bookChannels = channels.stream().filter(HuobiChannel::isBook).toList();
        if (bookChannels.size() > 1) {
            throw new IllegalArgumentException("one book channel per connector, got " + bookChannels);
        }
        this.bookChannel = bookChannels.isEmpty() ? null : bookChannels.get(0);
        this.decoder = new HuobiDecoder(scales);
        this.books = new SymbolBooks(EXCHANGE, bookRules(scales), (symbol, firstSync) -> requestSnapshot(symbol),
                new GapsToEvents(), true);
        URI base = builder.webSocketBase;
        this.feedProtocol = new HuobiProtocol(base, "/feed");
        List<String> feedTopics = new ArrayList<>();
        List<String> wsTopics = new ArrayList<>();
        for (String symbol : builder.symbols) {
            for (HuobiChannel channel : channels) {
                (channel.onFeedPath() ? feedTopics : wsTopics).add(channel.topic(symbol));
            }
        }
        this.mbpFeed = feedTopics.isEmpty() ? null : feed(builder, feedProtocol, "huobi-mbp", feedTopics);
        this.wsFeed = wsTopics.isEmpty() ? null : feed(builder, new HuobiProtocol(base, "/ws"), EXCHANGE, wsTopics);
    }

    private Feed feed(Builder builder, HuobiProtocol protocol, String name, List<String> topics) {
        Feed.Builder feed = Feed.builder(protocol)
                .name(name)
                .subscriptions(topics)
                .clock(clock)
                .eventLoopGroup(builder.eventLoopGroup)
                .watchdogTimeout(builder.watchdogTimeout)
                .maxInflatedBytes(builder.maxInflatedBytes)
                .listener(new ConnectionEvents(EXCHANGE, events, clock));
        builder.configure.forEach(step -> step.accept(feed));
        return feed.build();
    }

    /** @return HTX's book rules: books at {@code scales}, the seqNum/prevSeqNum chain, no checksum (§4.7) */
    public static SymbolBooks.Factory bookRules(Scales scales) {
        return new SymbolBooks.Factory() {
            @Override
            public L2Book book(String symbol) {
                return new L2Book(symbol, scales.priceScale(symbol), scales.sizeScale(symbol));
            }

            @Override
            public SequenceTracker tracker() {
                return new HuobiSequence();
            }

            @Override
            public BookChecksum checksum() {
                return null;
            }
        };
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String exchange() {
        return EXCHANGE;
    }

    @Override
    public void start() {
        // the book threads are attached before the sockets open, so they see every frame from the first
        if (mbpFeed != null) {
            mbpFeed.addHandler(null, this::onMbpFrame,
                    StreamOptions.of(bookQueueCapacity, Overflow.DROP_NEWEST).withName("huobi-mbp-books"));
            mbpFeed.start();
        }
        if (wsFeed != null) {
            wsFeed.addHandler(null, this::onWsFrame,
                    StreamOptions.of(bookQueueCapacity, Overflow.DROP_NEWEST).withName("huobi-ws"));
            wsFeed.start();
        }
    }

    @Override
    public Hub<MarketEvent> events() {
        return events;
    }

    @Override
    public ConsumerStream<MarketEvent> stream(Predicate<? super MarketEvent> filter, StreamOptions options) {
        return events.stream(filter == null ? event -> true : filter, options);
    }

    @Override
    public Optional<BookView> book(String symbol) {
        SymbolBook book;
        synchronized (lock) {
            book = books.get(symbol);
            if (book == null || book.state() != SyncState.LIVE) {
                return Optional.empty();
            }
            return Optional.of(book.book().view(Integer.MAX_VALUE));
        }
    }

    @Override
    public Map<String, SymbolStats> symbolStats() {
        Map<String, SymbolStats> stats = new TreeMap<>();
        synchronized (lock) {
            for (SymbolBook book : books.all()) {
                SymbolState state = state(book.symbol());
                stats.put(book.symbol(), SymbolStats.of(book, state.staleSnapshots.get(), state.trades.get(),
                        state.bestBidAsks.get()));
            }
        }
        states.forEach((symbol, state) -> stats.computeIfAbsent(symbol,
                s -> SymbolStats.withoutBook(s, state.trades.get(), state.bestBidAsks.get())));
        return stats;
    }

    /** @return both feeds' counters added up */
    @Override
    public FeedStats feedStats() {
        if (mbpFeed == null || wsFeed == null) {
            return (mbpFeed != null ? mbpFeed : wsFeed).stats();
        }
        FeedStats a = mbpFeed.stats();
        FeedStats b = wsFeed.stats();
        Map<BadInput, Long> badInput = new EnumMap<>(BadInput.class);
        a.badInput().forEach((kind, n) -> badInput.merge(kind, n, Long::sum));
        b.badInput().forEach((kind, n) -> badInput.merge(kind, n, Long::sum));
        List<SocketInfo> sockets = new ArrayList<>(a.sockets());
        sockets.addAll(b.sockets());
        return new FeedStats(a.delivered() + b.delivered(), a.duplicates() + b.duplicates(),
                a.connectsStarted() + b.connectsStarted(), a.reconnects() + b.reconnects(),
                a.rotations() + b.rotations(), a.watchdogTimeouts() + b.watchdogTimeouts(), badInput, sockets);
    }

    /** @return the {@code /feed} (MBP) feed, if any: taps, forced rotation */
    public Optional<Feed> mbpFeed() {
        return Optional.ofNullable(mbpFeed);
    }

    /** @return the {@code /ws} feed, if any */
    public Optional<Feed> wsFeed() {
        return Optional.ofNullable(wsFeed);
    }

    /** @return {@code req} snapshots sent */
    public long snapshotRequests() {
        return snapshotRequests.get();
    }

    /** @return {@code req}s sent again after a {@code 429 too many request} refusal */
    public long snapshotRetries() {
        return snapshotRetries.get();
    }

    /** @return {@code sub}/{@code unsub} acknowledgements received */
    public long acks() {
        return acks.get();
    }

    /** @return error replies received ({@code invalid topic}, {@code 429 too many request}, ...) */
    public long errorReplies() {
        return errorReplies.get();
    }

    /** @return trades dropped because their {@code tradeId} was already delivered */
    public long duplicateTrades() {
        return duplicateTrades.get();
    }

    /** @return messages the decoder rejected */
    public long rejected() {
        synchronized (lock) {
            return decoder.rejected();
        }
    }

    /** @return times a book thread's queue overflowed (its books were resynchronised) */
    @Override
    public long queueOverflows() {
        return queueOverflows.get();
    }

    @Override
    public void close() {
        if (mbpFeed != null) {
            mbpFeed.close();
        }
        if (wsFeed != null) {
            wsFeed.close();
        }
        events.close();
    }

    // ---- book threads ------------------------------------------------------------------------------------------

    private void onMbpFrame(RawMessage message) {
        synchronized (lock) {
            if (lastMbpSequence != 0 && message.sequence() != lastMbpSequence + 1) {
                queueOverflows.incrementAndGet();
                resyncAll(lastMbpSequence + 1, message.sequence());
            }
            lastMbpSequence = message.sequence();
            if (mbpConnection != 0 && message.connectionId() != mbpConnection) {
                // a new socket: the old chain cannot be continued, and a req sent on the old one is lost
                pendingRequests.clear();
                resyncAll(L2Update.NONE, L2Update.NONE);
            }
            mbpConnection = message.connectionId();
            onFrame(message);
        }
    }

    private void onWsFrame(RawMessage message) {
        synchronized (lock) {
            if (lastWsSequence != 0 && message.sequence() != lastWsSequence + 1
                    && bookChannel == HuobiChannel.DEPTH_STEP0) {
                queueOverflows.incrementAndGet(); // full books: the next one repairs it, nothing else to do
            }
            lastWsSequence = message.sequence();
            onFrame(message);
        }
    }

    private void resyncAll(long expected, long received) {
        for (SymbolBook book : List.copyOf(books.all())) {
            if (book.state() != SyncState.OUT_OF_SYNC) {
                book.markOutOfSync(GapReason.SEQUENCE_GAP, expected, received);
            }
        }
    }

    private void onFrame(RawMessage message) {
        if (!(message.json() instanceof JSONObject json)) {
            return; // the protocol already counted it
        }
        receivedNs = message.receivedEpochNanos();
        Kind kind = decoder.decode(json);
        switch (kind) {
            case MBP_UPDATE -> onIncrement(decoder.update());
            case MBP_SNAPSHOT, DEPTH_SNAPSHOT -> onSnapshot(decoder.update(), kind);
            case TRADES -> decoder.trades().forEach(this::onTrade);
            case BBO -> onBbo(decoder.bbo());
            case ACK -> acks.incrementAndGet();
            case ERROR -> {
                errorReplies.incrementAndGet();
                errorLog.record("huobi error reply: " + decoder.errorMessage(), message.preview());
                String refused = pendingRequests.remove(String.valueOf(decoder.errorId()));
                if (refused != null && String.valueOf(decoder.errorMessage()).startsWith("429")) {
                    retrySnapshot(refused);
                }
            }
            case OTHER, REJECTED -> { } // rejected ones are counted by the decoder
        }
    }

    private void onIncrement(L2Update update) {
        SymbolBook book = books.onUpdate(update);
        if (book.state() != SyncState.LIVE) {
            return;
        }
        SymbolState state = state(update.symbol());
        long applied = book.counters().applied();
        if (applied != state.applied) {
            state.applied = applied;
            if (events.hasConsumers()) {
                events.publish(bookUpdate(update));
            }
        }
    }

    private void onSnapshot(L2Update update, Kind kind) {
        if (kind == Kind.MBP_SNAPSHOT) {
            pendingRequests.values().remove(update.symbol());
        }
        SymbolBook book = books.bookFor(update.symbol());
        SymbolState state = state(update.symbol());
        if (kind == Kind.MBP_SNAPSHOT && book.state() == SyncState.LIVE
                || kind == Kind.DEPTH_SNAPSHOT && book.state() == SyncState.LIVE
                && update.lastUpdateId() <= book.book().updateId()) {
            state.staleSnapshots.incrementAndGet(); // a second answer, or a full book not newer than ours
            return;
        }
        book.onUpdate(update);
        if (book.state() == SyncState.LIVE) {
            state.applied = book.counters().applied();
            if (events.hasConsumers()) {
                events.publish(fullBook(book));
            }
        }
    }

    private void onTrade(HuobiTrade trade) {
        SymbolState state = state(trade.symbol());
        if (!state.tradeIds.add(trade.tradeId())) {
            duplicateTrades.incrementAndGet();
            return;
        }
        state.trades.incrementAndGet();
        if (events.hasConsumers()) {
            events.publish(new Trade(EXCHANGE, trade.symbol(), trade.tradeId(), trade.price(), trade.amount(),
                    trade.aggressor(), trade.timeMs() > 0 ? trade.timeMs() * 1_000_000L : MarketEvent.NO_TIME,
                    receivedNs));
        }
    }

    private void onBbo(HuobiBbo bbo) {
        state(bbo.symbol()).bestBidAsks.incrementAndGet();
        if (events.hasConsumers()) {
            events.publish(new BestBidAsk(EXCHANGE, bbo.symbol(), bbo.bid(), bbo.bidSize(), bbo.ask(),
                    bbo.askSize(), bbo.seqId(), bbo.quoteTimeMs() > 0 ? bbo.quoteTimeMs() * 1_000_000L
                    : MarketEvent.NO_TIME, receivedNs));
        }
    }

    /** Asks for an MBP snapshot on the {@code /feed} socket (the one carrying the subscription, as HTX requires). */
    private void requestSnapshot(String symbol) {
        if (mbpFeed == null || bookChannel == null || !bookChannel.onFeedPath()) {
            return; // full-book channel: the next message is the snapshot
        }
        snapshotRequests.incrementAndGet();
        if (offline) {
            return; // the recording holds the reply to the request made live
        }
        String id = feedProtocol.nextRequestId();
        pendingRequests.put(id, symbol);
        String request = HuobiProtocol.request(bookChannel.topic(symbol), id);
        // at most one req per REQUEST_SPACING: HTX refuses bursts with 429 (docs/protocols/huobi.md)
        long nowNs = clock.nanoTime();
        long delayNs = Math.max(0, nextRequestNs - nowNs);
        nextRequestNs = nowNs + delayNs + REQUEST_SPACING_NS;
        // fails only without an open socket; the new socket's first frame resyncs every book anyway
        if (delayNs == 0) {
            mbpFeed.send(request);
        } else {
            CompletableFuture.delayedExecutor(delayNs, TimeUnit.NANOSECONDS).execute(() -> mbpFeed.send(request));
        }
    }

    /**
     * A {@code req} refused with {@code 429 too many request} (HTX answers a burst of them so, see
     * docs/protocols/huobi.md) leaves its book waiting for a snapshot that will never come: ask again after a pause.
     */
    private void retrySnapshot(String symbol) {
        snapshotRetries.incrementAndGet();
        CompletableFuture.delayedExecutor(snapshotRetryDelay.toNanos(), TimeUnit.NANOSECONDS).execute(() -> {
            synchronized (lock) {
                SymbolBook book = books.get(symbol);
                if (book != null && book.state() != SyncState.LIVE && !pendingRequests.containsValue(symbol)) {
                    requestSnapshot(symbol);
                }
            }
        });
    }

    private BookUpdate bookUpdate(L2Update update) {
        List<Level> bids = new ArrayList<>(update.size());
        List<Level> asks = new ArrayList<>(update.size());
        for (int i = 0; i < update.size(); i++) {
            Level level = new Level(Decimals.toBigDecimal(update.price(i), update.priceScale()),
                    Decimals.toBigDecimal(update.size(i), update.sizeScale()));
            (update.side(i) == Side.BID ? bids : asks).add(level);
        }
        return new BookUpdate(EXCHANGE, update.symbol(), false, bids, asks, update.prevUpdateId(),
                update.lastUpdateId(), exchangeTime(update.eventTimeNanos()), receivedNs);
    }

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
        return new BookUpdate(EXCHANGE, l2.symbol(), true, bids, asks, id, id, exchangeTime(l2.eventTimeNanos()),
                receivedNs);
    }

    private static Level level(L2Book book, Side side, int i) {
        return new Level(Decimals.toBigDecimal(book.price(side, i), book.priceScale()),
                Decimals.toBigDecimal(book.size(side, i), book.sizeScale()));
    }

    private static long exchangeTime(long nanos) {
        return nanos == L2Update.NONE ? MarketEvent.NO_TIME : nanos;
    }

    private SymbolState state(String symbol) {
        return states.computeIfAbsent(symbol, s -> new SymbolState());
    }

    /** A symbol's connector-side counters and trade ids. */
    private static final class SymbolState {
        final AtomicLong trades = new AtomicLong();
        final AtomicLong bestBidAsks = new AtomicLong();
        final AtomicLong staleSnapshots = new AtomicLong();
        final RecentTradeIds tradeIds = new RecentTradeIds(RECENT_TRADES); // under lock
        long applied; // under lock
    }

    /** Gaps become {@link BookGap} events; the book sync itself asks for the snapshot. */
    private final class GapsToEvents implements SyncListener {
        @Override
        public void onOutOfSync(SymbolBook book, GapEvent event) {
            events.publish(new BookGap(event, MarketEvent.NO_TIME, receivedNs));
        }
    }

    /** Builds a {@link HuobiConnector}. */
    public static final class Builder {
        private final List<String> symbols = new ArrayList<>();
        private final Set<HuobiChannel> channels = EnumSet.noneOf(HuobiChannel.class);
        private URI webSocketBase = HuobiProtocol.PRODUCTION;
        private Scales scales = Scales.of(10, 10);
        private NanoClock clock = NanoClock.system();
        private EventLoopGroup eventLoopGroup = EventLoops.shared();
        private Duration watchdogTimeout = Duration.ofSeconds(30);
        private int maxInflatedBytes = 4 << 20;
        private int bookQueueCapacity = 1 << 16;
        private Duration snapshotRetryDelay = Duration.ofSeconds(1);
        private final List<java.util.function.Consumer<Feed.Builder>> configure = new ArrayList<>();

        private Builder() {
        }

        /** Symbols to follow, e.g. {@code btcusdt} (spot symbols are lower case; given in any case). */
        public Builder symbols(Collection<String> list) {
            list.forEach(symbol -> symbols.add(symbol.toLowerCase(Locale.ROOT)));
            return this;
        }

        public Builder symbols(String... list) {
            return symbols(List.of(list));
        }

        /** Channels per symbol, at most one book channel; default MBP 150, trades and bbo. */
        public Builder channels(HuobiChannel... list) {
            channels.addAll(List.of(list));
            return this;
        }

        /** Host of {@code /ws} and {@code /feed}; default {@link HuobiProtocol#PRODUCTION}. */
        public Builder webSocketBase(URI uri) {
            this.webSocketBase = Objects.requireNonNull(uri);
            return this;
        }

        /** Decimals kept per symbol; default 10 and 10. */
        public Builder scales(Scales symbolScales) {
            this.scales = Objects.requireNonNull(symbolScales);
            return this;
        }

        public Builder clock(NanoClock nanoClock) {
            this.clock = Objects.requireNonNull(nanoClock);
            return this;
        }

        public Builder eventLoopGroup(EventLoopGroup group) {
            this.eventLoopGroup = Objects.requireNonNull(group);
            return this;
        }

        /** A socket silent this long is replaced; default 30 s (HTX pings every 5 s). */
        public Builder watchdogTimeout(Duration timeout) {
            this.watchdogTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** The cap on one inflated frame; a frame past it is counted as bad input and the socket goes on. */
        public Builder maxInflatedBytes(int bytes) {
            this.maxInflatedBytes = bytes;
            return this;
        }

        /** The pause before a {@code req} refused with {@code 429} is sent again; default 1 s. */
        public Builder snapshotRetryDelay(Duration delay) {
            this.snapshotRetryDelay = Objects.requireNonNull(delay);
            return this;
        }

        public Builder bookQueueCapacity(int frames) {
            this.bookQueueCapacity = frames;
            return this;
        }

        /** Further settings of the underlying feeds (backoff, rotation, ...). */
        public Builder feed(java.util.function.Consumer<Feed.Builder> settings) {
            configure.add(Objects.requireNonNull(settings));
            return this;
        }

        public HuobiConnector build() {
            if (symbols.isEmpty()) {
                throw new IllegalStateException("no symbols");
            }
            return new HuobiConnector(this, null);
        }

        /**
         * A connector without sockets, fed from a recording ({@link RecordedInput}): frames of a {@code /feed} socket
         * take the MBP path (the recorded {@code req} replies among them), every other socket the {@code /ws} path.
         * Symbols are optional: books are kept for any symbol the recording carries.
         */
        public RecordedInput buildOffline() {
            RecordedClock recordedClock = new RecordedClock();
            HuobiConnector connector = new HuobiConnector(this, recordedClock);
            RecordedFrames mbp = new RecordedFrames("huobi-mbp", new HuobiProtocol(webSocketBase, "/feed"),
                    maxInflatedBytes, recordedClock, connector::onMbpFrame);
            RecordedFrames ws = new RecordedFrames(EXCHANGE, new HuobiProtocol(webSocketBase, "/ws"),
                    maxInflatedBytes, recordedClock, connector::onWsFrame);
            return new OfflineInput(connector, recordedClock, Map.of("/feed", mbp, "", ws), null);
        }
    }
}
