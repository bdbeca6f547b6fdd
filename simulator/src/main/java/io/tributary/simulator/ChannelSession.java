package io.tributary.simulator;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link TwinSession} over one Netty channel. All writing happens on the channel's event loop in {@link #pump()},
 * the single place that applies stall, throttle, drop-after and writability.
 */
final class ChannelSession implements TwinSession, FaultListener {
    private static final Logger log = LoggerFactory.getLogger(ChannelSession.class);
    private static final int FLUSH_EVERY_FRAMES = 32;
    private static final long CLOSE_GRACE_MS = 2_000;
    private static final int ABNORMAL_CLOSURE = 1006;
    /** How long a dropped session's half-closed socket waits for the peer before closing for good. */
    private static final long FIN_TO_CLOSE_MS = 200;

    private record Outbound(boolean binary, byte[] payload) {}

    private final long id;
    private final String path;
    private final Map<String, List<String>> query;
    private final Channel channel;
    private final WebSocketRoute route;
    private final Faults serverFaults;
    private final Faults faults = new Faults();
    private final int maxPendingFrames;
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();

    // frames sent from other threads, moved to pending on the I/O thread
    private final Queue<Outbound> inbox = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();

    // I/O-thread state
    private final ArrayDeque<Outbound> pending = new ArrayDeque<>();
    private final ArrayDeque<SessionPlayback> playbacks = new ArrayDeque<>();
    private boolean routeOpened;
    private boolean closeFrameSent;
    private int closeCode = ABNORMAL_CLOSURE;
    private String closeReason = "";
    private long nextFreeNs = System.nanoTime();
    private long dropAtFrame = Long.MAX_VALUE;
    private boolean dropping;
    private boolean wakeScheduled;
    private long wakeAtNs;

    // written only on the I/O thread, read anywhere
    private volatile boolean open = true;
    private volatile long framesSent;
    private volatile long bytesSent;
    private volatile long pingsReceived;
    private volatile long pongsReceived;
    private volatile long textsReceived;

    ChannelSession(long id, String path, Map<String, List<String>> query, Channel channel, WebSocketRoute route,
            Faults serverFaults, int maxPendingFrames) {
        this.id = id;
        this.path = path;
        this.query = query;
        this.channel = channel;
        this.route = route;
        this.serverFaults = serverFaults;
        this.maxPendingFrames = maxPendingFrames;
        faults.addListener(this);
    }

    /** After the handshake, on the I/O thread. */
    void opened() {
        long serverDropAfter = serverFaults.dropAfterMessages();
        if (serverDropAfter >= 0) {
            dropAfter(serverDropAfter);
        }
        routeOpened = true;
        guarded("onOpen", () -> route.onOpen(this));
    }

    // ---- TwinSession

