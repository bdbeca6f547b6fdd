package io.tributary.core.stream;

import io.tributary.core.error.DistinctErrorLog;
import io.tributary.core.time.NanoClock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.LoggerFactory;

/**
 * Fans one source out to any number of consumers. Each consumer has a filter, a bounded queue with an explicit
 * {@link Overflow} policy, and its own thread, so a slow or failing consumer never slows the source or the others.
 *
 * <p>{@link #publish} runs on the source's thread (a socket read thread): it evaluates each consumer's filter and
 * does one O(1) queue step per matching consumer; it never waits for a consumer. The consumer list is copy-on-write,
 * so publishing takes no hub-wide lock. Publishing from several threads is safe; the order between concurrent
 * publishers is then undefined.
 *
 * @param <T> the message type
 */
public final class Hub<T> implements AutoCloseable {

    @SuppressWarnings("rawtypes")
    private static final QueuedConsumer[] NONE = new QueuedConsumer[0];

    private final String name;
    private final DistinctErrorLog errors;
    private final AtomicLong published = new AtomicLong();
    private final AtomicLong filterFailures = new AtomicLong();
    @SuppressWarnings("unchecked")
    private volatile QueuedConsumer<T>[] consumers = NONE;
    private volatile List<Tap<T>> taps = List.of();
    private boolean closed; // guarded by this

    /** @param name a name for logs and consumer thread names */
    public Hub(String name) {
        this(name, NanoClock.system());
    }

    /**
     * @param name  a name for logs and consumer thread names
     * @param clock the time source for rate-limiting error lines
     */
    public Hub(String name, NanoClock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.errors = new DistinctErrorLog(LoggerFactory.getLogger(Hub.class), clock);
    }

    /** @return the hub's name */
    public String name() {
        return name;
    }

    /**
     * Opens a consumer stream of the messages that match {@code filter}.
     *
     * @param filter  which messages the consumer wants; evaluated on the publishing thread, so keep it cheap
     * @param options queue bound, overflow policy, name
     */
    public ConsumerStream<T> stream(Predicate<? super T> filter, StreamOptions options) {
        return attach(new QueueStream<>(this, filter, options));
    }

    /** Opens a consumer stream of every message. */
    public ConsumerStream<T> stream(StreamOptions options) {
        return stream(everything(), options);
    }

    /** Adds a plain callback for every message, run on the consumer's own thread. */
    public Registration addHandler(Consumer<? super T> handler, StreamOptions options) {
        return addHandler(everything(), handler, options);
    }

    /** Adds a plain callback for the messages that match {@code filter}, run on the consumer's own thread. */
    public Registration addHandler(Predicate<? super T> filter, Consumer<? super T> handler, StreamOptions options) {
        Objects.requireNonNull(handler, "handler");
        return addAsyncHandler(filter, message -> {
            handler.accept(message);
            return null;
        }, options);
    }

    /**
     * Adds an asynchronous handler for every message: the next message is handed over when the stage returned for
     * the previous one completes.
     */
    public Registration addAsyncHandler(Function<? super T, ? extends CompletionStage<?>> handler,
                                        StreamOptions options) {
        return addAsyncHandler(everything(), handler, options);
    }

    /** Adds an asynchronous handler for the messages that match {@code filter}. */
    public Registration addAsyncHandler(Predicate<? super T> filter,
                                        Function<? super T, ? extends CompletionStage<?>> handler,
                                        StreamOptions options) {
        HandlerConsumer<T> consumer = new HandlerConsumer<>(this, filter, options, handler, errors);
        attach(consumer);
        consumer.start();
        return consumer;
    }

