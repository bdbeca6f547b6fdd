package io.tributary.core.connection;

import io.tributary.core.error.BadInput;
import io.tributary.core.error.BadInputException;
import io.tributary.core.error.DistinctErrorLog;
import io.tributary.core.time.NanoClock;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inbound half of a {@link Feed} for frames that were recorded instead of read from a socket: each frame goes
 * through what a live socket does with it (inflate compressed frames, check UTF-8, the protocol's
 * {@link ExchangeProtocol#inspect classification}, dedupe of keyed streams across sockets) and a delivered one is
 * handed to {@code target} at once, on the caller's thread, numbered 1, 2, 3, ... as the feed numbers them.
 * Heartbeats, replies and rotation requests are noted and not delivered (there is nobody to answer); bad input is
 * counted and logged rate-limited. One thread at a time.
 */
public final class RecordedFrames {

    private static final Logger LOG = LoggerFactory.getLogger(RecordedFrames.class);

    private final String name;
    private final ExchangeProtocol protocol;
    private final int maxInflatedBytes;
    private final Consumer<? super RawMessage> target;
    private final DistinctErrorLog errors;
    private final Inflate inflate = new Inflate();
    private final StreamPositions positions = new StreamPositions();
    private final Map<Long, Object> sockets = new HashMap<>(); // identities for the dedupe, by connection id
    private final Map<BadInput, Long> badInput = new EnumMap<>(BadInput.class);
    private long offered;
    private long delivered;
    private long duplicates;

    /**
     * @param name             for log lines
     * @param protocol         the exchange protocol the live feed would speak
     * @param maxInflatedBytes the cap on an inflated frame, as the live feed's
     * @param clock            paces the error log (the recording's clock keeps log lines as rare as live)
     * @param target           receives each delivered message
     */
    public RecordedFrames(String name, ExchangeProtocol protocol, int maxInflatedBytes, NanoClock clock,
                          Consumer<? super RawMessage> target) {
        this.name = Objects.requireNonNull(name, "name");
        this.protocol = Objects.requireNonNull(protocol, "protocol");
        this.maxInflatedBytes = maxInflatedBytes;
        this.target = Objects.requireNonNull(target, "target");
        this.errors = new DistinctErrorLog(LOG, clock);
    }

    /**
     * Offers one recorded frame.
     *
     * @param connectionId       the socket it was received on (frames of one socket share it)
     * @param payload            the frame as received (compressed frames still compressed)
     * @param binary             true for a binary frame
     * @param receivedEpochNanos its receive time from the recording
     * @return true if it was delivered to the target
     */
    public boolean offer(long connectionId, byte[] payload, boolean binary, long receivedEpochNanos) {
        offered++;
        byte[] bytes = payload;
        boolean binaryMessage = binary;
        Compression compression = protocol.binaryFrames();
        try {
            if (binary && compression != Compression.NONE) {
                bytes = inflate.inflate(payload, compression, maxInflatedBytes);
                binaryMessage = false;
            }
            if (!binaryMessage && !Utf8.isValid(bytes)) {
                throw new BadInputException(BadInput.INVALID_UTF8, "text frame of " + bytes.length
                        + " bytes is not UTF-8");
            }
        } catch (BadInputException e) {
            return bad(e.kind(), e.getMessage());
        }
        RawMessage message = new RawMessage(connectionId, 0, receivedEpochNanos, receivedEpochNanos, binaryMessage,
                bytes);
        Inbound verdict;
        try {
            verdict = protocol.inspect(message);
        } catch (BadInputException e) {
            return bad(e.kind(), e.getMessage());
        } catch (RuntimeException e) {
            return bad(BadInput.ADAPTER_FAILURE, e + " on " + message.preview());
        }
        return switch (verdict) {
            case Inbound.Data data -> deliver(connectionId, message, data);
            case Inbound.Invalid invalid -> bad(invalid.kind(), invalid.detail() + ": " + message.preview());
            case Inbound.Reply reply -> false;
            case Inbound.Heartbeat heartbeat -> false;
            case Inbound.Rotate rotate -> false;
        };
    }

    private boolean deliver(long connectionId, RawMessage message, Inbound.Data data) {
        if (data.keyed()) {
            Object socket = sockets.computeIfAbsent(connectionId, id -> new Object());
            if (!positions.admit(socket, data.streamKey(), data.sequence())) {
                duplicates++; // the overlap of a recorded rotation: the other socket delivered it already
                return false;
            }
        }
        message.assignSequence(++delivered);
        target.accept(message);
        return true;
    }

    private boolean bad(BadInput kind, String detail) {
        badInput.merge(kind, 1L, Long::sum);
        errors.record(name + " " + kind, "recorded frame: " + detail);
        return false;
    }

    /** @return frames offered */
    public long offered() {
        return offered;
    }

    /** @return frames delivered to the target */
    public long delivered() {
        return delivered;
    }

    /** @return keyed frames dropped because another socket of the recording had delivered them */
    public long duplicates() {
        return duplicates;
    }

    /** @return bad frames by kind */
    public Map<BadInput, Long> badInput() {
        return Map.copyOf(badInput);
    }
}
