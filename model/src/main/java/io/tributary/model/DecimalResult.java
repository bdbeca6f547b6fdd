package io.tributary.model;

/**
 * Outcome of reading a decimal into a scaled {@code long}. Everything but {@link #OK} is a rejection: the value
 * is never rounded or clamped, the caller counts the rejection and drops what depended on it.
 */
public enum DecimalResult {
    /** The value fits the scale exactly. */
    OK,
    /** The text has more significant decimals than the scale holds; accepting it would mean rounding. */
    TOO_PRECISE,
    /** The scaled value does not fit in a {@code long}. */
    OVERFLOW,
    /** The text is not a decimal number (empty, stray characters, {@code NaN}, a dangling exponent...). */
    MALFORMED
}
