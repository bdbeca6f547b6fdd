package io.tributary.core.error;

/** The kinds of bad input a connection survives: each is counted per connection and logged rate-limited. */
public enum BadInput {
    /** A text frame that is not valid JSON. */
    INVALID_JSON,
    /** Valid JSON of a message type the protocol adapter does not know. */
    UNKNOWN_MESSAGE,
    /** A known message whose field has the wrong type or an unusable value. */
    WRONG_FIELD_TYPE,
    /** A text frame whose payload is not valid UTF-8. */
    INVALID_UTF8,
    /** A frame (or fragmented message) larger than the configured cap; skipped. */
    OVERSIZED_FRAME,
    /** A compressed frame that inflates past the configured cap; skipped. */
    INFLATED_TOO_LARGE,
    /** A compressed frame that cannot be inflated. */
    CORRUPT_COMPRESSION,
    /** The protocol adapter failed on a message in a way it did not classify; the message is skipped. */
    ADAPTER_FAILURE
}
