package io.tributary.simulator;

/**
 * Binary frames for a {@link Playback} ({@link TwinSession#playBinary}). {@link #next()} is called on the session's
 * I/O thread right before the frame is written, so a source may note the time of the write.
 */
@FunctionalInterface
public interface BinarySource {
    /** The next binary frame (not copied: the source must not change it afterwards), or null when exhausted. */
    byte[] next();
}
