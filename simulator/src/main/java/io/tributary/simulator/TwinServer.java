package io.tributary.simulator;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A local WebSocket + HTTP server on Netty (NIO) that a protocol twin is built on: routes, sessions, playback and
 * fault injection. Binds 127.0.0.1 on an ephemeral port unless told otherwise.
 */
public final class TwinServer implements AutoCloseable {
    private final String host;
    private final Map<String, WebSocketRoute> webSocketRoutes;
    private final List<Map.Entry<String, WebSocketRoute>> webSocketPrefixes; // longest prefix first
    private final Map<String, HttpRoute> httpRoutes;
    private final int maxInboundFrameBytes;
    private final int maxPendingFrames;
    private final Faults faults = new Faults();
    private final ConcurrentMap<Long, ChannelSession> sessions = new ConcurrentHashMap<>();
    private final AtomicLong sessionIds = new AtomicLong();
    private final AtomicLong sessionsOpened = new AtomicLong();
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final int port;

    private TwinServer(Builder builder) {
        host = builder.host;
        webSocketRoutes = Map.copyOf(builder.webSocketRoutes);
        List<Map.Entry<String, WebSocketRoute>> prefixes = new ArrayList<>(builder.webSocketPrefixes.entrySet());
        prefixes.sort(Comparator.comparingInt((Map.Entry<String, WebSocketRoute> e) -> e.getKey().length()).reversed());
        webSocketPrefixes = List.copyOf(prefixes);
        httpRoutes = Map.copyOf(builder.httpRoutes);
        maxInboundFrameBytes = builder.maxInboundFrameBytes;
        maxPendingFrames = builder.maxPendingFrames;
        faults.addListener(new AllSessions());
        if (builder.faultSpec != null) {
            faults.apply(builder.faultSpec);
        }
        group = new MultiThreadIoEventLoopGroup(builder.ioThreads, new DefaultThreadFactory("twin-io", true),
                NioIoHandler.newFactory());
        try {
            serverChannel = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channels.add(channel);
                            channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(1 << 20),
                                    new RequestDispatcher(TwinServer.this));
                        }
                    })
                    .bind(host, builder.port)
                    .sync()
                    .channel();
        } catch (InterruptedException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding " + host + ":" + builder.port, e);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
        port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int port() {
        return port;
    }

    /** {@code ws://host:port<pathAndQuery>}. */
    public URI webSocketUri(String pathAndQuery) {
        return URI.create("ws://" + uriHost() + ":" + port + pathAndQuery);
    }

    public URI httpUri(String pathAndQuery) {
        return URI.create("http://" + uriHost() + ":" + port + pathAndQuery);
    }

    /** The sessions currently open, oldest first. */
    public List<TwinSession> sessions() {
        return sessions.values().stream()
                .filter(ChannelSession::isOpen)
                .sorted(Comparator.comparingLong(ChannelSession::id))
                .map(TwinSession.class::cast)
                .toList();
    }

    /** WebSocket sessions accepted since start. */
    public long sessionsOpened() {
        return sessionsOpened.get();
    }

    /** Server-wide faults: conditions apply to current and future sessions, actions to the sessions open now. */
    public Faults faults() {
        return faults;
    }

    /** Stops accepting, drops every connection (routes see {@code onClose}), and stops the I/O threads. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        serverChannel.close().syncUninterruptibly();
        channels.close().awaitUninterruptibly();
        for (ChannelSession session : sessions.values()) {
            try {
                session.closeFuture().get(2, TimeUnit.SECONDS); // the close callbacks run on the I/O threads
            } catch (ExecutionException | TimeoutException e) {
                break; // shutting down anyway
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    // ---- for the dispatcher

    WebSocketRoute webSocketRoute(String path) {
        WebSocketRoute exact = webSocketRoutes.get(path);
        if (exact != null) {
            return exact;
        }
        for (Map.Entry<String, WebSocketRoute> prefix : webSocketPrefixes) {
            if (path.startsWith(prefix.getKey())) {
                return prefix.getValue();
            }
        }
        return null;
    }

    HttpRoute httpRoute(String path) {
        return httpRoutes.get(path);
    }

    int maxInboundFrameBytes() {
        return maxInboundFrameBytes;
    }

    /** A new session, listed among the open ones until its channel closes. */
    ChannelSession acceptSession(String path, Map<String, List<String>> query, Channel channel, WebSocketRoute route) {
        ChannelSession session = new ChannelSession(sessionIds.incrementAndGet(), path, query, channel, route, faults,
                maxPendingFrames);
        sessionsOpened.incrementAndGet();
        sessions.put(session.id(), session);
        session.closeFuture().whenComplete((ok, error) -> sessions.remove(session.id()));
        return session;
    }

    private String uriHost() {
        String visible = host.equals("0.0.0.0") ? "127.0.0.1" : host;
        return visible.contains(":") ? "[" + visible + "]" : visible;
    }

    /** Fans the server-wide actions out to the sessions open at the moment. */
    private final class AllSessions implements FaultListener {
        private void each(Consumer<ChannelSession> action) {
            sessions.values().forEach(action);
        }

        @Override
        public void dropNow() {
            each(ChannelSession::dropNow);
        }

        @Override
        public void dropAfter(long messages) {
            each(s -> s.dropAfter(messages));
        }

        @Override
        public void sendMalformed() {
            each(ChannelSession::sendMalformed);
        }

        @Override
        public void sendOversized(int bytes) {
            each(s -> s.sendOversized(bytes));
        }

        @Override
        public void closeWith(int code, String reason) {
            each(s -> s.closeWith(code, reason));
        }

        @Override
        public void conditionsChanged() {
            each(ChannelSession::conditionsChanged);
        }
    }

    public static final class Builder {
        private String host = "127.0.0.1";
        private int port;
        private final Map<String, WebSocketRoute> webSocketRoutes = new LinkedHashMap<>();
        private final Map<String, WebSocketRoute> webSocketPrefixes = new LinkedHashMap<>();
        private final Map<String, HttpRoute> httpRoutes = new LinkedHashMap<>();
        private int maxInboundFrameBytes = 1 << 20;
        private int maxPendingFrames = 1 << 18;
        private int ioThreads = 1;
        private String faultSpec;

        private Builder() {}

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** 0 = an ephemeral port. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** A WebSocket route on exactly this path; the query string is free and exposed by the session. */
        public Builder webSocket(String path, WebSocketRoute route) {
            webSocketRoutes.put(path, route);
            return this;
        }

        /** A WebSocket route on every path that starts with {@code prefix} (e.g. Binance's {@code /ws/<stream>}). */
        public Builder webSocketPrefix(String prefix, WebSocketRoute route) {
            webSocketPrefixes.put(prefix, route);
            return this;
        }

        public Builder http(String path, HttpRoute route) {
            httpRoutes.put(path, route);
            return this;
        }

        /** Larger client frames are refused (close 1009). */
        public Builder maxInboundFrameBytes(int bytes) {
            maxInboundFrameBytes = bytes;
            return this;
        }

        /**
         * Frames sent with {@code sendText} and friends that a session may hold while its client does not read; beyond
         * that the twin drops the client, as exchanges drop slow consumers. Playbacks never count: they only read their
         * source while the socket is writable.
         */
        public Builder maxPendingFrames(int frames) {
            maxPendingFrames = frames;
            return this;
        }

        /** Event-loop threads; one is plenty for tests. */
        public Builder ioThreads(int threads) {
            ioThreads = threads;
            return this;
        }

        /** Server-wide faults from the start, as a {@link Faults#apply(String)} spec. */
        public Builder faults(String spec) {
            Faults.parse(spec); // fail here, not inside start()
            faultSpec = spec;
            return this;
        }

        /** Binds and returns once the server accepts connections. */
        public TwinServer start() {
            return new TwinServer(this);
        }
    }
}
