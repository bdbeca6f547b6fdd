package io.tributary.core.connection;

/**
 * Sees every complete data message exactly as it came off a socket (text or binary, before inflation, UTF-8
 * validation, inspection or dedupe), on the feed's event-loop thread, before anything else happens to it.
 *
 * <p>For recorders that must lose nothing (the raw journal): unlike a consumer stream it has no queue of its own, so
 * it must return at once and never block; it hands the message to its own asynchronous writer. A tap that throws is
 * logged and otherwise ignored.
 */
@FunctionalInterface
public interface FrameTap {

    /**
     * @param frame the message as received; read what you need now: its {@link RawMessage#sequence()} is still zero
     *              (the feed assigns one later if it delivers the same object)
     */
    void onFrame(RawMessage frame);
}
