package io.tributary.core.error;

/**
 * Thrown by a protocol adapter or a decoding helper when a message is unusable. The connection catches it, counts
 * it under {@link #kind()}, logs it rate-limited and goes on with the next message. Carries no stack trace: it is
 * an expected outcome, not a bug.
 */
public final class BadInputException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final BadInput kind;

    public BadInputException(BadInput kind, String detail) {
        super(detail, null, false, false);
        this.kind = kind;
    }

    public BadInputException(BadInput kind, String detail, Throwable cause) {
        super(detail, cause, false, false);
        this.kind = kind;
    }

    /** @return what was wrong */
    public BadInput kind() {
        return kind;
    }
}
