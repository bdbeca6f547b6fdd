package io.tributary.core.connection;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.tributary.core.error.BadInput;
import io.tributary.core.error.BadInputException;
import io.tributary.core.error.DistinctErrorLog;
import io.tributary.core.json.JsonFilter;
import io.tributary.core.stream.ConsumerStream;
import io.tributary.core.stream.Hub;
import io.tributary.core.stream.Registration;
import io.tributary.core.stream.StreamOptions;
import io.tributary.core.time.NanoClock;
import java.io.UncheckedIOException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import java.util.function.Function;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logical exchange feed: a set of subscriptions carried by one or more WebSockets (split automatically over the
 * exchange's per-connection limit), published to any number of consumer streams and handlers through one
 * {@link Hub}.
 *
 * <p>The feed keeps its sockets alive: protocol pings are answered and sent while a socket is quiet, application
 * heartbeats both ways come from the {@link ExchangeProtocol}, a watchdog replaces a socket that stays silent past
 * its timeout, a lost socket is reconnected with capped, jittered exponential backoff under the exchange's
 * connection-rate limit, and every new socket is resubscribed. Rotation (after a maximum age, when the server asks,
 * or on demand) is make-before-break: the new socket is connected and subscribed before the old one closes, and
 * where the protocol gives a sequence per stream, messages from the overlap are deduplicated so consumers see no gap
 * and no duplicate.
 *
 * <p>Threading: the feed is pinned to one event loop of a shared Netty group; its sockets, timers, dedupe state and
 * publishing all run there, without locks. Consumers run on their own threads; the socket read never waits for
 * them. Bad input (see {@link BadInput}) is counted per socket, logged once per kind per minute, and skipped.
 *
 * <p>TLS ({@code wss://}) always verifies the server certificate and host name; nothing turns that off.
 */
public final class Feed implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Feed.class);
    /** Past this many held messages a rotation cuts over without proof of overlap (the old socket fell behind). */
    private static final int MAX_HELD_MESSAGES = 100_000;
    private static final ConcurrentHashMap<String, SlidingWindowLimiter> CONNECTION_LIMITERS =
            new ConcurrentHashMap<>();

    private final FeedConfig config;
    private final ExchangeProtocol protocol;
    private final EventLoop loop;
    private final Hub<RawMessage> hub;
    private final DistinctErrorLog errors;
    private final SlidingWindowLimiter connectLimiter;
    private final Inflate inflate = new Inflate();
    private final CompletableFuture<Void> closedFuture = new CompletableFuture<>();

    // Owned by the event loop; `shards` is replaced (copy-on-write) so other threads can read it.
    private volatile List<Shard> shards = List.of();
    private final StreamPositions positions = new StreamPositions();
    private boolean sawKeyedData;
    private SslContext sslContext;
    private volatile boolean started;
    private volatile boolean closed;

    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong connectsStarted = new AtomicLong();
    private final AtomicLong reconnects = new AtomicLong();
    private final AtomicLong rotations = new AtomicLong();
    private final AtomicLong watchdogTimeouts = new AtomicLong();
    private final AtomicLongArray badInput = new AtomicLongArray(BadInput.values().length);

    private Feed(FeedConfig config, EventLoopGroup group) {
        this.config = config;
        this.protocol = config.protocol();
        this.loop = group.next();
        this.hub = new Hub<>(config.name(), config.clock());
        this.errors = new DistinctErrorLog(LOG, config.clock());
        Rate connectionRate = protocol.connectionRate();
        this.connectLimiter = connectionRate.isUnlimited() ? null
                : CONNECTION_LIMITERS.computeIfAbsent(protocol.name(), name -> new SlidingWindowLimiter(connectionRate));
    }

    /** @return a builder for a feed speaking {@code protocol} */
    public static Builder builder(ExchangeProtocol protocol) {
        return new Builder(protocol);
    }

    /** Connects the feed's sockets. Consumers attached before this see every message. */
    public void start() {
        if (started) {
            throw new IllegalStateException("feed '" + config.name() + "' already started");
        }
        started = true;
        loop.execute(() -> {
            List<String> all = config.subscriptions();
            int perSocket = Math.max(1, protocol.maxSubscriptionsPerConnection());
            List<Shard> created = new ArrayList<>();
            for (int from = 0; from < all.size() || created.isEmpty(); from += perSocket) {
                Shard shard = new Shard();
                shard.subscriptions = List.copyOf(all.subList(Math.min(from, all.size()),
                        Math.min(all.size(), from + perSocket)));
                created.add(shard);
            }
            shards = List.copyOf(created);
            created.forEach(shard -> connect(shard, false));
        });
    }

    // ---- consumers ---------------------------------------------------------------------------------------------

    /** Opens a consumer stream of the messages matching {@code filter} (null: every message). */
    public ConsumerStream<RawMessage> stream(JsonFilter filter, StreamOptions options) {
        return hub.stream(orAll(filter), options);
    }

    /** Opens a consumer stream of the messages matching {@code filter}, with default options. */
    public ConsumerStream<RawMessage> stream(JsonFilter filter) {
        return hub.stream(orAll(filter), StreamOptions.defaults());
    }

    /** Adds a plain handler for the messages matching {@code filter} (null: every message), on its own thread. */
    public Registration addHandler(JsonFilter filter, Consumer<? super RawMessage> handler, StreamOptions options) {
        return hub.addHandler(orAll(filter), handler, options);
    }

    /** Adds a plain handler for every message, with default options. */
    public Registration addHandler(Consumer<? super RawMessage> handler) {
        return hub.addHandler(handler, StreamOptions.defaults());
    }

    /** Adds an asynchronous handler: the next message comes when the previous stage completed. */
    public Registration addAsyncHandler(JsonFilter filter,
                                        Function<? super RawMessage, ? extends CompletionStage<?>> handler,
                                        StreamOptions options) {
        return hub.addAsyncHandler(orAll(filter), handler, options);
    }

    private static JsonFilter orAll(JsonFilter filter) {
        return filter == null ? JsonFilter.all() : filter;
    }

    /** Adds an asynchronous handler for every message, with default options. */
    public Registration addAsyncHandler(Function<? super RawMessage, ? extends CompletionStage<?>> handler) {
        return hub.addAsyncHandler(handler, StreamOptions.defaults());
    }

    /** @return the hub the feed publishes to (for consumers built on other filters than {@link JsonFilter}) */
    public Hub<RawMessage> hub() {
        return hub;
    }

    // ---- control -----------------------------------------------------------------------------------------------

    /**
     * Sends a text message on the first socket, under the exchange's outbound rate (queued, never dropped).
     *
     * @return completes when written; fails if there is no open socket
     */
    public CompletableFuture<Void> send(String message) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        loop.execute(() -> {
            Connection connection = shards.isEmpty() ? null : shards.get(0).current;
            if (connection == null || !connection.isOpen()) {
                result.completeExceptionally(new IllegalStateException("feed '" + config.name()
                        + "' has no open socket"));
                return;
            }
            connection.send(message).whenComplete((ok, error) -> complete(result, error));
        });
        return result;
    }

    /**
     * Adds subscriptions: on a socket with room (sent at once; resubscribed after every reconnect), or on a new
     * socket past the per-connection limit. If the protocol carries subscriptions in the URL, the socket rotates.
     */
    public CompletableFuture<Void> subscribe(Collection<String> subscriptions) {
        if (!started) {
            throw new IllegalStateException("subscribe() is for a started feed; give the first subscriptions to the builder");
        }
        CompletableFuture<Void> result = new CompletableFuture<>();
        loop.execute(() -> {
            Map<Shard, List<String>> added = new LinkedHashMap<>();
            List<Shard> all = new ArrayList<>(shards);
            int perSocket = Math.max(1, protocol.maxSubscriptionsPerConnection());
            for (String subscription : subscriptions) {
                if (all.stream().anyMatch(shard -> shard.subscriptions.contains(subscription))
                        || added.values().stream().anyMatch(list -> list.contains(subscription))) {
                    continue;
                }
                Shard target = all.stream()
                        .filter(shard -> shard.subscriptions.size() + added.getOrDefault(shard, List.of()).size()
                                < perSocket)
                        .findFirst().orElse(null);
                if (target == null) {
                    target = new Shard();
                    all.add(target);
                }
                added.computeIfAbsent(target, shard -> new ArrayList<>()).add(subscription);
            }
            shards = List.copyOf(all);
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            added.forEach((shard, list) -> {
                List<String> grown = new ArrayList<>(shard.subscriptions);
                grown.addAll(list);
                shard.subscriptions = List.copyOf(grown);
                if (shard.current == null && shard.successor == null && shard.retry == null) {
                    connect(shard, false);
                } else {
                    sent.add(changeSubscriptions(shard, protocol.subscribeMessages(list)));
                }
            });
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                    .whenComplete((ok, error) -> complete(result, error));
        });
        return result;
    }

    /** Removes subscriptions (unsubscribe messages, or a rotation if the protocol carries them in the URL). */
    public CompletableFuture<Void> unsubscribe(Collection<String> subscriptions) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        loop.execute(() -> {
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (Shard shard : shards) {
                List<String> removed = shard.subscriptions.stream().filter(subscriptions::contains).toList();
                if (removed.isEmpty()) {
                    continue;
                }
                shard.subscriptions = shard.subscriptions.stream().filter(s -> !removed.contains(s)).toList();
                sent.add(changeSubscriptions(shard, protocol.unsubscribeMessages(removed)));
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new))
                    .whenComplete((ok, error) -> complete(result, error));
        });
        return result;
    }

    private CompletableFuture<Void> changeSubscriptions(Shard shard, List<String> messages) {
        if (messages.isEmpty()) {
            return rotate(shard, "subscriptions changed");
        }
        List<CompletableFuture<Void>> sent = new ArrayList<>();
        for (Connection connection : shard.connections()) {
            if (connection.isOpen()) {
                messages.forEach(message -> sent.add(connection.send(message)));
            }
        }
        return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }

    /**
     * Replaces every socket, make-before-break.
     *
     * @return completes when every new socket carries the data and the old ones are closing
     */
    public CompletableFuture<Void> rotate() {
        CompletableFuture<Void> result = new CompletableFuture<>();
        loop.execute(() -> {
            CompletableFuture<?>[] each = shards.stream().map(shard -> rotate(shard, "on demand"))
                    .toArray(CompletableFuture[]::new);
            CompletableFuture.allOf(each).whenComplete((ok, error) -> complete(result, error));
        });
        return result;
    }

    /** @return the sockets open or opening now (two per shard during a rotation) */
    public List<SocketInfo> sockets() {
        long nowNs = config.clock().nanoTime();
        List<SocketInfo> infos = new ArrayList<>();
        for (Shard shard : shards) {
            for (Connection connection : shard.connections()) {
                infos.add(connection.info(nowNs));
            }
        }
        return infos;
    }

    /** @return the feed's counters now */
    public FeedStats stats() {
        Map<BadInput, Long> bad = new EnumMap<>(BadInput.class);
        for (BadInput kind : BadInput.values()) {
            long count = badInput.get(kind.ordinal());
            if (count > 0) {
                bad.put(kind, count);
            }
        }
        return new FeedStats(delivered.get(), duplicates.get(), connectsStarted.get(), reconnects.get(),
                rotations.get(), watchdogTimeouts.get(), Map.copyOf(bad), sockets());
    }

    /** @return the feed's name */
    public String name() {
        return config.name();
    }

    /**
     * Closes gracefully: each socket sends a close frame and waits for the server's (up to the close timeout), then
     * the consumers deliver what they have queued and end. Blocks until the sockets are closed unless called on the
     * event loop (e.g. from a {@link FeedListener}).
     */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            loop.execute(() -> {
                for (Shard shard : shards) {
                    shard.cancelTimers();
                    shard.connections().forEach(connection -> connection.close("feed closed", true));
                }
                checkClosed();
            });
        }
        if (!loop.inEventLoop()) {
            try {
                closedFuture.get(config.closeTimeout().toMillis() * 2 + 1000, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | TimeoutException e) {
                LOG.warn("{}: sockets did not close in time", config.name());
            }
            hub.close();
        }
    }

    // ---- socket lifecycle (event loop) -------------------------------------------------------------------------

    private void connect(Shard shard, boolean asSuccessor) {
        if (closed) {
            return;
        }
        shard.retry = null;
        Connection connection = new Connection(this, shard, protocol.endpoint(shard.subscriptions));
        if (asSuccessor) {
            shard.successor = connection;
        } else {
            shard.current = connection;
        }
        connectsStarted.incrementAndGet();
        long delayNs = connectLimiter == null ? 0 : connectLimiter.reserve(config.clock().nanoTime());
        Runnable attempt = () -> {
            notify(listener -> listener.connecting(connection.endpoint));
            connection.connect();
        };
        if (delayNs == 0) {
            attempt.run();
        } else {
            loop.schedule(attempt, delayNs, TimeUnit.NANOSECONDS);
        }
    }

    void onOpen(Connection connection) {
        notify(listener -> listener.socketOpened(connection.info(config.clock().nanoTime())));
        Shard shard = connection.shard;
        if (closed || !shard.isMember(connection)) {
            connection.close(closed ? "feed closed" : "no longer needed", true);
            return;
        }
        List<String> subscriptions = shard.subscriptions;
        connection.subscribe(subscriptions.isEmpty() ? List.of() : protocol.subscribeMessages(subscriptions));
        if (connection == shard.successor) {
            shard.overlapTimer = loop.schedule(() -> {
                if (shard.successor == connection) {
                    cutOver(shard, "overlap of " + config.rotationOverlap().toMillis() + " ms elapsed");
                }
            }, config.rotationOverlap().toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    void onLive(Connection connection) {
        Duration maxAge = config.maxSocketAge();
        if (!maxAge.isZero()) {
            loop.schedule(() -> {
                if (connection.shard.current == connection) {
                    rotate(connection.shard, "max socket age " + maxAge);
                }
            }, maxAge.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    void onClosed(Connection connection) {
        notify(listener -> listener.socketClosed(connection.info(config.clock().nanoTime()), connection.closeReason()));
        Shard shard = connection.shard;
        if (closed) {
            checkClosed();
            return;
        }
        if (connection == shard.successor) {
            shard.successor = null;
            shard.resetOverlap();
            if (shard.rotation != null) {
                long delayNs = config.backoff().delayNanos(shard.failures++, config.random());
                LOG.info("{}: replacement {} failed ({}); retrying in {} ms", config.name(), connection,
                        connection.closeReason(), TimeUnit.NANOSECONDS.toMillis(delayNs));
                shard.retry = loop.schedule(() -> {
                    shard.retry = null;
                    if (shard.rotation != null && shard.successor == null) {
                        if (shard.current != null && shard.current.isOpen()) {
                            connect(shard, true);
                        } else {
                            finishRotation(shard);
                        }
                    }
                }, delayNs, TimeUnit.NANOSECONDS);
            }
            return;
        }
        if (connection != shard.current) {
            return; // a replaced socket finished closing
        }
        reconnects.incrementAndGet();
        if (shard.successor != null) {
            LOG.info("{}: {} closed ({}); its replacement takes over", config.name(), connection,
                    connection.closeReason());
            shard.current = shard.successor;
            shard.successor = null;
            releaseHeld(shard);
            shard.resetOverlap();
            finishRotation(shard);
            return;
        }
        // No overlap to dedupe against: the next socket's streams start afresh (an exchange may have reset them).
        positions.forget(connection.keys);
        long nowNs = config.clock().nanoTime();
        if (connection.upForNanos(nowNs) >= config.backoff().stableAfter().toNanos()) {
            shard.failures = 0;
        }
        long delayNs = config.backoff().delayNanos(shard.failures++, config.random());
        LOG.info("{}: {} closed ({}); reconnecting in {} ms", config.name(), connection, connection.closeReason(),
                TimeUnit.NANOSECONDS.toMillis(delayNs));
        shard.current = null;
        shard.retry = loop.schedule(() -> {
            shard.retry = null;
            if (shard.current == null) {
                connect(shard, false);
            }
        }, delayNs, TimeUnit.NANOSECONDS);
    }

    void onWatchdogTimeout(Connection connection, long silentNs) {
        watchdogTimeouts.incrementAndGet();
        notify(listener -> listener.watchdogTimeout(connection.info(config.clock().nanoTime()),
                Duration.ofNanos(silentNs)));
        errors.record(config.name() + " watchdog", connection + " silent for "
                + TimeUnit.NANOSECONDS.toMillis(silentNs) + " ms; replacing it");
    }

    private CompletableFuture<Void> rotate(Shard shard, String reason) {
        if (closed) {
            return CompletableFuture.completedFuture(null);
        }
        if (shard.rotation != null) {
            return shard.rotation;
        }
        if (shard.current == null || !shard.current.isOpen()) {
            // No open socket to keep: the reconnect under way already brings a fresh one.
            return CompletableFuture.completedFuture(null);
        }
        LOG.info("{}: rotating {} ({})", config.name(), shard.current, reason);
        shard.rotation = new CompletableFuture<>();
        CompletableFuture<Void> rotation = shard.rotation;
        connect(shard, true);
        return rotation;
    }

    private void cutOver(Shard shard, String why) {
        Connection old = shard.current;
        Connection next = shard.successor;
        if (next == null) {
            return;
        }
        shard.current = next;
        shard.successor = null;
        releaseHeld(shard);
        shard.resetOverlap();
        shard.failures = 0;
        rotations.incrementAndGet();
        if (old != null) {
            old.close("replaced by " + next + ": " + why, true);
            long nowNs = config.clock().nanoTime();
            notify(listener -> listener.rotated(old.info(nowNs), next.info(nowNs), why));
        }
        finishRotation(shard);
    }

    private void finishRotation(Shard shard) {
        CompletableFuture<Void> rotation = shard.rotation;
        shard.rotation = null;
        if (rotation != null) {
            rotation.complete(null);
        }
    }

    private void checkClosed() {
        for (Shard shard : shards) {
            for (Connection connection : shard.connections()) {
                if (connection.state() != SocketState.CLOSED) {
                    return;
                }
            }
        }
        closedFuture.complete(null);
        hub.close();
    }

    // ---- inbound (event loop) ----------------------------------------------------------------------------------

    void onMessage(Connection connection, RawMessage message) {
        Shard shard = connection.shard;
        if (!shard.isMember(connection)) {
            return; // the last frames of a replaced socket: its successor carries the data
        }
        Inbound verdict;
        try {
            verdict = protocol.inspect(message);
        } catch (BadInputException e) {
            badInput(connection, e.kind(), e.getMessage());
            return;
        } catch (RuntimeException e) {
            badInput(connection, BadInput.ADAPTER_FAILURE, e + " on " + message.preview());
            return;
        }
        switch (verdict) {
            case Inbound.Data data -> onData(shard, connection, message, data);
            case Inbound.Reply reply -> connection.send(reply.text());
            case Inbound.Heartbeat heartbeat -> { } // liveness is noted for every frame
            case Inbound.Rotate rotate -> {
                if (connection == shard.current) {
                    rotate(shard, "server asked: " + rotate.reason());
                }
            }
            case Inbound.Invalid invalid -> badInput(connection, invalid.kind(),
                    invalid.detail() + ": " + message.preview());
        }
    }

    private void onData(Shard shard, Connection connection, RawMessage message, Inbound.Data data) {
        if (!data.keyed()) {
            if (connection == shard.successor && !sawKeyedData) {
                // Nothing to dedupe on: switch at the first message of the new socket.
                cutOver(shard, "the new socket delivers");
            }
            publish(message);
            return;
        }
        sawKeyedData = true;
        String key = data.streamKey();
        long sequence = data.sequence();
        if (connection == shard.successor && shard.current != null) {
            if (shard.current.keys.isEmpty()) {
                cutOver(shard, "the old socket carried no sequenced data");
            } else {
                // Held even on a stream the old socket has not delivered yet: it may still do so (an older message,
                // or one the new socket's other held streams must not overtake, e.g. a book check after its diffs).
                holdOrDrop(shard, key, sequence, message);
                return;
            }
        }
        if (!positions.admit(connection, key, sequence)) {
            duplicates.incrementAndGet();
            return;
        }
        connection.trackKey(key);
        publish(message);
        if (connection == shard.current && shard.hasHeld()) {
            // The old socket delivered on `key`: held messages of the new socket it reached are duplicates.
            int dropped = shard.dropHeldUpTo(key, positions.last(key));
            if (dropped > 0) {
                duplicates.addAndGet(dropped);
                coverAndMaybeCutOver(shard, key);
            }
        }
    }

    /**
     * During a rotation, a message of the new socket on a stream the old socket still carries: a duplicate if the
     * old socket already delivered that far (proof that the new socket covers the stream), otherwise held until the
     * old socket catches up, so consumers never see the new socket run ahead and leave a hole behind it.
     */
    private void holdOrDrop(Shard shard, String key, long sequence, RawMessage message) {
        if (positions.reached(key, sequence)) {
            duplicates.incrementAndGet();
            coverAndMaybeCutOver(shard, key);
        } else if (shard.hold(key, sequence, message) >= MAX_HELD_MESSAGES) {
            cutOver(shard, MAX_HELD_MESSAGES + " messages held");
        }
    }

    private void coverAndMaybeCutOver(Shard shard, String key) {
        if (shard.cover(key)) {
            cutOver(shard, "the overlap is covered");
        }
    }

    /** Delivers what the new socket held during the overlap, now that it carries the data. */
    private void releaseHeld(Shard shard) {
        Connection connection = shard.current;
        for (Shard.Held message : shard.takeHeld()) {
            if (positions.admit(connection, message.streamKey(), message.sequence())) {
                connection.trackKey(message.streamKey());
                publish(message.message());
            } else {
                duplicates.incrementAndGet();
            }
        }
    }

    private void publish(RawMessage message) {
        message.assignSequence(delivered.incrementAndGet());
        hub.publish(message);
    }

    void badInput(Connection connection, BadInput kind, String detail) {
        connection.countBadInput(kind);
        badInput.incrementAndGet(kind.ordinal());
        errors.record(config.name() + " " + kind, connection + ": " + detail);
    }

    // ---- shared with Connection --------------------------------------------------------------------------------

    FeedConfig config() {
        return config;
    }

    EventLoop loop() {
        return loop;
    }

    Inflate inflate() {
        return inflate;
    }

    SslContext sslContext() {
        if (sslContext == null) {
            try {
                SslContextBuilder builder = SslContextBuilder.forClient().endpointIdentificationAlgorithm("HTTPS");
                if (!config.trustedCertificates().isEmpty()) {
                    builder.trustManager(config.trustedCertificates().toArray(X509Certificate[]::new));
                }
                sslContext = builder.build();
            } catch (SSLException e) {
                throw new UncheckedIOException(e);
            }
        }
        return sslContext;
    }

    /** Shows a message as received to the taps (event loop). */
    void tap(RawMessage frame) {
        for (FrameTap tap : config.taps()) {
            try {
                tap.onFrame(frame);
            } catch (RuntimeException e) {
                errors.record(config.name() + " frame tap failed", String.valueOf(e));
            }
        }
    }

    private void notify(Consumer<FeedListener> event) {
        for (FeedListener listener : config.listeners()) {
            try {
                event.accept(listener);
            } catch (RuntimeException e) {
                errors.record(config.name() + " listener failed", String.valueOf(e));
            }
        }
    }

    private static void complete(CompletableFuture<Void> future, Throwable error) {
        if (error != null) {
            future.completeExceptionally(error);
        } else {
            future.complete(null);
        }
    }

    /** Builds a {@link Feed}. */
    public static final class Builder {
        private final ExchangeProtocol protocol;
        private String name;
        private final List<String> subscriptions = new ArrayList<>();
        private NanoClock clock = NanoClock.system();
        private EventLoopGroup group = EventLoops.shared();
        private Duration watchdogTimeout = Duration.ofSeconds(30);
        private Duration maxSocketAge = Duration.ZERO;
        private Backoff backoff = Backoff.DEFAULT;
        private int maxFrameBytes = 4 * 1024 * 1024;
        private int maxInflatedBytes = 16 * 1024 * 1024;
        private Duration rotationOverlap = Duration.ofSeconds(10);
        private Duration connectTimeout = Duration.ofSeconds(10);
        private Duration closeTimeout = Duration.ofSeconds(1);
        private DoubleSupplier random = () -> ThreadLocalRandom.current().nextDouble();
        private final List<X509Certificate> trustedCertificates = new ArrayList<>();
        private final List<FeedListener> listeners = new ArrayList<>();
        private final List<FrameTap> taps = new ArrayList<>();

        private Builder(ExchangeProtocol protocol) {
            this.protocol = Objects.requireNonNull(protocol, "protocol");
        }

        /** A name for logs and threads; default: the protocol's name. */
        public Builder name(String feedName) {
            this.name = feedName;
            return this;
        }

        /** Subscriptions to carry from the start (split over sockets by the protocol's per-connection limit). */
        public Builder subscriptions(Collection<String> list) {
            subscriptions.addAll(list);
            return this;
        }

        /** Subscriptions to carry from the start. */
        public Builder subscribe(String... list) {
            return subscriptions(List.of(list));
        }

        /** The clock for receive stamps and socket ages; timers run on the event loop's real time. */
        public Builder clock(NanoClock nanoClock) {
            this.clock = Objects.requireNonNull(nanoClock);
            return this;
        }

        /** The Netty event loops to run on; default {@link EventLoops#shared()}. */
        public Builder eventLoopGroup(EventLoopGroup eventLoopGroup) {
            this.group = Objects.requireNonNull(eventLoopGroup);
            return this;
        }

        /** A socket silent this long (no data, no pong) is declared dead within +10% and replaced; default 30 s. */
        public Builder watchdogTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("watchdog timeout must be positive");
            }
            this.watchdogTimeout = timeout;
            return this;
        }

        /** Rotate a socket after this age (Binance cuts at 24 h); zero (default) = never. */
        public Builder maxSocketAge(Duration age) {
            this.maxSocketAge = Objects.requireNonNull(age);
            return this;
        }

        /** The reconnect backoff; default {@link Backoff#DEFAULT}. */
        public Builder backoff(Backoff reconnectBackoff) {
            this.backoff = Objects.requireNonNull(reconnectBackoff);
            return this;
        }

        /** Frames (or fragmented messages) above this size are skipped and counted; default 4 MiB. */
        public Builder maxFrameBytes(int bytes) {
            this.maxFrameBytes = positive(bytes);
            return this;
        }

        /** Compressed frames that inflate above this size are skipped and counted; default 16 MiB. */
        public Builder maxInflatedBytes(int bytes) {
            this.maxInflatedBytes = positive(bytes);
            return this;
        }

        /** The longest a rotation keeps both sockets when the overlap cannot be proven covered; default 10 s. */
        public Builder rotationOverlap(Duration overlap) {
            this.rotationOverlap = Objects.requireNonNull(overlap);
            return this;
        }

        /** The deadline for TCP + TLS + WebSocket handshake; default 10 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** How long a graceful close waits for the server's close frame; default 1 s. */
        public Builder closeTimeout(Duration timeout) {
            this.closeTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** The source of backoff jitter, uniform in [0, 1); default thread-local random. */
        public Builder random(DoubleSupplier uniform) {
            this.random = Objects.requireNonNull(uniform);
            return this;
        }

        /**
         * Trust exactly these certificates instead of the JDK's default trust store (e.g. a private CA). Certificate
         * and host-name verification stay on.
         */
        public Builder trustedCertificates(X509Certificate... certificates) {
            trustedCertificates.addAll(List.of(certificates));
            return this;
        }

        /** Adds a listener for socket lifecycle events. */
        public Builder listener(FeedListener listener) {
            listeners.add(Objects.requireNonNull(listener));
            return this;
        }

        /**
         * Adds a tap that sees every data message as received, synchronously on the socket's thread. Consumer streams
         * and handlers are bounded queues with overflow policies, so they cannot promise a lossless record of the
         * wire; a tap can, provided it hands off without blocking (see {@link FrameTap}).
         */
        public Builder frameTap(FrameTap tap) {
            taps.add(Objects.requireNonNull(tap));
            return this;
        }

        /** @return the feed, not yet started */
        public Feed build() {
            FeedConfig config = new FeedConfig(protocol, name != null ? name : protocol.name(),
                    List.copyOf(subscriptions), clock, watchdogTimeout, maxSocketAge, backoff, maxFrameBytes,
                    maxInflatedBytes, rotationOverlap, connectTimeout, closeTimeout, random,
                    List.copyOf(trustedCertificates), List.copyOf(listeners), List.copyOf(taps));
            return new Feed(config, group);
        }

        private static int positive(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("must be positive: " + value);
            }
            return value;
        }
    }
}
