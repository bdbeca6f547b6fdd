package io.tributary.exchange.bitstamp;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Dedupe sequences for a {@code bts:request_reconnect} rotation, where the old and the new socket carry the same
 * channels for a while. Bitstamp stamps events with a {@code microtimestamp} but no sequence, and events of one
 * channel may share a microtimestamp (trades of one taker order do in the recordings; {@code live_orders} fills
 * likely too), so the microtimestamp alone cannot tell a repeat from the next event at the cut-over. Every socket
 * receives a channel's events in the same order, so the n-th event at a microtimestamp is the same event on both
 * sockets: the sequence is {@code microtimestamp × 1000 + n}. That makes the overlap exact, not approximate.
 *
 * <p>A socket's first microtimestamp on a channel may be a partial group (it subscribed in the middle of it), so
 * its events there count as the group's last ({@code n = 999}): they are dropped as repeats only once the other
 * socket has moved past that microtimestamp, and never prove the new socket covers the channel inside an ambiguous
 * group. Event-loop thread only; state is kept for the two newest sockets (a feed has at most two at a time).
 */
final class OverlapSequences {

    private static final long PER_MICROSECOND = 1000;
    private static final int LAST = (int) PER_MICROSECOND - 1;
    private static final int SOCKETS = 2;

    private final TreeMap<Long, Map<String, Group>> sockets = new TreeMap<>();

    /** @return the dedupe sequence of an event at {@code micros} on {@code stream} as received on socket {@code socketId} */
    long next(long socketId, String stream, long micros) {
        Map<String, Group> streams = sockets.get(socketId);
        if (streams == null) {
            streams = new HashMap<>();
            sockets.put(socketId, streams);
            while (sockets.size() > SOCKETS) {
                sockets.pollFirstEntry();
            }
        }
        Group group = streams.get(stream);
        if (group == null) {
            streams.put(stream, new Group(micros, LAST));
            return micros * PER_MICROSECOND + LAST;
        }
        if (micros != group.micros) {
            group.micros = micros;
            group.index = 0;
        } else if (group.index < LAST - 1) {
            group.index++; // (more than 998 events in one microsecond would share the last number)
        }
        return micros * PER_MICROSECOND + group.index;
    }

    private static final class Group {
        long micros;
        int index;

        Group(long micros, int index) {
            this.micros = micros;
            this.index = index;
        }
    }
}
