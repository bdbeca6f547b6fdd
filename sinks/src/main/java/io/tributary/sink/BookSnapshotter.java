package io.tributary.sink;

import io.tributary.book.BookView;
import io.tributary.book.L2Update;
import io.tributary.core.time.NanoClock;
import io.tributary.model.Side;
import io.tributary.model.event.BookSnapshot;
import io.tributary.model.event.Level;
import io.tributary.model.event.MarketEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies the top {@code depth} levels of live books every {@code interval} and emits them as {@link BookSnapshot}s
 * (to a {@link ReliableSink}), so that a stored book can be rebuilt at any instant from the nearest snapshot plus the
 * deltas after it. A book that has not changed since its last snapshot is not copied again.
 */
public final class BookSnapshotter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BookSnapshotter.class);

    private final String exchange;
    private final Supplier<? extends Iterable<String>> symbols;
    private final Function<String, Optional<BookView>> books;
    private final int depth;
    private final Consumer<? super MarketEvent> target;
    private final NanoClock clock;
    private final Map<String, Long> lastUpdateIds = new HashMap<>(); // guarded by this
    private ScheduledExecutorService timer; // guarded by this
    private boolean closed; // guarded by this

    /**
     * @param exchange the books' exchange
     * @param symbols  the symbols to copy (asked at every round, so symbols can come and go)
     * @param books    a symbol's current book view, e.g. {@code connector::book}
     * @param depth    levels per side to copy
     * @param target   where snapshots go
     * @param clock    the wall clock stamped as the snapshot's receive time
     */
    public BookSnapshotter(String exchange, Supplier<? extends Iterable<String>> symbols,
                           Function<String, Optional<BookView>> books, int depth,
                           Consumer<? super MarketEvent> target, NanoClock clock) {
        if (depth < 1) {
            throw new IllegalArgumentException("depth must be at least 1");
        }
        this.exchange = Objects.requireNonNull(exchange, "exchange");
        this.symbols = Objects.requireNonNull(symbols, "symbols");
        this.books = Objects.requireNonNull(books, "books");
        this.depth = depth;
        this.target = Objects.requireNonNull(target, "target");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Takes snapshots every {@code interval} on a daemon thread until {@link #close}. */
    public synchronized void start(Duration interval) {
        if (timer != null) {
            throw new IllegalStateException("already started");
        }
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon(true)
                .name("snapshots-" + exchange).factory());
        long periodNs = interval.toNanos();
        timer.scheduleAtFixedRate(() -> {
            try {
                snapshotNow();
            } catch (RuntimeException e) {
                LOG.warn("book snapshot round for {} failed: {}", exchange, e.toString());
            }
        }, periodNs, periodNs, TimeUnit.NANOSECONDS);
    }

    /**
     * Copies every changed book now.
     *
     * @return how many snapshots were emitted
     */
    public synchronized int snapshotNow() {
        if (closed) {
            return 0; // a round that was already due when close ran: its target may be closed too
        }
        int emitted = 0;
        for (String symbol : symbols.get()) {
            Optional<BookView> book = books.apply(symbol);
            if (book.isEmpty()) {
                continue;
            }
            BookView view = book.get();
            Long last = lastUpdateIds.put(symbol, view.updateId());
            if (last != null && last == view.updateId() && view.updateId() != L2Update.NONE) {
                continue;
            }
            target.accept(toSnapshot(exchange, view, depth, clock.epochNanos()));
            emitted++;
        }
        return emitted;
    }

    /** @return the top {@code depth} levels of {@code view} as a snapshot event */
    public static BookSnapshot toSnapshot(String exchange, BookView view, int depth, long takenNs) {
        return new BookSnapshot(exchange, view.symbol(), levels(view, Side.BID, depth), levels(view, Side.ASK, depth),
                view.updateId() == L2Update.NONE ? -1 : view.updateId(), view.eventTimeNanos(), takenNs);
    }

    private static List<Level> levels(BookView view, Side side, int depth) {
        int n = Math.min(depth, view.depth(side));
        List<Level> levels = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            levels.add(new Level(view.priceDecimal(side, i), view.sizeDecimal(side, i)));
        }
        return levels;
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
    }
}
