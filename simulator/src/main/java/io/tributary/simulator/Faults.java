package io.tributary.simulator;

import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Fault injection for a twin, thread-safe; controllable from tests and, through {@link #apply(String)}, from a CLI.
 *
 * <p>Two kinds of fault:
 * <ul>
 *   <li><b>Conditions</b> hold until changed: {@link #stall()}, {@link #ignorePings}, {@link #refuseSubscriptions},
 *       {@link #throttle}, {@link #dropAfter}. Set on the server's Faults they apply to every session, open now or
 *       opened later (a server-wide {@code dropAfter(n)} drops each session after its own n data frames, counted
 *       from the call for open sessions and from the handshake for later ones).</li>
 *   <li><b>Actions</b> happen once: {@link #dropNow()}, {@link #sendMalformed()}, {@link #sendOversized(int)},
 *       {@link #closeWith}. Set on the server's Faults they act on the sessions open at that moment.</li>
 * </ul>
 * {@link #clear()} lifts every condition.
 */
public final class Faults {
    /** Smallest frame {@link #sendOversized(int)} can build: {@code {"oversized":""}}. */
    public static final int MIN_OVERSIZED_BYTES = InjectedFrames.MIN_OVERSIZED_BYTES;

    private final List<FaultListener> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean stalled;
    private volatile boolean ignoringPings;
    private volatile boolean refusingSubscriptions;
    private volatile long throttleBytesPerSecond;
    private volatile long dropAfterMessages = -1;

    public Faults() {}

    /** A detached Faults holding the conditions (and any actions, which then have no one to act on) of a spec. */
    public static Faults parse(String spec) {
        return new Faults().apply(spec);
    }

    /** Abrupt TCP close without a close frame. */
    public void dropNow() {
        listeners.forEach(FaultListener::dropNow);
    }

    /** Abrupt TCP close right after {@code messages} more data frames (0 = now); a negative count disarms. */
    public void dropAfter(long messages) {
        dropAfterMessages = Math.max(-1, messages);
        listeners.forEach(l -> l.dropAfter(messages));
    }

    /** Keep TCP open and send nothing at all (no data, no pongs, no pings) until {@link #resume()}. */
    public void stall() {
        stalled = true;
        changed();
    }

    public void resume() {
        stalled = false;
        changed();
    }

    /** Stop answering client ping frames; data still flows. */
    public void ignorePings(boolean ignore) {
        ignoringPings = ignore;
        changed();
    }

    /** The next data frame is one text frame of invalid JSON. */
    public void sendMalformed() {
        listeners.forEach(FaultListener::sendMalformed);
    }

    /** The next data frame is one valid JSON text frame of exactly {@code bytes} bytes. */
    public void sendOversized(int bytes) {
        if (bytes < MIN_OVERSIZED_BYTES) {
            throw new IllegalArgumentException(
                    "an oversized frame needs at least " + MIN_OVERSIZED_BYTES + " bytes: " + bytes);
        }
        listeners.forEach(l -> l.sendOversized(bytes));
    }

    /** A close frame with this code and reason, then TCP close. */
    public void closeWith(int code, String reason) {
        listeners.forEach(l -> l.closeWith(code, reason));
    }

    /** Routes consult {@link #subscriptionsRefused()} and answer subscription requests with their exchange's error. */
    public void refuseSubscriptions(boolean refuse) {
        refusingSubscriptions = refuse;
        changed();
    }

    /** Limits data frames to this many payload bytes per second; 0 = unthrottled. */
    public void throttle(long bytesPerSecond) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("bytesPerSecond must be >= 0: " + bytesPerSecond);
        }
        throttleBytesPerSecond = bytesPerSecond;
        changed();
    }

    /** Lifts every condition and disarms drop-after. */
    public void clear() {
        stalled = false;
        ignoringPings = false;
        refusingSubscriptions = false;
        throttleBytesPerSecond = 0;
        dropAfter(-1);
        changed();
    }

    public boolean stalled() {
        return stalled;
    }

    public boolean ignoringPings() {
        return ignoringPings;
    }

    public boolean subscriptionsRefused() {
        return refusingSubscriptions;
    }

    public long throttleBytesPerSecond() {
        return throttleBytesPerSecond;
    }

    /** The armed drop-after count, or -1. */
    public long dropAfterMessages() {
        return dropAfterMessages;
    }

    /**
     * Applies a comma-separated spec, e.g. {@code "drop-after=100,ignore-pings,throttle=65536"}. Keys: {@code stall},
     * {@code resume}, {@code ignore-pings[=false]}, {@code refuse-subscriptions[=false]}, {@code throttle=BYTES_PER_S},
     * {@code drop-after=N}, {@code drop}, {@code malformed}, {@code oversized=BYTES}, {@code close=CODE[:REASON]},
     * {@code clear}.
     */
    public Faults apply(String spec) {
        for (String token : spec.split(",")) {
            String entry = token.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String key = eq < 0 ? entry : entry.substring(0, eq).strip();
            String value = eq < 0 ? null : entry.substring(eq + 1).strip();
            try {
                applyOne(key, value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad number in fault '" + entry + "'", e);
            }
        }
        return this;
    }

    private void applyOne(String key, String value) {
        switch (key) {
            case "stall" -> stall();
            case "resume" -> resume();
            case "ignore-pings" -> ignorePings(value == null || Boolean.parseBoolean(value));
            case "refuse-subscriptions" -> refuseSubscriptions(value == null || Boolean.parseBoolean(value));
            case "throttle" -> throttle(Long.parseLong(required(key, value)));
            case "drop-after" -> dropAfter(Long.parseLong(required(key, value)));
            case "drop" -> dropNow();
            case "malformed" -> sendMalformed();
            case "oversized" -> sendOversized(Integer.parseInt(required(key, value)));
            case "close" -> {
                String[] codeAndReason = required(key, value).split(":", 2);
                closeWith(Integer.parseInt(codeAndReason[0]), codeAndReason.length > 1 ? codeAndReason[1] : "");
            }
            case "clear" -> clear();
            default -> throw new IllegalArgumentException("unknown fault '" + key + "'; known: stall, resume, ignore-pings, "
                    + "refuse-subscriptions, throttle=, drop-after=, drop, malformed, oversized=, close=, clear");
        }
    }

    private static String required(String key, String value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("fault '" + key + "' needs a value: " + key + "=...");
        }
        return value;
    }

    /** The conditions as a spec that {@link #parse(String)} reads back. */
    @Override
    public String toString() {
        StringJoiner spec = new StringJoiner(",");
        if (stalled) {
            spec.add("stall");
        }
        if (ignoringPings) {
            spec.add("ignore-pings");
        }
        if (refusingSubscriptions) {
            spec.add("refuse-subscriptions");
        }
        if (throttleBytesPerSecond > 0) {
            spec.add("throttle=" + throttleBytesPerSecond);
        }
        if (dropAfterMessages >= 0) {
            spec.add("drop-after=" + dropAfterMessages);
        }
        return spec.toString();
    }

    void addListener(FaultListener listener) {
        listeners.add(listener);
    }

    void removeListener(FaultListener listener) {
        listeners.remove(listener);
    }

    private void changed() {
        listeners.forEach(FaultListener::conditionsChanged);
    }
}
