package io.tributary.simulator.binance;

import io.tributary.simulator.MessageSource;
import io.tributary.simulator.TwinSession;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;

/**
 * A benchmark flood of one symbol's diff depth updates, {@code levels} level changes each, continuing the generated
 * market's update ids. Building each frame with a {@code StringBuilder} would cost the twin more CPU than the client
 * spends on it, so the level changes are drawn once into a cycle of pre-rendered bodies and each frame only prints
 * its ids and event time around one of them. The mid stays put during a flood, so the book never crosses.
 *
 * <p>Each frame's write time ({@link System#nanoTime()}, taken on the twin's I/O thread right before the write) is
 * kept by update id, so a client in the same JVM can measure write-to-consumer latency. When the last frame has been
 * taken, the generated market's book moves to the flood's end state: the twin's own book, to compare clients with.
 */
public final class DepthFlood implements MessageSource {
    /** Distinct bodies cycled through: enough variety for the book, little enough to stay in cache. */
    static final int CYCLE = 4096;

    private final long updates;
    private final int levels;
    private final long firstId;
    private final byte[] head;
    private final byte[] symbolAndFirstId;
    private final byte[][] bodies;
    private final List<List<Change>> changes;
    private final AtomicLongArray writeNanos;
    private final Consumer<DepthFlood> onFinished;
    private final TwinSession session;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private byte[] frame = new byte[1024];
    private volatile long taken; // written on the I/O thread only

    record Change(boolean bid, long priceE8, long quantityE8) {}

    /**
     * @param streamName the subscribed stream name the frames are wrapped in, or null for raw (unwrapped) frames
     * @param midE8 the market's mid: bids go below it, asks above
     * @param lastUpdateId the market's last update id: the flood starts right after it
     * @param session the connection it is for
     * @param onFinished runs once, on the I/O thread, after the last frame was taken
     */
    DepthFlood(SymbolSpec spec, String streamName, long midE8, long lastUpdateId, int bookDepth, long updates,
            int levels, SplittableRandom random, TwinSession session, Consumer<DepthFlood> onFinished) {
        if (updates <= 0 || updates > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("updates must be 1.." + Integer.MAX_VALUE + ": " + updates);
        }
        if (levels < 1 || levels > 2 * bookDepth) {
            throw new IllegalArgumentException("levels must be 1.." + 2 * bookDepth + ": " + levels);
        }
        this.updates = updates;
        this.levels = levels;
        this.firstId = lastUpdateId + 1;
        this.onFinished = onFinished;
        this.session = session;
        this.writeNanos = new AtomicLongArray((int) updates);
        String open = streamName == null ? "" : "{\"stream\":\"" + streamName + "\",\"data\":";
        head = (open + "{\"e\":\"depthUpdate\",\"E\":").getBytes(StandardCharsets.US_ASCII);
        symbolAndFirstId = (",\"s\":\"" + spec.symbol() + "\",\"U\":").getBytes(StandardCharsets.US_ASCII);
        String close = streamName == null ? "}" : "}}";
        int cycle = (int) Math.min(updates, CYCLE);
        bodies = new byte[cycle][];
        changes = new ArrayList<>(cycle);
        for (int i = 0; i < cycle; i++) {
            List<Change> update = randomUpdate(spec, midE8, bookDepth, random);
            changes.add(update);
            bodies[i] = (",\"b\":" + json(update, true) + ",\"a\":" + json(update, false) + close)
                    .getBytes(StandardCharsets.US_ASCII);
        }
    }

    /**
     * Starts sending, at {@code updatesPerSecond} or, when {@code <= 0}, as fast as the socket takes the frames.
     * Once only.
     */
    public DepthFlood start(double updatesPerSecond) {
        session.play(this, updatesPerSecond);
        return this;
    }

    /** Update ids covered: {@code firstUpdateId()..lastUpdateId()}, {@code levels} per update. */
    public long firstUpdateId() {
        return firstId;
    }

