package io.tributary.simulator;

/** Receives the one-shot actions and condition changes of a {@link Faults} (a session, or the server fanning out). */
interface FaultListener {
    void dropNow();

    /** Arms an abrupt close after {@code messages} more data frames; a negative count disarms. */
    void dropAfter(long messages);

    void sendMalformed();

    void sendOversized(int bytes);

    void closeWith(int code, String reason);

    /** A condition (stall, throttle, ...) changed: writers that were held back may go again. */
    void conditionsChanged();
}
