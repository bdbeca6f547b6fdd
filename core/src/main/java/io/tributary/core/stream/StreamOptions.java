package io.tributary.core.stream;

import java.util.Objects;
import java.util.function.Function;

/**
 * How a consumer is queued.
 *
 * @param capacity      the queue bound (messages; for {@link Overflow#CONFLATE} distinct keys), at least 1
 * @param overflow      what happens when the queue is full
 * @param conflationKey the key for {@link Overflow#CONFLATE} (e.g. the symbol of a message); required for it, ignored
 *                      otherwise. A {@code null} key never conflates.
 * @param name          a name for logs and thread names
 */
public record StreamOptions(int capacity, Overflow overflow, Function<Object, Object> conflationKey, String name) {

    /** The default queue bound. */
    public static final int DEFAULT_CAPACITY = 8192;

    public StreamOptions {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        Objects.requireNonNull(overflow, "overflow");
        if (overflow == Overflow.CONFLATE && conflationKey == null) {
            throw new IllegalArgumentException("CONFLATE needs a conflation key");
        }
        name = name == null || name.isBlank() ? "consumer" : name;
    }

    /** @return 8192 messages, {@link Overflow#DISCONNECT}: a default consumer never misses data silently */
    public static StreamOptions defaults() {
        return new StreamOptions(DEFAULT_CAPACITY, Overflow.DISCONNECT, null, "consumer");
    }

    /** @return options with {@code overflow} and {@code capacity}, default name, no conflation key */
    public static StreamOptions of(int capacity, Overflow overflow) {
        return new StreamOptions(capacity, overflow, null, "consumer");
    }

    /** @return options that conflate by {@code key} in a queue of {@code capacity} distinct keys */
    @SuppressWarnings("unchecked")
    public static <T> StreamOptions conflating(int capacity, Function<? super T, ?> key) {
        Function<Object, Object> byKey = message -> key.apply((T) message);
        return new StreamOptions(capacity, Overflow.CONFLATE, byKey, "consumer");
    }

    /** @return these options with another name */
    public StreamOptions withName(String newName) {
        return new StreamOptions(capacity, overflow, conflationKey, newName);
    }

    /** @return these options with another capacity */
    public StreamOptions withCapacity(int newCapacity) {
        return new StreamOptions(newCapacity, overflow, conflationKey, name);
    }
}
