package io.tributary.exchange.json;

/**
 * A message that does not have the shape its decoder expects. Thrown inside a decoder and turned into a counted
 * rejection at its boundary; it never escapes to the stream. No stack trace: it is an expected outcome.
 */
public final class MalformedMessageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String reason) {
        super(reason, null, false, false);
    }
}
