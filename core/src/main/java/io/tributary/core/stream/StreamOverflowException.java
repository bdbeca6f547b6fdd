package io.tributary.core.stream;

/** Ends a consumer whose queue overflowed under {@link Overflow#DISCONNECT}. */
public final class StreamOverflowException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StreamOverflowException(String message) {
        super(message);
    }
}