    public long lastUpdateId() {
        return firstId + updates * levels - 1;
    }

    public long updates() {
        return updates;
    }

    /** Level changes per update. */
    public int levels() {
        return levels;
    }

    /** Frames written so far. */
    public long taken() {
        return taken;
    }

    /** Completes once every frame was taken and the market moved to the flood's end state. */
    public CompletableFuture<Void> finished() {
        return finished;
    }

    /**
     * When the frame whose last update id is {@code u} was written ({@link System#nanoTime()}), or 0 if that is not
     * one of this flood's frames or it was not written yet.
     */
    public long writeNanos(long u) {
        long offset = u - firstId + 1;
        if (offset <= 0 || offset % levels != 0 || offset / levels > updates) {
            return 0;
        }
        return writeNanos.get((int) (offset / levels - 1));
    }

    @Override
    public String next() {
        if (taken == updates) {
            if (!finished.isDone()) {
                onFinished.accept(this);
                finished.complete(null);
            }
            return null;
        }
        int index = (int) taken;
        byte[] body = bodies[index % bodies.length];
        long first = firstId + taken * levels;
        int length = 0;
        ensureCapacity(head.length + symbolAndFirstId.length + body.length + 80);
        length = put(head, length);
        length = putLong(System.currentTimeMillis(), length);
        length = put(symbolAndFirstId, length);
        length = putLong(first, length);
        frame[length++] = ',';
        frame[length++] = '"';
        frame[length++] = 'u';
        frame[length++] = '"';
        frame[length++] = ':';
        length = putLong(first + levels - 1, length);
        length = put(body, length);
        String text = new String(frame, 0, length, StandardCharsets.ISO_8859_1);
        taken++;
        writeNanos.set(index, System.nanoTime());
        return text;
    }

    /** The changes of the last full cycle, in the order they were sent: what the book ends with, level by level. */
    void applyFinalState(OrderBookSide bids, OrderBookSide asks) {
        long start = Math.max(0, updates - bodies.length);
        for (long i = start; i < updates; i++) {
            for (Change change : changes.get((int) (i % bodies.length))) {
                (change.bid() ? bids : asks).set(change.priceE8(), change.quantityE8());
            }
        }
    }

    private List<Change> randomUpdate(SymbolSpec spec, long midE8, int bookDepth, SplittableRandom random) {
        Map<Long, Change> update = new LinkedHashMap<>(); // one change per level, by signed price
        while (update.size() < levels) {
            boolean bid = update.size() % 2 == 0;
            long priceE8 = midE8 + (bid ? -1 : 1) * (1 + random.nextInt(bookDepth)) * spec.tickE8();
            long quantityE8 = random.nextInt(5) == 0 ? 0 : spec.lotE8() * (1 + random.nextInt(1_000));
            update.putIfAbsent(bid ? -priceE8 : priceE8, new Change(bid, priceE8, quantityE8));
        }
        return List.copyOf(update.values());
    }

    private static String json(List<Change> update, boolean bid) {
        StringBuilder json = new StringBuilder("[");
        for (Change change : update) {
            if (change.bid() == bid) {
                if (json.length() > 1) {
                    json.append(',');
                }
                OrderBookSide.appendLevel(json, change.priceE8(), change.quantityE8());
            }
        }
        return json.append(']').toString();
    }

    private void ensureCapacity(int bytes) {
        if (frame.length < bytes) {
            frame = new byte[bytes];
        }
    }

    private int put(byte[] bytes, int at) {
        System.arraycopy(bytes, 0, frame, at, bytes.length);
        return at + bytes.length;
    }

    /** Prints a non-negative long in decimal. */
    private int putLong(long value, int at) {
        int digits = 1;
        for (long rest = value / 10; rest > 0; rest /= 10) {
            digits++;
        }
        for (int i = at + digits - 1; i >= at; i--) {
            frame[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        return at + digits;
    }
}
