package io.tributary.core.connection;

import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * A share of a feed's subscriptions (at most the protocol's per-connection limit), carried by one socket at a time
 * and by two during a rotation: the current one and its successor. Owned by the feed's event loop; the volatile
 * fields are also read by other threads for monitoring.
 */
final class Shard {

    volatile List<String> subscriptions = List.of();
    volatile Connection current;
    volatile Connection successor;
    /** Failed attempts since the last stable socket, for the backoff. */
    int failures;
    CompletableFuture<Void> rotation;
    ScheduledFuture<?> retry;
    ScheduledFuture<?> overlapTimer;

    // Rotation overlap: streams the successor is proven to cover, and its messages held until the old socket
    // has caught up with them.
    private final Set<String> covered = new HashSet<>();
    private final List<Held> held = new ArrayList<>();

    /** A message of the successor, held during the overlap. */
    record Held(String streamKey, long sequence, RawMessage message) {
    }

    List<String> subscriptions() {
        return subscriptions;
    }

    boolean isMember(Connection connection) {
        return connection == current || connection == successor;
    }

    /** @return the current socket and the successor, those that exist */
    List<Connection> connections() {
        List<Connection> list = new ArrayList<>(2);
        Connection c = current;
        Connection s = successor;
        if (c != null) {
            list.add(c);
        }
        if (s != null) {
            list.add(s);
        }
        return list;
    }

    /** @return how many messages are held after holding this one */
    int hold(String streamKey, long sequence, RawMessage message) {
        held.add(new Held(streamKey, sequence, message));
        return held.size();
    }

    boolean hasHeld() {
        return !held.isEmpty();
    }

    /** Drops the held messages of a stream up to {@code sequence} (the old socket delivered them); returns how many. */
    int dropHeldUpTo(String streamKey, long sequence) {
        int before = held.size();
        held.removeIf(message -> message.streamKey().equals(streamKey) && message.sequence() <= sequence);
        return before - held.size();
    }

    /** @return the held messages in arrival order, now released */
    List<Held> takeHeld() {
        List<Held> taken = new ArrayList<>(held);
        held.clear();
        return taken;
    }

    /**
     * Marks a stream as covered by the successor.
     *
     * @return true once every stream the current socket carried is covered
     */
    boolean cover(String streamKey) {
        covered.add(streamKey);
        return current != null && covered.containsAll(current.keys);
    }

    /** Ends an overlap: forgets coverage and held messages, stops the overlap deadline. */
    void resetOverlap() {
        covered.clear();
        held.clear();
        if (overlapTimer != null) {
            overlapTimer.cancel(false);
            overlapTimer = null;
        }
    }

    void cancelTimers() {
        resetOverlap();
        if (retry != null) {
            retry.cancel(false);
            retry = null;
        }
    }
}
