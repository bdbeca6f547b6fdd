package io.tributary.exchange.bitstamp;

import io.netty.channel.EventLoopGroup;
import io.tributary.book.BookView;
import io.tributary.book.L2Book;
import io.tributary.book.L2Update;
import io.tributary.book.L3Book;
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
import io.tributary.exchange.binance.BinanceConnector;
import io.tributary.exchange.bitstamp.BitstampDecoder.OrderChange;
import io.tributary.model.Decimals;
import io.tributary.model.GapEvent;
import io.tributary.model.GapReason;
import io.tributary.model.Side;
import io.tributary.model.event.BookGap;
import io.tributary.model.event.BookUpdate;
import io.tributary.model.event.Level;
import io.tributary.model.event.MarketEvent;
import io.tributary.model.event.OrderEvent;
import io.tributary.model.event.Trade;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
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
 * Bitstamp public market data (WebSocket v2, exchange-protocols.md §5), normalized.
 *
 * <p>L2 ({@link BitstampChannel#DIFF_BOOK}): {@code diff_order_book} is buffered per market until its REST
 * {@code order_book} snapshot arrives and applied after it by {@code microtimestamp}; a snapshot older than the first
 * buffered diff is fetched again. A lost diff is invisible (no sequence numbers), so every {@code order_book} top-100
 * snapshot is compared with the book; a mismatch resyncs that market alone ({@link BookGap}, counted).
 * L3 ({@link BitstampChannel#LIVE_ORDERS}): {@code live_orders} kept order by order, seeded and checked by
 * {@code detail_order_book}; its aggregated view is the market's book when no L2 book is followed.
 * Trades carry the taker side from {@code type}. A {@code bts:request_reconnect} rotation is deduplicated exactly
 * ({@link BitstampProtocol}); a lost socket resyncs every book, since what was sent meanwhile is gone.
 *
 * <p>Threads as in the Binance connector: the socket thread classifies, one consumer thread of the feed keeps the
 * books and publishes {@link #events()}; REST answers are applied on the HTTP client's thread under the same lock.
 */
public final class BitstampConnector implements MarketDataConnector {

    private static final Logger LOG = LoggerFactory.getLogger(BitstampConnector.class);
    private static final String EXCHANGE = "bitstamp";
    private static final int MAX_STALE_RETRIES = 5;
    private static final long STALE_RETRY_MS = 200;

    private final Feed feed;
    private final Hub<MarketEvent> events;
    private final NanoClock clock;
    private final Scales scales;
    private final URI restBase;
    private final List<BinanceConnector.SnapshotTap> snapshotTaps;
    private final int bookQueueCapacity;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final Map<String, SymbolState> states = new ConcurrentHashMap<>();
    private final AtomicLong subscriptionAcks = new AtomicLong();
    private final AtomicLong errorReplies = new AtomicLong();
    private final AtomicLong snapshotRequests = new AtomicLong();
    private final AtomicLong snapshotFailures = new AtomicLong();
    private final AtomicLong queueOverflows = new AtomicLong();
    private final AtomicLong badPayloads = new AtomicLong();
    private final AtomicLong reconnectResyncs = new AtomicLong();
    private volatile boolean closed;
    private final RecordedSnapshots recorded; // offline only: snapshots come from the recording

    // guarded by `lock`: written by the book thread and the REST thread, one at a time
    private final Object lock = new Object();
    private final BitstampBookSync sync;
    private final BitstampOrderBooks orders;
    private final BitstampDecoder decoder;
    private long lastFeedSequence;
    private long socketId;
    private long reconnectsSeen;
    private long receivedNs;

    private BitstampConnector(Builder builder, RecordedClock recordedClock) {
        this.clock = recordedClock != null ? recordedClock : builder.clock;
        this.recorded = recordedClock != null ? new RecordedSnapshots(BitstampConnector::orderBookSymbol,
                this::onSnapshot) : null;
        this.snapshotTaps = List.copyOf(builder.snapshotTaps);
        this.scales = builder.scales;
        this.restBase = URI.create(builder.restBase.toString().replaceAll("/+$", ""));
        this.bookQueueCapacity = builder.bookQueueCapacity;
        this.events = new Hub<>(EXCHANGE, clock);
        this.sync = new BitstampBookSync(scales, (symbol, first) -> {
            if (!state(symbol).snapshotOnNextDiff) {
                requestSnapshot(symbol);
            }
        }, new GapsToEvents());
        this.orders = new BitstampOrderBooks(scales, builder.orderChangedAmount);
        this.decoder = new BitstampDecoder(scales);
        Set<BitstampChannel> channels = builder.channels.isEmpty()
                ? EnumSet.of(BitstampChannel.DIFF_BOOK, BitstampChannel.TRADES) : EnumSet.copyOf(builder.channels);
        List<String> subscriptions = new ArrayList<>();
        for (String symbol : builder.symbols) {
            for (BitstampChannel channel : channels) {
                subscriptions.addAll(channel.channels(symbol));
            }
        }
        Feed.Builder feedBuilder = Feed.builder(new BitstampProtocol(builder.webSocketBase, builder.heartbeatInterval))
                .name(EXCHANGE)
                .subscriptions(subscriptions)
                .clock(clock)
                .eventLoopGroup(builder.eventLoopGroup)
                .watchdogTimeout(builder.watchdogTimeout)
                .listener(new ConnectionEvents(EXCHANGE, events, clock));
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

    /** @return the raw feed ({@link Feed#addHandler} taps frames; {@link Feed#rotate()} forces a rotation) */
    public Feed feed() {
        return feed;
    }

    /** The L2 book if it is live, else the aggregated L3 book if seeded. */
    @Override
    public Optional<BookView> book(String symbol) {
        String key = symbol.toLowerCase(Locale.ROOT);
        synchronized (lock) {
            SymbolBook book = sync.book(key);
            if (book != null && book.state() == SyncState.LIVE) {
                return Optional.of(book.book().view(Integer.MAX_VALUE));
            }
            L3Book l3 = orders.book(key);
            return l3 == null ? Optional.empty() : Optional.of(l3.view(Integer.MAX_VALUE));
        }
    }

    /** @return the market's order-by-order book if {@code live_orders} is followed and seeded (writer: book thread) */
    public Optional<L3Book> orderBook(String symbol) {
        synchronized (lock) {
            return Optional.ofNullable(orders.book(symbol.toLowerCase(Locale.ROOT)));
        }
    }

    @Override
    public Map<String, SymbolStats> symbolStats() {
        Map<String, SymbolStats> stats = new TreeMap<>();
        synchronized (lock) {
            for (SymbolBook book : sync.books()) {
                SymbolState state = state(book.symbol());
                stats.put(book.symbol(), SymbolStats.of(book, state.staleSnapshots.get(), state.trades.get(), 0));
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

    /** @return {@code bts:subscription_succeeded} replies received */
    public long subscriptionAcks() {
        return subscriptionAcks.get();
    }

    /** @return {@code bts:error} replies received */
    public long errorReplies() {
        return errorReplies.get();
    }

    /** @return REST {@code order_book} requests sent */
    public long snapshotRequests() {
        return snapshotRequests.get();
    }

    /** @return {@code order_book} top-100 snapshots compared with a live L2 book, and how many did not match */
    public long bookChecks() {
        return sync.checked();
    }

    public long bookMismatches() {
        return sync.mismatches();
    }

    /** @return {@code detail_order_book} snapshots compared with a seeded L3 book, and how many did not match */
    public long orderBookChecks() {
        return orders.checked.get();
    }

    public long orderBookMismatches() {
        return orders.mismatches.get();
    }

    /** @return {@code live_orders} events received */
    public long orderEvents() {
        return orders.events.get();
    }

    /** @return payloads that did not decode (malformed, or a value that does not fit the scales) */
    public long rejected() {
        return badPayloads.get() + sync.rejected() + orders.rejected.get();
    }

    /** @return lost sockets after which every book was resynced */
    public long reconnectResyncs() {
        return reconnectResyncs.get();
    }

    /** @return times the book thread's queue overflowed (every L2 book was resynchronised) */
    @Override
    public long queueOverflows() {
        return queueOverflows.get();
    }

    @Override
    public void close() {
        closed = true;
        feed.close();
        events.close();
    }

    // ---- book thread -------------------------------------------------------------------------------------------

    private void onFrame(RawMessage raw) {
        synchronized (lock) {
            if (lastFeedSequence != 0 && raw.sequence() != lastFeedSequence + 1) {
                overflowed(lastFeedSequence + 1, raw.sequence());
            }
            lastFeedSequence = raw.sequence();
            if (raw.connectionId() != socketId) {
                onNewSocket(raw.connectionId());
            }
            receivedNs = raw.receivedEpochNanos();
            BitstampMessage message = BitstampMessage.of(raw.json());
            if (message == null) {
                return; // the protocol already counted it
            }
            switch (message.kind()) {
                case DIFF -> onDiff(message);
                case TOP_BOOK -> sync.onTopBook(message.symbol(), message.data());
                case DETAIL_BOOK -> orders.onDetail(message.symbol(), message.data());
                case ORDER -> onOrder(message);
                case TRADE -> onTrade(message);
                case CONTROL -> onControl(message);
                case OTHER -> { }
            }
        }
    }

    private void overflowed(long expected, long received) {
        queueOverflows.incrementAndGet();
        for (SymbolBook book : List.copyOf(sync.books())) {
            if (book.state() != SyncState.OUT_OF_SYNC) {
                book.markOutOfSync(GapReason.SEQUENCE_GAP, expected, received);
            }
        }
    }

    /**
     * Frames from another socket. After a rotation they continue the old socket's exactly (the feed deduplicates
     * the overlap); after a lost socket (the feed counted a reconnect) the diffs and order events sent meanwhile are
     * gone, and with no sequence nothing in the stream would show it until the next top-100 check. So every book is
     * resynced now: an L2 book from a REST snapshot taken once its first diff of the new socket is buffered (an
     * earlier one could predate the new subscription), an L3 book from the next {@code detail_order_book}.
     */
    private void onNewSocket(long id) {
        socketId = id;
        long reconnects = feed.stats().reconnects();
        if (reconnects == reconnectsSeen) {
            return;
        }
        reconnectsSeen = reconnects;
        reconnectResyncs.incrementAndGet();
        for (SymbolBook book : List.copyOf(sync.books())) {
            state(book.symbol()).snapshotOnNextDiff = true;
            if (book.state() != SyncState.OUT_OF_SYNC) {
                book.markOutOfSync(GapReason.SEQUENCE_GAP, L2Update.NONE, L2Update.NONE);
            }
        }
        orders.unseedAll();
    }

    private void onDiff(BitstampMessage message) {
        SymbolState symbolState = state(message.symbol());
        if (symbolState.snapshotOnNextDiff) {
            symbolState.snapshotOnNextDiff = false;
            requestSnapshot(message.symbol());
        }
        SymbolBook book = sync.onDiff(message.symbol(), message.data());
        if (book == null) {
            return;
        }
        L2Update update = sync.lastUpdate();
        SymbolState state = state(message.symbol());
        if (book.state() != SyncState.LIVE) {
            if (state.firstBufferedMicros == L2Update.NONE && book.buffered() > 0) {
                state.firstBufferedMicros = update.lastUpdateId();
            }
            return; // buffered until the snapshot
        }
        long applied = book.counters().applied();
        if (applied != state.applied) {
            state.applied = applied;
            if (events.hasConsumers()) {
                events.publish(bookUpdate(update));
            }
        }
    }

    private void onOrder(BitstampMessage message) {
        OrderChange change = orders.onOrder(message.symbol(), message.event(), message.data());
        if (change != null && events.hasConsumers()) {
            int priceScale = scales.priceScale(message.symbol());
            int sizeScale = scales.sizeScale(message.symbol());
            OrderEvent.OrderAction action = switch (change.action()) {
                case CREATED -> OrderEvent.OrderAction.ADD;
                case CHANGED -> OrderEvent.OrderAction.CHANGE;
                case DELETED -> OrderEvent.OrderAction.DELETE;
            };
            events.publish(new OrderEvent(EXCHANGE, message.symbol(), action, Long.toString(change.orderId()),
                    change.side(), Decimals.toBigDecimal(change.price(), priceScale),
                    Decimals.toBigDecimal(change.amount(), sizeScale), change.microtimestamp() * 1000, receivedNs));
        }
    }

    private void onTrade(BitstampMessage message) {
        Trade trade = decoder.trade(message.symbol(), message.data(), receivedNs);
        if (trade == null) {
            badPayloads.incrementAndGet();
            return;
        }
        state(message.symbol()).trades.incrementAndGet();
        events.publish(trade);
    }

    private void onControl(BitstampMessage message) {
        switch (message.event()) {
            case "bts:subscription_succeeded" -> subscriptionAcks.incrementAndGet();
            case "bts:error" -> {
                long count = errorReplies.incrementAndGet();
                if (Long.bitCount(count) == 1) { // 1st, 2nd, 4th, ...
                    LOG.warn("bitstamp error reply ({} so far): {}", count, message.data());
                }
            }
            default -> { }
        }
    }

    private BookUpdate bookUpdate(L2Update update) {
        List<Level> bids = new ArrayList<>(update.size());
        List<Level> asks = new ArrayList<>(update.size());
        for (int i = 0; i < update.size(); i++) {
            Level level = new Level(Decimals.toBigDecimal(update.price(i), update.priceScale()),
                    Decimals.toBigDecimal(update.size(i), update.sizeScale()));
            (update.side(i) == Side.BID ? bids : asks).add(level);
        }
        return new BookUpdate(EXCHANGE, update.symbol(), update.isSnapshot(), bids, asks, update.lastUpdateId(),
                update.lastUpdateId(), update.eventTimeNanos(), receivedNs);
    }

    // ---- REST snapshots ----------------------------------------------------------------------------------------

    /** @return the pair a recorded {@code .../order_book/btcusd/} request asks for, or null */
    static String orderBookSymbol(String url) {
        int at = url.indexOf("/order_book/");
        if (at < 0) {
            return null;
        }
        String rest = url.substring(at + "/order_book/".length());
        int end = rest.indexOf('/');
        rest = end < 0 ? rest : rest.substring(0, end);
        int query = rest.indexOf('?');
        rest = query < 0 ? rest : rest.substring(0, query);
        return rest.isEmpty() ? null : rest.toLowerCase(Locale.ROOT);
    }

    private void requestSnapshot(String symbol) {
        if (closed) {
            return;
        }
        snapshotRequests.incrementAndGet();
        if (recorded != null) {
            recorded.request(symbol);
            return;
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(restBase + "/api/v2/order_book/" + symbol + "/"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()).whenComplete((response, failure) -> {
            if (failure != null || response.statusCode() != 200) {
                snapshotFailures.incrementAndGet();
                LOG.warn("bitstamp order_book {} failed: {}", symbol,
                        failure != null ? failure.toString() : "HTTP " + response.statusCode());
                // retried after a pause so an unreachable server is not hammered
                CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(() -> requestSnapshot(symbol));
                return;
            }
            onSnapshot(symbol, response.body());
        });
    }

    private void onSnapshot(String symbol, byte[] body) {
        synchronized (lock) {
            SymbolBook book = sync.book(symbol);
            if (closed || book == null || book.state() == SyncState.LIVE) {
                return;
            }
            SymbolState state = state(symbol);
            long snapshotMicros = sync.snapshotMicros(body);
            if (state.firstBufferedMicros != L2Update.NONE && snapshotMicros < state.firstBufferedMicros
                    && state.staleRetries < MAX_STALE_RETRIES) {
                // Older than the first diff we hold: diffs in between may never reach us (the REST book lags the
                // stream). Ask again after a pause; a quiet market may legitimately look like this, so after a few
                // tries the snapshot is taken and the top-100 check has the last word.
                state.staleRetries++;
                state.staleSnapshots.incrementAndGet();
                if (recorded != null) {
                    requestSnapshot(symbol); // the recording's next answer, in order
                } else {
                    CompletableFuture.delayedExecutor(STALE_RETRY_MS, TimeUnit.MILLISECONDS)
                            .execute(() -> requestSnapshot(symbol));
                }
                return;
            }
            receivedNs = clock.epochNanos();
            if (!snapshotTaps.isEmpty()) { // only the snapshots the book takes, so that a replay takes the same
                String url = restBase + "/api/v2/order_book/" + symbol + "/";
                long receivedMonotonicNs = clock.nanoTime();
                snapshotTaps.forEach(tap -> tap.onSnapshot(url, body, receivedMonotonicNs, receivedNs));
            }
            sync.onSnapshot(symbol, body);
            if (book.state() == SyncState.LIVE) {
                state.firstBufferedMicros = L2Update.NONE;
                state.staleRetries = 0;
                state.applied = book.counters().applied();
                if (events.hasConsumers()) {
                    events.publish(fullBook(book.book()));
                }
            }
        }
    }

    private BookUpdate fullBook(L2Book l2) {
        List<Level> bids = new ArrayList<>();
        List<Level> asks = new ArrayList<>();
        for (Side side : Side.values()) {
            for (int i = 0; i < l2.depth(side); i++) {
                (side == Side.BID ? bids : asks).add(new Level(Decimals.toBigDecimal(l2.price(side, i),
                        l2.priceScale()), Decimals.toBigDecimal(l2.size(side, i), l2.sizeScale())));
            }
        }
        long id = l2.updateId();
        return new BookUpdate(EXCHANGE, l2.symbol(), true, bids, asks, id, id, l2.eventTimeNanos(), receivedNs);
    }

    private SymbolState state(String symbol) {
        return states.computeIfAbsent(symbol, s -> new SymbolState());
    }

    private static final class SymbolState {
        final AtomicLong trades = new AtomicLong();
        final AtomicLong staleSnapshots = new AtomicLong();
        long firstBufferedMicros = L2Update.NONE; // under lock
        boolean snapshotOnNextDiff; // under lock: a reconnect waits for the new socket's diffs
        int staleRetries; // under lock
        long applied; // under lock
    }

    /** Gaps (a top-100 mismatch, a rejected value) become {@link BookGap} events; the sync asks for a snapshot. */
    private final class GapsToEvents implements SyncListener {
        @Override
        public void onOutOfSync(SymbolBook book, GapEvent event) {
            state(book.symbol()).firstBufferedMicros = L2Update.NONE;
            events.publish(new BookGap(event, MarketEvent.NO_TIME, receivedNs));
        }
    }

    /** Builds a {@link BitstampConnector}. */
    public static final class Builder {
        private final List<String> symbols = new ArrayList<>();
        private final Set<BitstampChannel> channels = EnumSet.noneOf(BitstampChannel.class);
        private URI webSocketBase = BitstampProtocol.PRODUCTION;
        private URI restBase = URI.create("https://www.bitstamp.net");
        private Scales scales = Scales.of(8, 8);
        private NanoClock clock = NanoClock.system();
        private EventLoopGroup eventLoopGroup = EventLoops.shared();
        private Duration heartbeatInterval = Duration.ofSeconds(10);
        private Duration watchdogTimeout = Duration.ofSeconds(30);
        private int bookQueueCapacity = 1 << 16;
        private OrderChangedAmount orderChangedAmount = OrderChangedAmount.REMAINING;
        private final List<java.util.function.Consumer<Feed.Builder>> configure = new ArrayList<>();
        private final List<BinanceConnector.SnapshotTap> snapshotTaps = new ArrayList<>();

        private Builder() {
        }

        /** Markets, e.g. {@code btcusd} (any case). */
        public Builder symbols(Collection<String> list) {
            list.forEach(symbol -> symbols.add(symbol.toLowerCase(Locale.ROOT)));
            return this;
        }

        public Builder symbols(String... list) {
            return symbols(List.of(list));
        }

        /** Default: diff book and trades. */
        public Builder channels(BitstampChannel... list) {
            channels.addAll(List.of(list));
            return this;
        }

        public Builder webSocketBase(URI uri) {
            this.webSocketBase = Objects.requireNonNull(uri);
            return this;
        }

        /** The REST base, default {@code https://www.bitstamp.net}; snapshots are {@code /api/v2/order_book/{m}/}. */
        public Builder restBase(URI uri) {
            this.restBase = Objects.requireNonNull(uri);
            return this;
        }

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

        /** How often {@code bts:heartbeat} is sent; default 10 s (the server's idle timeout is unconfirmed). */
        public Builder heartbeatInterval(Duration interval) {
            this.heartbeatInterval = Objects.requireNonNull(interval);
            return this;
        }

        /** A socket silent this long is replaced; default 30 s. */
        public Builder watchdogTimeout(Duration timeout) {
            this.watchdogTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** What {@code order_changed} carries; default {@link OrderChangedAmount#REMAINING} (see its doc). */
        public Builder orderChangedAmount(OrderChangedAmount reading) {
            this.orderChangedAmount = Objects.requireNonNull(reading);
            return this;
        }

        public Builder bookQueueCapacity(int frames) {
            this.bookQueueCapacity = frames;
            return this;
        }

        /** Further settings of the underlying feed (backoff, rotation overlap, ...). */
        public Builder feed(java.util.function.Consumer<Feed.Builder> settings) {
            configure.add(Objects.requireNonNull(settings));
            return this;
        }

        /**
         * Also hands every REST {@code order_book} snapshot the books take to {@code tap} (a journal, so that a replay
         * rebuilds the same books). Called under the book lock; must return at once.
         */
        public Builder snapshotTap(BinanceConnector.SnapshotTap tap) {
            snapshotTaps.add(Objects.requireNonNull(tap));
            return this;
        }

        public BitstampConnector build() {
            return new BitstampConnector(this, null);
        }

        /**
         * A connector without sockets, fed from a recording ({@link RecordedInput}); snapshots come from the
         * recorded {@code /api/v2/order_book/{pair}} answers.
         */
        public RecordedInput buildOffline() {
            RecordedClock recordedClock = new RecordedClock();
            BitstampConnector connector = new BitstampConnector(this, recordedClock);
            RecordedFrames frames = new RecordedFrames(EXCHANGE, new BitstampProtocol(webSocketBase,
                    heartbeatInterval), OfflineInput.MAX_INFLATED_BYTES, recordedClock, connector::onFrame);
            return new OfflineInput(connector, recordedClock, Map.of("", frames), connector.recorded);
        }
    }
}
