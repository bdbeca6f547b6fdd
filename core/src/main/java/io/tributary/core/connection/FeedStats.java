package io.tributary.core.connection;

import io.tributary.core.error.BadInput;
import java.util.List;
import java.util.Map;

/**
 * A feed's counters, at one instant. Totals cover every socket the feed has had, closed ones included.
 *
 * @param delivered        messages published to consumers
 * @param duplicates       messages dropped as duplicates of ones delivered from another socket (rotation overlap)
 * @param connectsStarted  connection attempts
 * @param reconnects       sockets replaced after they closed or died unexpectedly
 * @param rotations        completed make-before-break rotations
 * @param watchdogTimeouts sockets declared dead by the watchdog
 * @param badInput         bad input by kind, all sockets
 * @param sockets          the sockets open or opening now
 */
public record FeedStats(long delivered, long duplicates, long connectsStarted, long reconnects, long rotations,
                        long watchdogTimeouts, Map<BadInput, Long> badInput, List<SocketInfo> sockets) {

    /** @return the count of one kind of bad input over all sockets */
    public long badInput(BadInput kind) {
        return badInput.getOrDefault(kind, 0L);
    }
}