    /**
     * Adds a consumer called on the publishing thread, in publish order, for every message that matches
     * {@code filter}: no queue in between, so nothing is ever dropped for it. Only for consumers whose
     * {@code accept} is O(1) and never waits (one with its own bounded buffer and a disk overflow, like a sink that
     * spills), since every publish waits for it. A consumer that throws is counted and logged; publishing goes on.
     */
    public Registration addTap(Predicate<? super T> filter, Consumer<? super T> consumer, String name) {
        Tap<T> tap = new Tap<>(this, Objects.requireNonNull(filter, "filter"), Objects.requireNonNull(consumer,
                "consumer"), Objects.requireNonNull(name, "name"));
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("hub '" + this.name + "' is closed");
            }
            List<Tap<T>> grown = new ArrayList<>(taps);
            grown.add(tap);
            taps = List.copyOf(grown);
        }
        return tap;
    }

    /**
     * Hands {@code message} to every consumer whose filter matches. Never blocks on a consumer: a full queue
     * applies that consumer's overflow policy. A filter that throws counts as no match (see
     * {@link #filterFailures()}).
     */
    public void publish(T message) {
        published.incrementAndGet();
        for (QueuedConsumer<T> consumer : consumers) {
            boolean matches;
            try {
                matches = consumer.filter.test(message);
            } catch (RuntimeException e) {
                filterFailures.incrementAndGet();
                errors.record("hub '" + name + "' filter of '" + consumer.queue.name() + "' failed", String.valueOf(e));
                matches = false;
            }
            if (matches) {
                consumer.offer(message);
            }
        }
        for (Tap<T> tap : taps) {
            try {
                if (tap.filter.test(message)) {
                    tap.deliver(message);
                }
            } catch (RuntimeException e) {
                errors.record("hub '" + name + "' tap '" + tap.name + "' failed", String.valueOf(e));
            }
        }
    }

    /** @return true if some consumer is attached (lets a source skip work nobody wants) */
    public boolean hasConsumers() {
        return consumers.length > 0 || !taps.isEmpty();
    }

    /** @return the number of attached consumers (taps included) */
    public int consumerCount() {
        return consumers.length + taps.size();
    }

    /** @return messages published so far */
    public long published() {
        return published.get();
    }

    /** @return filter evaluations that threw */
    public long filterFailures() {
        return filterFailures.get();
    }

    /**
     * Closes the hub: consumers deliver what they have queued, then end (iterators end, subscribers get
     * {@code onComplete}). Later consumers are refused.
     */
    @Override
    public void close() {
        QueuedConsumer<T>[] ending;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            ending = consumers;
            consumers = emptyArray();
            taps.forEach(Tap::ended);
            taps = List.of();
        }
        for (QueuedConsumer<T> consumer : ending) {
            consumer.complete();
        }
    }

    private <C extends QueuedConsumer<T>> C attach(C consumer) {
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("hub '" + name + "' is closed");
            }
            QueuedConsumer<T>[] grown = Arrays.copyOf(consumers, consumers.length + 1);
            grown[grown.length - 1] = consumer;
            consumers = grown;
        }
        return consumer;
    }

    synchronized void removeTap(Tap<T> tap) {
        List<Tap<T>> shrunk = new ArrayList<>(taps);
        shrunk.remove(tap);
        taps = List.copyOf(shrunk);
    }

    synchronized void remove(QueuedConsumer<T> consumer) {
        QueuedConsumer<T>[] current = consumers;
        for (int i = 0; i < current.length; i++) {
            if (current[i] == consumer) {
                QueuedConsumer<T>[] shrunk = emptyArray(current.length - 1);
                System.arraycopy(current, 0, shrunk, 0, i);
                System.arraycopy(current, i + 1, shrunk, i, current.length - i - 1);
                consumers = shrunk;
                return;
            }
        }
    }

    private static <T> Predicate<T> everything() {
        return message -> true;
    }

    @SuppressWarnings("unchecked")
    private static <T> QueuedConsumer<T>[] emptyArray() {
        return NONE;
    }

    @SuppressWarnings("unchecked")
    private static <T> QueuedConsumer<T>[] emptyArray(int length) {
        return length == 0 ? NONE : new QueuedConsumer[length];
    }
}
