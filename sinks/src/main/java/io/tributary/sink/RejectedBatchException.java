package io.tributary.sink;

/**
 * The store refused a batch as it is (a value or a row it cannot take), so writing the same batch again cannot
 * succeed. {@link ReliableSink} then narrows the batch down to the events refused, sets those aside on disk and
 * writes the rest, instead of retrying forever.
 */
public class RejectedBatchException extends Exception {

    public RejectedBatchException(String message, Throwable cause) {
        super(message, cause);
    }
}
