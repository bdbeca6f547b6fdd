package io.tributary.exchange.gemini;

import com.alibaba.fastjson2.JSONObject;
import io.netty.channel.EventLoopGroup;
import io.tributary.book.BookView;
import io.tributary.book.L2Book;
import io.tributary.book.L2Update;
import io.tributary.book.SymbolBook;
import io.tributary.book.SyncListener;
import io.tributary.book.SyncState;
import io.tributary.core.connection.EventLoops;
import io.tributary.core.connection.ExchangeProtocol;
import io.tributary.core.connection.Feed;
import io.tributary.core.connection.FeedStats;
import io.tributary.core.connection.RawMessage;
import io.tributary.core.connection.RecordedFrames;
import io.tributary.core.connection.SocketInfo;
import io.tributary.core.connection.SocketState;
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
import io.tributary.exchange.SymbolStats;
import io.tributary.exchange.gemini.GeminiDecoder.Kind;
import io.tributary.model.Decimals;
import io.tributary.model.GapEvent;
import io.tributary.model.Side;
import io.tributary.model.event.BookGap;
import io.tributary.model.event.BookUpdate;
import io.tributary.model.event.ConnectionEvent;
import io.tributary.model.event.Level;
import io.tributary.model.event.MarketEvent;
import io.tributary.model.event.Trade;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gemini public market data, normalized: books and trades of many symbols, over market data v2 (default) or v1
 * ({@link Builder#api}). The events are the same either way: {@link Trade} with the taker side, {@link BookUpdate}
 * (the whole book after a full-book message), {@link BookGap} and {@link ConnectionEvent}.
 *
 * <p>v2 ({@code l2}, one socket): each symbol's first {@code l2_updates} is its full book; later changes are applied
 * in order. With no sequence numbers, a book left crossed (a lost message) puts only that symbol out of sync: it is
 * unsubscribed and subscribed again for a fresh full book, while the others keep flowing. A lost socket marks every
 * book out of sync until the reconnect's full books arrive. Trades are deduplicated by {@code event_id} per symbol,
 * which drops the last 50 trades each new subscription repeats.
 *
 * <p>v1 (one socket per symbol): the book starts from the {@code reason:"initial"} changes; {@code socket_sequence}
 * runs over every message including heartbeats, and a hole (or a first number other than 0) replaces only that
 * symbol's socket, whose new session brings the whole book again. Trades are deduplicated by {@code tid}.
 *
 * <p>Threads: the feed's socket thread classifies frames; one consumer thread of the feed keeps the books and
 * publishes the normalized events. If its bounded queue overflows, the lost frames are detected by the feed's
 * message sequence and every book resyncs (counted in {@link #queueOverflows()}).
 */
public final class GeminiConnector implements MarketDataConnector {

    private static final Logger log = LoggerFactory.getLogger(GeminiConnector.class);
    private static final String EXCHANGE = "gemini";

    private final Feed feed;
    private final Hub<MarketEvent> events;
    private final NanoClock clock;
    private final Scales scales;
    private final int bookQueueCapacity;
    private final Map<String, SymbolState> states = new ConcurrentHashMap<>();
    private final AtomicLong queueOverflows = new AtomicLong();
    private final AtomicLong resubscriptions = new AtomicLong();
    private volatile boolean closing;

    // guarded by `lock`: written by the book thread, read by any thread
    private final Object lock = new Object();
    private final GeminiBooks sync;
    private final boolean offline; // fed from a recording: a book that needs a fresh one waits for the next full book
    private long lastFeedSequence;
    private long receivedNs;

    private GeminiConnector(Builder builder, RecordedClock recordedClock) {
        this.offline = recordedClock != null;
        this.clock = offline ? recordedClock : builder.clock;
        this.scales = builder.scales;
        this.bookQueueCapacity = builder.bookQueueCapacity;
        this.events = new Hub<>(EXCHANGE, clock);
        ExchangeProtocol protocol;
        if (builder.api == GeminiApi.V1) {
            GeminiV1Protocol v1 = new GeminiV1Protocol(builder.webSocketBase);
            this.sync = new GeminiV1BookSync(scales, v1::replace, new GapsToEvents());
            protocol = v1;
        } else {
            this.sync = new GeminiBookSync(scales, (symbol, firstSync) -> resubscribe(symbol), new GapsToEvents());
            protocol = new GeminiProtocol(builder.webSocketBase);
        }
        Feed.Builder feedBuilder = Feed.builder(protocol)
                .name(EXCHANGE)
                .subscriptions(builder.symbols)
                .clock(clock)
                .eventLoopGroup(builder.eventLoopGroup)
                .maxSocketAge(builder.maxSocketAge)
                .watchdogTimeout(builder.watchdogTimeout)
                .listener(new SocketsToEvents());
        builder.configure.forEach(step -> step.accept(feedBuilder));
        this.feed = feedBuilder.build();
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
        feed.addHandler(null, this::onFrame,
                StreamOptions.of(bookQueueCapacity, Overflow.DROP_NEWEST).withName(EXCHANGE + "-books"));
        feed.start();
    }

    @Override
    public Hub<MarketEvent> events() {
        return events;
    }

    @Override
    public ConsumerStream<MarketEvent> stream(Predicate<? super MarketEvent> filter, StreamOptions options) {
        return events.stream(filter == null ? event -> true : filter, options);
    }

    /** @return the raw feed: {@link Feed#addHandler} taps every frame (the journal) */
    public Feed feed() {
        return feed;
    }

    @Override
    public Optional<BookView> book(String symbol) {
        String key = symbol.toUpperCase(Locale.ROOT);
        synchronized (lock) {
            SymbolBook book = sync.book(key);
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
            for (SymbolBook book : sync.books()) {
                SymbolState state = state(book.symbol());
                stats.put(book.symbol(), SymbolStats.of(book, 0, state.trades.get(), 0));
            }
        }
        states.forEach((symbol, state) -> stats.computeIfAbsent(symbol,
                s -> SymbolStats.withoutBook(s, state.trades.get(), 0)));
        return stats;
    }

    @Override
    public FeedStats feedStats() {
        return feed.stats();
    }

    /** @return trades dropped as already delivered: an {@code event_id} (v1 {@code tid}) not above the symbol's last */
    public long duplicateTrades() {
        return states.values().stream().mapToLong(s -> s.duplicateTrades.get()).sum();
    }

    /** @return symbols resubscribed after their book went out of sync */
    public long resubscriptions() {
        return resubscriptions.get();
    }

    /** @return times the book thread's queue overflowed (every book resubscribed) */
    @Override
    public long queueOverflows() {
        return queueOverflows.get();
    }

    /** @return messages the decoder rejected (malformed, or a number that does not fit the scales) */
    public long rejected() {
        synchronized (lock) {
            return sync.rejected();
        }
    }

    @Override
    public void close() {
        closing = true; // sockets closed on purpose are not lost: the books keep their last state
        feed.close(); // delivers what was received to the book thread, then its hub closes
        events.close();
    }

    // ---- book thread -------------------------------------------------------------------------------------------

    private void onFrame(RawMessage message) {
        synchronized (lock) {
            long expected = lastFeedSequence + 1;
            if (lastFeedSequence != 0 && message.sequence() != expected) {
                overflowed();
            }
            lastFeedSequence = message.sequence();
            receivedNs = message.receivedEpochNanos();
            if (!(message.json() instanceof JSONObject object)) {
                return; // the protocol already counted it as bad input
            }
            Kind kind = sync.onMessage(message.connectionId(), object, this::onTrade);
            if (kind == Kind.BOOK) {
                afterBookMessage(sync.lastUpdate());
            }
        }
    }

    /** Frames were lost from the book thread's queue: no book can be trusted. */
    private void overflowed() {
        queueOverflows.incrementAndGet();
        sync.framesLost();
    }

    private void afterBookMessage(L2Update update) {
        SymbolBook book = sync.book(update.symbol());
        if (book == null || book.state() != SyncState.LIVE || !events.hasConsumers()) {
            return;
        }
        long exchangeTimeNs = update.eventTimeNanos() == L2Update.NONE ? MarketEvent.NO_TIME : update.eventTimeNanos();
        events.publish(update.isSnapshot() ? fullBook(book.book(), exchangeTimeNs)
                : bookUpdate(update, exchangeTimeNs));
    }

    private void onTrade(GeminiTrade trade) {
        SymbolState state = state(trade.symbol());
        if (trade.eventId() <= state.lastTradeId) {
            state.duplicateTrades.incrementAndGet();
            return;
        }
        state.lastTradeId = trade.eventId();
        state.trades.incrementAndGet();
        if (events.hasConsumers()) {
            long exchangeTimeNs = trade.timestampMs() == Long.MIN_VALUE
                    ? MarketEvent.NO_TIME : trade.timestampMs() * 1_000_000L;
            events.publish(new Trade(EXCHANGE, trade.symbol(), Long.toString(trade.eventId()), trade.price(),
                    trade.quantity(), trade.taker(), exchangeTimeNs, receivedNs));
        }
    }

    private BookUpdate bookUpdate(L2Update update, long exchangeTimeNs) {
        List<Level> bids = new ArrayList<>(update.size());
        List<Level> asks = new ArrayList<>(update.size());
        for (int i = 0; i < update.size(); i++) {
            Level level = new Level(Decimals.toBigDecimal(update.price(i), update.priceScale()),
                    Decimals.toBigDecimal(update.size(i), update.sizeScale()));
            (update.side(i) == Side.BID ? bids : asks).add(level);
        }
        return new BookUpdate(EXCHANGE, update.symbol(), false, bids, asks, L2Update.NONE, L2Update.NONE,
                exchangeTimeNs, receivedNs);
    }

    /** The whole book after a full-book message (Gemini's may hold a level twice; the book holds the last). */
    private BookUpdate fullBook(L2Book book, long exchangeTimeNs) {
        List<Level> bids = new ArrayList<>(book.depth(Side.BID));
        List<Level> asks = new ArrayList<>(book.depth(Side.ASK));
        for (int i = 0; i < book.depth(Side.BID); i++) {
            bids.add(level(book, Side.BID, i));
        }
        for (int i = 0; i < book.depth(Side.ASK); i++) {
            asks.add(level(book, Side.ASK, i));
        }
        return new BookUpdate(EXCHANGE, book.symbol(), true, bids, asks, L2Update.NONE, L2Update.NONE,
                exchangeTimeNs, receivedNs);
    }

    private static Level level(L2Book book, Side side, int i) {
        return new Level(Decimals.toBigDecimal(book.price(side, i), book.priceScale()),
                Decimals.toBigDecimal(book.size(side, i), book.sizeScale()));
    }

    /** Unsubscribes and subscribes the symbol again: Gemini answers with a fresh full book. */
    private void resubscribe(String symbol) {
        resubscriptions.incrementAndGet();
        if (offline) {
            return;
        }
        List<String> one = List.of(symbol);
        feed.unsubscribe(one).thenCompose(done -> feed.subscribe(one)).exceptionally(failure -> {
            log.warn("gemini: resubscribing {} failed: {}", symbol, failure.toString());
            return null;
        });
    }

    private SymbolState state(String symbol) {
        return states.computeIfAbsent(symbol, s -> new SymbolState());
    }

    private static final class SymbolState {
        final AtomicLong trades = new AtomicLong();
        final AtomicLong duplicateTrades = new AtomicLong();
        long lastTradeId = Long.MIN_VALUE; // book thread only
    }

    /** Gaps become {@link BookGap} events; the book sync itself asks for the resubscription. */
    private final class GapsToEvents implements SyncListener {
        @Override
        public void onOutOfSync(SymbolBook book, GapEvent event) {
            events.publish(new BookGap(event, MarketEvent.NO_TIME, receivedNs));
        }
    }

    /** Socket lifecycle becomes {@link ConnectionEvent}s; a lost socket with no live replacement voids the books. */
    private final class SocketsToEvents extends ConnectionEvents {
        SocketsToEvents() {
            super(EXCHANGE, events, clock);
        }

        @Override
        public void socketOpened(SocketInfo socket) {
            synchronized (lock) {
                sync.socketOpened(socket.id(), socket.subscriptions());
            }
            super.socketOpened(socket);
        }

        @Override
        public void socketClosed(SocketInfo socket, String reason) {
            // a replacement socket already live (watchdog, rotation) sends fresh full books: keep the books
            Set<String> symbols = Set.copyOf(socket.subscriptions());
            boolean replaced = feed.sockets().stream().anyMatch(other -> other.id() != socket.id()
                    && other.state() == SocketState.LIVE && Set.copyOf(other.subscriptions()).equals(symbols));
            if (!closing) {
                synchronized (lock) {
                    sync.socketLost(socket.id(), replaced);
                }
            }
            super.socketClosed(socket, reason);
        }
    }

    /** Builds a {@link GeminiConnector}. */
    public static final class Builder {
        private final List<String> symbols = new ArrayList<>();
        private GeminiApi api = GeminiApi.V2;
        private URI webSocketBase = GeminiProtocol.PRODUCTION;
        private Scales scales = Scales.of(10, 10);
        private NanoClock clock = NanoClock.system();
        private EventLoopGroup eventLoopGroup = EventLoops.shared();
        // Gemini documents no connection age limit; rotating would interleave two unsequenced book streams
        private Duration maxSocketAge = Duration.ofDays(3650);
        private Duration watchdogTimeout = Duration.ofSeconds(20);
        private int bookQueueCapacity = 1 << 16;
        private final List<java.util.function.Consumer<Feed.Builder>> configure = new ArrayList<>();

        private Builder() {
        }

        /** Market data v2 (default: one socket, no sequence) or v1 (a socket per symbol, {@code socket_sequence}). */
        public Builder api(GeminiApi marketDataApi) {
            this.api = Objects.requireNonNull(marketDataApi);
            return this;
        }

        /** Symbols to follow, e.g. {@code BTCUSD} (any case; Gemini v2 wants upper case). */
        public Builder symbols(Collection<String> list) {
            list.forEach(symbol -> symbols.add(symbol.toUpperCase(Locale.ROOT)));
            return this;
        }

        public Builder symbols(String... list) {
            return symbols(List.of(list));
        }

        /** The WebSocket base URI (sandbox, proxy, twin); default {@link GeminiProtocol#PRODUCTION}. */
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

        public Builder maxSocketAge(Duration age) {
            this.maxSocketAge = Objects.requireNonNull(age);
            return this;
        }

        /** A socket silent this long is replaced; default 20 s (Gemini sends a heartbeat every 5 s). */
        public Builder watchdogTimeout(Duration timeout) {
            this.watchdogTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        public Builder bookQueueCapacity(int frames) {
            this.bookQueueCapacity = frames;
            return this;
        }

        /** Further settings of the underlying feed (backoff, trusted certificates, ...). */
        public Builder feed(java.util.function.Consumer<Feed.Builder> settings) {
            configure.add(Objects.requireNonNull(settings));
            return this;
        }

        public GeminiConnector build() {
            return new GeminiConnector(this, null);
        }

        /** A connector without sockets, fed from a recording ({@link RecordedInput}); books come on the socket. */
        public RecordedInput buildOffline() {
            RecordedClock recordedClock = new RecordedClock();
            GeminiConnector connector = new GeminiConnector(this, recordedClock);
            RecordedFrames frames = new RecordedFrames(EXCHANGE, new GeminiProtocol(webSocketBase),
                    OfflineInput.MAX_INFLATED_BYTES, recordedClock, connector::onFrame);
            return new OfflineInput(connector, recordedClock, Map.of("", frames), null);
        }
    }
}
