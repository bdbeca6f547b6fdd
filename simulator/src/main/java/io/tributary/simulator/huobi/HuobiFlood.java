package io.tributary.simulator.huobi;

import io.tributary.simulator.BinarySource;
import io.tributary.simulator.TwinSession;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * A benchmark flood of one symbol's MBP increments, {@code levels} level changes each, continuing the twin's
 * {@code seqNum} chain. Every frame is generated and gzip-compressed when the flood is made, before the clock starts:
 * on a small machine the twin's own compression would otherwise bound the figure, while the client's inflate is what
 * is measured. Playing it only writes the bytes. The twin's market is at the flood's end state from the moment the
 * flood is made (a {@code req} during it is answered with the end state).
 *
 * <p>Each frame's write time ({@link System#nanoTime()}, on the twin's I/O thread right before the write) is kept by
 * its {@code seqNum}, so a client in the same JVM can measure write-to-consumer latency.
 */
public final class HuobiFlood implements BinarySource {

    private final TwinSession session;
    private final byte[][] frames;
    private final long[] seqNums; // ascending
    private final AtomicLongArray writeNanos;
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final long compressedBytes;
    private int taken; // I/O thread only

    HuobiFlood(HuobiMarket market, String topic, int updates, int levels, long nowMs, TwinSession session) {
        if (updates < 1 || levels < 1) {
            throw new IllegalArgumentException("updates and levels must be positive: " + updates + ", " + levels);
        }
        this.session = session;
        this.frames = new byte[updates][];
        this.seqNums = new long[updates];
        this.writeNanos = new AtomicLongArray(updates);
        String head = "{\"ch\":\"" + topic + "\",\"ts\":" + nowMs + ",\"tick\":{\"seqNum\":";
        Gzip gzip = new Gzip();
        long bytes = 0;
        for (int i = 0; i < updates; i++) {
            StringBuilder bids = new StringBuilder("[");
            StringBuilder asks = new StringBuilder("[");
            long prevSeqNum = market.seqNum;
            for (int level = 0; level < levels; level++) {
                Object[] change = market.change(); // [side, price, size, prevSeqNum]
                StringBuilder side = "bids".equals(change[0]) ? bids : asks;
                side.append(side.length() > 1 ? ",[" : "[").append(change[1]).append(',').append(change[2]).append(']');
            }
            seqNums[i] = market.seqNum; // one frame covers several changes: its chain link skips their numbers
            String json = head + market.seqNum + ",\"prevSeqNum\":" + prevSeqNum + ",\"bids\":" + bids + "],\"asks\":"
                    + asks + "]}}";
            frames[i] = gzip.compress(json.getBytes(StandardCharsets.US_ASCII));
            bytes += frames[i].length;
        }
        this.compressedBytes = bytes;
    }

    /** Starts sending, at {@code framesPerSecond} or, when {@code <= 0}, as fast as the socket takes them. Once. */
    public HuobiFlood start(double framesPerSecond) {
        session.playBinary(this, framesPerSecond);
        return this;
    }

    public int updates() {
        return frames.length;
    }

    /** @return the last frame's {@code seqNum}: the twin's book is at it once the flood is made */
    public long lastSeqNum() {
        return seqNums[seqNums.length - 1];
    }

    /** @return gzip bytes of all frames together */
    public long compressedBytes() {
        return compressedBytes;
    }

    /** When the frame with {@code seqNum} was written, or 0 if it is not one of this flood's or not written yet. */
    public long writeNanos(long seqNum) {
        int index = Arrays.binarySearch(seqNums, seqNum);
        return index < 0 ? 0 : writeNanos.get(index);
    }

    /** Completes once every frame was taken for writing. */
    public CompletableFuture<Void> finished() {
        return finished;
    }

    @Override
    public byte[] next() {
        if (taken == frames.length) {
            finished.complete(null);
            return null;
        }
        int index = taken++;
        writeNanos.set(index, System.nanoTime());
        return frames[index];
    }

    /** gzip (RFC 1952) with one reused {@link Deflater}: a new one per frame costs more than compressing it. */
    private static final class Gzip {
        private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
        private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        private final CRC32 crc = new CRC32();
        private final byte[] buffer = new byte[8192];

        byte[] compress(byte[] data) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(data.length / 2 + 32);
            out.writeBytes(HEADER);
            deflater.reset();
            deflater.setInput(data);
            deflater.finish();
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            crc.reset();
            crc.update(data);
            writeIntLittleEndian(out, (int) crc.getValue());
            writeIntLittleEndian(out, data.length);
            return out.toByteArray();
        }

        private static void writeIntLittleEndian(ByteArrayOutputStream out, int value) {
            for (int shift = 0; shift < 32; shift += 8) {
                out.write(value >>> shift);
            }
        }
    }
}
