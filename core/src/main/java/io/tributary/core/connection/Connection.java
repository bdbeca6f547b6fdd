package io.tributary.core.connection;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker13;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.ScheduledFuture;
import io.tributary.core.error.BadInput;
import io.tributary.core.error.BadInputException;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * One WebSocket of a feed: connect (DNS off the loop, TCP, TLS, handshake), frame handling (ping answered, pong and
 * every frame counted as liveness, fragments reassembled under the cap, oversized frames skipped, UTF-8 validated
 * here, compressed frames inflated under a cap), paced outbound messages, the watchdog and the client heartbeat.
 * Everything except construction and the volatile reads for {@link #info} runs on the feed's event loop.
 */
final class Connection {

    private static final AtomicLong IDS = new AtomicLong();
    /** Netty's decoder buffers a whole frame; beyond this it is a protocol violation and the socket is replaced. */
    private static final int HARD_FRAME_LIMIT_BYTES = 64 * 1024 * 1024;
    private static final int MAX_TRACKED_KEYS = 100_000;

    final long id = IDS.incrementAndGet();
    final URI endpoint;
    final Shard shard;
    private final Feed feed;
    private final FeedConfig config;
    private final EventLoop loop;
    private final long startedNs;
    private final SlidingWindowLimiter outboundLimiter;

    private volatile SocketState state = SocketState.CONNECTING;
    private volatile long messagesReceived;
    private final AtomicLongArray badInput = new AtomicLongArray(BadInput.values().length);

    /** Stream keys this socket delivered data for: what a successor must cover before this socket may close. */
    final Set<String> keys = new HashSet<>();
    private Channel channel;
    private WebSocketClientHandshaker handshaker;
    private final List<ScheduledFuture<?>> timers = new ArrayList<>();
    private long lastInboundNs;
    private long lastPingSentNs;
    private long liveSinceNs;
    private boolean closing;
    private boolean closedNotified;
    private String closeReason = "";

    // Fragmented message being reassembled.
    private ByteArrayOutputStream fragments;
    private boolean fragmentsBinary;
    private boolean fragmentsOversized;
    private long fragmentsReceivedNs;
    private long fragmentsReceivedEpochNs;

    Connection(Feed feed, Shard shard, URI endpoint) {
        this.feed = feed;
        this.config = feed.config();
        this.loop = feed.loop();
        this.shard = shard;
        this.endpoint = endpoint;
        this.startedNs = config.clock().nanoTime();
        Rate rate = config.protocol().controlMessageRate();
        this.outboundLimiter = rate.isUnlimited() ? null : new SlidingWindowLimiter(rate);
    }

    // ---- connecting ------------------------------------------------------------------------------------------

    /** Resolves the host on a virtual thread (never on the loop), then connects on the loop. */
    void connect() {
        String host = endpoint.getHost();
        Thread.ofVirtual().name("tributary-resolve-" + id).start(() -> {
            try {
                InetAddress address = InetAddress.getByName(host);
                loop.execute(() -> connectTo(address));
            } catch (UnknownHostException e) {
                loop.execute(() -> failBeforeOpen("cannot resolve " + host + ": " + e.getMessage()));
            }
        });
    }

    private void connectTo(InetAddress address) {
        if (closing) {
            notifyClosed();
            return;
        }
        boolean tls = "wss".equalsIgnoreCase(endpoint.getScheme());
        int port = endpoint.getPort() != -1 ? endpoint.getPort() : tls ? 443 : 80;
        SslContext sslContext = tls ? feed.sslContext() : null;
        handshaker = new WebSocketClientHandshaker13(endpoint, WebSocketVersion.V13, null, false,
                new DefaultHttpHeaders(), Math.max(config.maxFrameBytes(), HARD_FRAME_LIMIT_BYTES), true, false,
                config.closeTimeout().toMillis());
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) config.connectTimeout().toMillis())
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (sslContext != null) {
                            // Host name given: SNI, and the certificate is checked against it (HTTPS identification).
                            ch.pipeline().addLast(sslContext.newHandler(ch.alloc(), endpoint.getHost(), port));
                        }
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024),
                                new Handler());
                    }
                });
        ChannelFuture connected = bootstrap.connect(new InetSocketAddress(address, port));
        channel = connected.channel();
        // The close future fires whether or not the channel ever became active (a failed connect never does).
        channel.closeFuture().addListener(f -> onInactive());
        connected.addListener(f -> {
            if (!f.isSuccess()) {
                failBeforeOpen("connect to " + endpoint + " failed: " + f.cause());
            }
        });
        // One deadline for TCP + TLS + WebSocket handshake.
        schedule(() -> {
            if (state == SocketState.CONNECTING) {
                close("no handshake within " + config.connectTimeout().toMillis() + " ms", false);
            }
        }, config.connectTimeout().toNanos());
    }

    private void failBeforeOpen(String reason) {
        if (!closing) {
            closeReason = reason;
        }
        closing = true;
        if (channel != null) {
            channel.close();
        } else {
            notifyClosed();
        }
    }

    private void onHandshake() {
        long nowNs = config.clock().nanoTime();
        liveSinceNs = nowNs;
        lastInboundNs = nowNs;
        state = SocketState.SUBSCRIBING;
        startWatchdog();
        feed.onOpen(this);
    }

    /** Sends the subscription messages; the socket counts as live once they are written. */
    void subscribe(List<String> messages) {
        if (messages.isEmpty()) {
            markLive();
            return;
        }
        CompletableFuture<Void> last = null;
        for (String message : messages) {
            last = send(message);
        }
        last.whenComplete((ok, error) -> loop.execute(() -> {
            if (error == null) {
                markLive();
            }
        }));
    }

    private void markLive() {
        if (state != SocketState.SUBSCRIBING) {
            return;
        }
        state = SocketState.LIVE;
        config.protocol().clientHeartbeat().ifPresent(heartbeat -> {
            long intervalNs = heartbeat.interval().toNanos();
            timers.add(loop.scheduleAtFixedRate(() -> send(heartbeat.text()), intervalNs, intervalNs,
                    TimeUnit.NANOSECONDS));
        });
        feed.onLive(this);
    }

    // ---- outbound ----------------------------------------------------------------------------------------------

    /**
     * Sends a text message under the protocol's outbound rate: at once if a permit is free, otherwise scheduled for
     * the moment one is (in order; never dropped while the socket lives).
     *
     * @return completes when written, fails if the socket closed first
     */
    CompletableFuture<Void> send(String text) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        long delayNs = outboundLimiter == null ? 0 : outboundLimiter.reserve(config.clock().nanoTime());
        if (delayNs == 0 && loop.inEventLoop()) {
            write(text, written);
        } else {
            loop.schedule(() -> write(text, written), delayNs, TimeUnit.NANOSECONDS);
        }
        return written;
    }

    private void write(String text, CompletableFuture<Void> written) {
        if (channel == null || !channel.isActive() || !isOpen()) {
            written.completeExceptionally(new IllegalStateException("socket " + id + " is not open"));
            return;
        }
        channel.writeAndFlush(new TextWebSocketFrame(text)).addListener(f -> {
            if (f.isSuccess()) {
                written.complete(null);
            } else {
                written.completeExceptionally(f.cause());
            }
        });
    }

    // ---- inbound -----------------------------------------------------------------------------------------------

    private void onFrame(WebSocketFrame frame) {
        long receivedNs = config.clock().nanoTime();
        long receivedEpochNs = config.clock().epochNanos();
        lastInboundNs = receivedNs;
        messagesReceived++;
        switch (frame) {
            case PingWebSocketFrame ping -> channel.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            case PongWebSocketFrame pong -> { } // liveness only
            case CloseWebSocketFrame close -> onCloseFrame(close);
            case ContinuationWebSocketFrame continuation -> onContinuation(continuation);
            case TextWebSocketFrame text -> onDataFrame(false, text, receivedNs, receivedEpochNs);
            case BinaryWebSocketFrame binary -> onDataFrame(true, binary, receivedNs, receivedEpochNs);
            default -> { }
        }
    }

    private void onDataFrame(boolean binary, WebSocketFrame frame, long receivedNs, long receivedEpochNs) {
        if (frame.isFinalFragment()) {
            onPayload(binary, frame.content(), receivedNs, receivedEpochNs);
            return;
        }
        fragments = new ByteArrayOutputStream();
        fragmentsBinary = binary;
        fragmentsOversized = false;
        fragmentsReceivedNs = receivedNs;
        fragmentsReceivedEpochNs = receivedEpochNs;
        appendFragment(frame.content());
    }

    private void onContinuation(ContinuationWebSocketFrame frame) {
        if (fragments == null) {
            return; // a continuation without a start: nothing to continue (Netty's decoder rejects this already)
        }
        appendFragment(frame.content());
        if (frame.isFinalFragment()) {
            ByteArrayOutputStream message = fragments;
            fragments = null;
            if (fragmentsOversized) {
                feed.badInput(this, BadInput.OVERSIZED_FRAME, "fragmented message over the cap of "
                        + config.maxFrameBytes() + " bytes, skipped");
            } else {
                accept(fragmentsBinary, message.toByteArray(), fragmentsReceivedNs, fragmentsReceivedEpochNs);
            }
        }
    }

    private void appendFragment(ByteBuf content) {
        if (fragmentsOversized) {
            return;
        }
        if (fragments.size() + content.readableBytes() > config.maxFrameBytes()) {
            fragmentsOversized = true;
            fragments.reset();
            return;
        }
        fragments.writeBytes(ByteBufUtil.getBytes(content));
    }

    private void onPayload(boolean binary, ByteBuf content, long receivedNs, long receivedEpochNs) {
        int size = content.readableBytes();
        if (size > config.maxFrameBytes()) {
            feed.badInput(this, BadInput.OVERSIZED_FRAME, "frame of " + size + " bytes over the cap of "
                    + config.maxFrameBytes() + " bytes, skipped");
            return;
        }
        accept(binary, ByteBufUtil.getBytes(content), receivedNs, receivedEpochNs);
    }

    private void accept(boolean binary, byte[] payload, long receivedNs, long receivedEpochNs) {
        RawMessage asReceived = null;
        if (!config.taps().isEmpty()) {
            asReceived = new RawMessage(id, 0, receivedNs, receivedEpochNs, binary, payload);
            feed.tap(asReceived);
        }
        byte[] bytes = payload;
        boolean binaryMessage = binary;
        Compression compression = config.protocol().binaryFrames();
        if (binary && compression != Compression.NONE) {
            try {
                bytes = feed.inflate().inflate(payload, compression, config.maxInflatedBytes());
            } catch (BadInputException e) {
                feed.badInput(this, e.kind(), e.getMessage());
                return;
            }
            binaryMessage = false;
        }
        if (!binaryMessage && !Utf8.isValid(bytes)) {
            feed.badInput(this, BadInput.INVALID_UTF8, "text frame of " + bytes.length + " bytes is not UTF-8");
            return;
        }
        feed.onMessage(this, asReceived != null && bytes == payload ? asReceived
                : new RawMessage(id, 0, receivedNs, receivedEpochNs, binaryMessage, bytes));
    }

    private void onCloseFrame(CloseWebSocketFrame close) {
        if (!closing) {
            closeReason = "server closed with " + close.statusCode() + " " + close.reasonText();
            closing = true;
            state = SocketState.CLOSING;
            channel.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), "")).addListener(f -> channel.close());
        } else {
            channel.close(); // the answer to our close frame
        }
    }

    // ---- watchdog ----------------------------------------------------------------------------------------------

    /**
     * Checks every timeout/40, so a silent socket is declared dead within timeout + 2.5% plus timer jitter (well
     * inside the promised 10%). While the socket is quiet
     * for a third of the timeout it sends protocol pings, so a healthy but quiet server answers and stays.
     */
    private void startWatchdog() {
        long timeoutNs = config.watchdogTimeout().toNanos();
        long periodNs = Math.max(1_000_000, timeoutNs / 40);
        long pingAfterNs = timeoutNs / 3;
        timers.add(loop.scheduleAtFixedRate(() -> {
            long nowNs = config.clock().nanoTime();
            long silentNs = nowNs - lastInboundNs;
            if (silentNs > timeoutNs) {
                feed.onWatchdogTimeout(this, silentNs);
                close("silent for " + TimeUnit.NANOSECONDS.toMillis(silentNs) + " ms", false);
            } else if (silentNs >= pingAfterNs && nowNs - lastPingSentNs >= pingAfterNs && channel.isActive()) {
                lastPingSentNs = nowNs;
                channel.writeAndFlush(new PingWebSocketFrame());
            }
        }, periodNs, periodNs, TimeUnit.NANOSECONDS));
    }

    // ---- closing -----------------------------------------------------------------------------------------------

    /**
     * Closes the socket: gracefully with a close frame (forced after the close timeout), or at once.
     * {@link Feed#onClosed} follows when the channel is closed.
     */
    void close(String reason, boolean graceful) {
        if (closing) {
            if (!graceful && channel != null) {
                channel.close();
            }
            return;
        }
        closing = true;
        closeReason = reason;
        state = SocketState.CLOSING;
        if (channel == null) {
            return; // still resolving: connectTo() sees `closing` and reports the close
        }
        if (graceful && channel.isActive() && handshaker != null && handshaker.isHandshakeComplete()) {
            // RFC 6455 caps a close reason at 123 bytes; ours are ASCII
            String shortReason = reason.length() > 120 ? reason.substring(0, 120) : reason;
            channel.writeAndFlush(new CloseWebSocketFrame(1000, shortReason));
            schedule(channel::close, config.closeTimeout().toNanos());
        } else {
            channel.close();
        }
    }

    private void onInactive() {
        if (!closing) {
            closing = true;
            closeReason = "connection lost";
        }
        notifyClosed();
    }

    private void notifyClosed() {
        if (closedNotified) {
            return;
        }
        closedNotified = true;
        state = SocketState.CLOSED;
        timers.forEach(timer -> timer.cancel(false));
        timers.clear();
        feed.onClosed(this);
    }

    private void schedule(Runnable task, long delayNs) {
        timers.add(loop.schedule(task, delayNs, TimeUnit.NANOSECONDS));
    }

    // ---- state -------------------------------------------------------------------------------------------------

    /** @return true while the handshake is done and the socket is not closing */
    boolean isOpen() {
        SocketState s = state;
        return s == SocketState.SUBSCRIBING || s == SocketState.LIVE;
    }

    SocketState state() {
        return state;
    }

    String closeReason() {
        return closeReason;
    }

    /** @return how long the socket has been open (0 if it never opened), on the loop */
    long upForNanos(long nowNs) {
        return liveSinceNs == 0 ? 0 : nowNs - liveSinceNs;
    }

    void trackKey(String key) {
        if (keys.size() < MAX_TRACKED_KEYS) {
            keys.add(key);
        }
    }

    void countBadInput(BadInput kind) {
        badInput.incrementAndGet(kind.ordinal());
    }

    SocketInfo info(long nowNs) {
        Map<BadInput, Long> bad = new EnumMap<>(BadInput.class);
        for (BadInput kind : BadInput.values()) {
            long count = badInput.get(kind.ordinal());
            if (count > 0) {
                bad.put(kind, count);
            }
        }
        return new SocketInfo(id, endpoint, state, Duration.ofNanos(nowNs - startedNs), shard.subscriptions(),
                messagesReceived, Map.copyOf(bad));
    }

    @Override
    public String toString() {
        return "socket " + id + " (" + endpoint + ")";
    }

    /** The channel's last handler: handshake, then frames. */
    private final class Handler extends SimpleChannelInboundHandler<Object> {

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            handshaker.handshake(ctx.channel());
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (!handshaker.isHandshakeComplete()) {
                if (msg instanceof FullHttpResponse response) {
                    try {
                        handshaker.finishHandshake(ctx.channel(), response);
                    } catch (RuntimeException e) {
                        close("handshake refused: " + e.getMessage(), false);
                        return;
                    }
                    if (closing) {
                        ctx.close();
                    } else {
                        onHandshake();
                    }
                }
                return;
            }
            if (msg instanceof WebSocketFrame frame) {
                onFrame(frame);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!closing) {
                closeReason = "failed: " + cause;
            }
            closing = true;
            ctx.close();
        }
    }
}
