package io.tributary.exchange;

import io.tributary.book.BookView;
import io.tributary.core.connection.FeedStats;
import io.tributary.core.stream.ConsumerStream;
import io.tributary.core.stream.Hub;
import io.tributary.core.stream.StreamOptions;
import io.tributary.model.event.MarketEvent;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * One exchange's public market data, normalized: the shape every connector follows. Threads: the feed's socket
 * thread only classifies raw frames; one dedicated thread per connector keeps the books; normalized events go out
 * through {@link #events()}, whose consumers each have their own queue and thread.
 */
public interface MarketDataConnector extends AutoCloseable {

    /** @return the exchange's name, e.g. {@code "binance"} */
    String exchange();

    /** Connects and subscribes; returns at once. */
    void start();

    /** @return the normalized events: trades, book updates, best bid/ask, gaps, connection state */
    Hub<MarketEvent> events();

    /** Opens a consumer stream of the events matching {@code filter} (null: every event). */
    ConsumerStream<MarketEvent> stream(Predicate<? super MarketEvent> filter, StreamOptions options);

    /** @return a consistent copy of the symbol's L2 book if it is in sync now, from any thread */
    Optional<BookView> book(String symbol);

    /** @return per-symbol counters (messages, gaps, resyncs, checksums, crossed, ...), by the exchange's symbol */
    Map<String, SymbolStats> symbolStats();

    /** @return the feed's counters: sockets, reconnects, rotations, bad input */
    FeedStats feedStats();

    /** @return how often the book thread's queue overflowed, each time resyncing every book (0 when healthy) */
    long queueOverflows();

    /** Closes gracefully: everything received is delivered to the consumers before their streams end. */
    @Override
    void close();
}
