package io.tributary.core.connection;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The last delivered sequence of each stream and the socket that delivered it: dedupe across the sockets of a
 * rotation overlap. A socket's own stream is trusted (an exchange may reset a sequence on a live socket); from
 * another socket only a message beyond the last delivered one passes. Event-loop thread only.
 */
final class StreamPositions {

    private final Map<String, Position> positions = new HashMap<>();

    /** @return true if the message is new (and records it as the stream's last), false if it is a duplicate */
    boolean admit(Object socket, String streamKey, long sequence) {
        Position position = positions.get(streamKey);
        if (position == null) {
            positions.put(streamKey, new Position(socket, sequence));
            return true;
        }
        if (position.socket == socket || sequence > position.sequence) {
            position.socket = socket;
            position.sequence = sequence;
            return true;
        }
        return false;
    }

    /** @return true if {@code sequence} is at or below the last delivered one of the stream */
    boolean reached(String streamKey, long sequence) {
        Position position = positions.get(streamKey);
        return position != null && sequence <= position.sequence;
    }

    /** @return the last delivered sequence of a stream seen before */
    long last(String streamKey) {
        return positions.get(streamKey).sequence;
    }

    /** Forgets streams whose socket died with no successor: the next socket's streams start afresh. */
    void forget(Collection<String> streamKeys) {
        positions.keySet().removeAll(streamKeys);
    }

    private static final class Position {
        Object socket; // a Connection live; a recorded socket's identity offline
        long sequence;

        Position(Object socket, long sequence) {
            this.socket = socket;
            this.sequence = sequence;
        }
    }
}