    @Override
    public long id() {
        return id;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public Map<String, List<String>> query() {
        return query;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void sendText(String text) {
        enqueue(new Outbound(false, text.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void sendBinary(byte[] data) {
        enqueue(new Outbound(true, data.clone()));
    }

    @Override
    public void sendRawText(byte[] payload) {
        enqueue(new Outbound(false, payload.clone()));
    }

    @Override
    public void sendPing(byte[] payload) {
        byte[] copy = payload.clone();
        onLoop(() -> {
            if (open && !stalled()) {
                channel.writeAndFlush(new PingWebSocketFrame(Unpooled.wrappedBuffer(copy)), channel.voidPromise());
            }
        });
    }

    @Override
    public void close(int code, String reason) {
        onLoop(() -> {
            if (!channel.isActive() || closeFrameSent) {
                return;
            }
            closeFrameSent = true;
            closeCode = code;
            closeReason = reason;
            stopWriting();
            channel.writeAndFlush(new CloseWebSocketFrame(code, reason));
            channel.eventLoop().schedule(() -> channel.close(), CLOSE_GRACE_MS, TimeUnit.MILLISECONDS);
        });
    }

    @Override
    public long framesSent() {
        return framesSent;
    }

    @Override
    public long bytesSent() {
        return bytesSent;
    }

    @Override
    public long pingsReceived() {
        return pingsReceived;
    }

    @Override
    public long pongsReceived() {
        return pongsReceived;
    }

    @Override
    public long textsReceived() {
        return textsReceived;
    }

    @Override
    public boolean isWritable() {
        return channel.isWritable();
    }

    @Override
    public boolean subscriptionsRefused() {
        return faults.subscriptionsRefused() || serverFaults.subscriptionsRefused();
    }

    @Override
    public Faults faults() {
        return faults;
    }

    @Override
    public CompletableFuture<Void> closeFuture() {
        return closeFuture;
    }

    @Override
    public Playback play(MessageSource source, double messagesPerSecond) {
        return play(new SessionPlayback(source, null, messagesPerSecond, () -> onLoop(this::pump)));
    }

    @Override
    public Playback playBinary(BinarySource source, double framesPerSecond) {
        return play(new SessionPlayback(null, source, framesPerSecond, () -> onLoop(this::pump)));
    }

    private Playback play(SessionPlayback playback) {
        onLoop(() -> {
            if (!open) {
                playback.finish();
                return;
            }
            playback.startAt(System.nanoTime());
            playbacks.add(playback);
            pump();
        });
        return playback;
    }

    @Override
    public String toString() {
        return "session " + id + " " + path;
    }

    // ---- FaultListener: per-session actions, and the server's fanned out to open sessions

    @Override
    public void dropNow() {
        onLoop(this::drop);
    }

    @Override
    public void dropAfter(long messages) {
        onLoop(() -> {
            dropAtFrame = messages < 0 ? Long.MAX_VALUE : framesSent + messages;
            if (messages == 0) {
                drop();
            }
        });
    }

    @Override
    public void sendMalformed() {
        injectNext(InjectedFrames.MALFORMED);
    }

    @Override
    public void sendOversized(int bytes) {
        injectNext(InjectedFrames.oversized(bytes));
    }

    @Override
    public void closeWith(int code, String reason) {
        close(code, reason);
    }

    @Override
    public void conditionsChanged() {
        onLoop(this::pump);
    }

    // ---- inbound, from SessionHandler on the I/O thread

    void onText(String text) {
        textsReceived++;
        guarded("onText", () -> route.onText(this, text));
    }

    void onBinary(byte[] data) {
        guarded("onBinary", () -> route.onBinary(this, data));
    }

    void onPing(ByteBuf payload) {
        pingsReceived++;
        if (open && !stalled() && !ignoringPings()) {
            channel.writeAndFlush(new PongWebSocketFrame(payload.retainedDuplicate()), channel.voidPromise());
        }
    }

    void onPong(byte[] payload) {
        pongsReceived++;
        guarded("onPong", () -> route.onPong(this, payload));
    }

    void onCloseFrame(int code, String reason) {
        if (dropping) {
            channel.close(); // we dropped the connection: nothing is exchanged any more, the close stays abnormal
            return;
        }
        if (closeFrameSent) {
            channel.close(); // the client answered ours
            return;
        }
        closeFrameSent = true;
        closeCode = code < 0 ? 1005 : code;
        closeReason = reason;
        stopWriting();
        if (stalled()) {
            return; // a stalled server does not even answer a close
        }
        CloseWebSocketFrame echo = code < 0 ? new CloseWebSocketFrame() : new CloseWebSocketFrame(code, reason);
        channel.writeAndFlush(echo).addListener(ChannelFutureListener.CLOSE);
    }

    void onChannelClosed() {
        stopWriting();
        if (routeOpened) {
            guarded("onClose", () -> route.onClose(this, closeCode, closeReason));
        }
        closeFuture.complete(null);
    }

    /** Writes what is due, while the socket is writable and no fault holds it back. On the I/O thread. */
    void pump() {
        int unflushed = 0;
        try {
            while (open && !stalled() && channel.isWritable()) {
                long nowNs = System.nanoTime();
                long bytesPerSecond = throttleBytesPerSecond();
                if (bytesPerSecond > 0 && nextFreeNs - nowNs > 0) {
                    wakeAt(nextFreeNs);
                    break;
                }
                Outbound next = pending.poll();
                if (next == null) {
                    next = nextFromPlaybacks(nowNs);
                    if (next == null) {
                        break;
                    }
                }
                write(next);
                unflushed++;
                if (bytesPerSecond > 0) {
                    // each frame "occupies" the link for its size at the throttled rate
                    nextFreeNs = Math.max(nextFreeNs, nowNs) + next.payload().length * 1_000_000_000L / bytesPerSecond;
                }
                if (framesSent >= dropAtFrame) {
                    // the last frame leaves whole, then TCP closes: FIN first, because a close() with unread inbound bytes
                    // sends RST, and an RST makes the client's kernel discard frames it has received but not yet read
                    stopWriting();
                    channel.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(written -> finThenClose());
                    unflushed = 0;
                } else if (unflushed >= FLUSH_EVERY_FRAMES) {
                    channel.flush();
                    unflushed = 0;
                }
            }
        } finally {
            if (unflushed > 0) {
                channel.flush();
            }
        }
    }

    // ---- internals

    private void enqueue(Outbound frame) {
        if (stalled()) {
            return; // decided at the call: what a stalled server "sends" never arrives
        }
        if (channel.eventLoop().inEventLoop()) {
            drainInbox(); // frames other threads sent earlier go first
            addPending(frame);
            pump();
            return;
        }
        // one drain task per burst rather than one task per frame: a busy market sends many frames at once
        inbox.add(frame);
        if (drainScheduled.compareAndSet(false, true)) {
            onLoop(() -> {
                drainInbox();
                pump();
            });
        }
    }

    private void drainInbox() {
        drainScheduled.set(false); // before polling: a frame added after this schedules another drain
        for (Outbound frame; (frame = inbox.poll()) != null; ) {
            addPending(frame);
            if (pending.size() >= FLUSH_EVERY_FRAMES) {
                pump(); // so that only frames the client does not take pile up
            }
        }
    }

    private void addPending(Outbound frame) {
        if (!open) {
            return;
        }
        if (pending.size() >= maxPendingFrames) {
            log.warn("{}: client too slow, {} frames pending; dropping the connection", this, pending.size());
            drop();
            return;
        }
        pending.add(frame);
    }

    private void injectNext(byte[] payload) {
        onLoop(() -> {
            if (open) {
                pending.addFirst(new Outbound(false, payload));
                pump();
            }
        });
    }

    private Outbound nextFromPlaybacks(long nowNs) {
        long earliestDueNs = Long.MAX_VALUE;
        for (int i = playbacks.size(); i > 0; i--) {
            SessionPlayback playback = playbacks.poll();
            if (playback.finished()) {
                continue;
            }
            if (!playback.dueBy(nowNs)) {
                earliestDueNs = Math.min(earliestDueNs, playback.nextDueNs());
                playbacks.add(playback);
                continue;
            }
            byte[] payload = playback.take();
            if (payload != null) {
                playbacks.add(playback); // to the back: several playbacks share the socket round-robin
                return new Outbound(playback.binary(), payload);
            }
        }
        if (earliestDueNs != Long.MAX_VALUE) {
            wakeAt(earliestDueNs);
        }
        return null;
    }

    private void write(Outbound frame) {
        ByteBuf payload = Unpooled.wrappedBuffer(frame.payload());
        channel.write(frame.binary() ? new BinaryWebSocketFrame(payload) : new TextWebSocketFrame(payload),
                channel.voidPromise());
        framesSent++;
        bytesSent += frame.payload().length;
    }

    private void wakeAt(long atNs) {
        if (wakeScheduled && atNs - wakeAtNs >= 0) {
            return; // an earlier wake-up is already scheduled
        }
        wakeScheduled = true;
        wakeAtNs = atNs;
        channel.eventLoop().schedule(() -> {
            wakeScheduled = false;
            pump();
        }, atNs - System.nanoTime(), TimeUnit.NANOSECONDS);
    }

    private void finThenClose() {
        dropping = true;
        if (channel instanceof DuplexChannel duplex && channel.isActive()) {
            duplex.shutdownOutput().addListener(fin ->
                    channel.eventLoop().schedule(() -> channel.close(), FIN_TO_CLOSE_MS, TimeUnit.MILLISECONDS));
        } else {
            channel.close();
        }
    }

    private void drop() {
        stopWriting();
        channel.close();
    }

    private void stopWriting() {
        open = false;
        inbox.clear();
        pending.clear();
        playbacks.forEach(SessionPlayback::finish);
        playbacks.clear();
    }

    private boolean stalled() {
        return faults.stalled() || serverFaults.stalled();
    }

    private boolean ignoringPings() {
        return faults.ignoringPings() || serverFaults.ignoringPings();
    }

    /** The stricter of the session's and the server's throttles. */
    private long throttleBytesPerSecond() {
        long own = faults.throttleBytesPerSecond();
        long server = serverFaults.throttleBytesPerSecond();
        return own == 0 ? server : server == 0 ? own : Math.min(own, server);
    }

    private void onLoop(Runnable task) {
        if (channel.eventLoop().inEventLoop()) {
            task.run();
            return;
        }
        try {
            channel.eventLoop().execute(task);
        } catch (RejectedExecutionException e) {
            // the server has shut down: the session is closed, and so is everything the task would have done
        }
    }

    private void guarded(String callback, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("{}: route {} failed", this, callback, e);
        }
    }
}
