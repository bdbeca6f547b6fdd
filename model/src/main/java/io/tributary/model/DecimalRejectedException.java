package io.tributary.model;

/** Thrown by the convenience conversions of {@link Decimals} when a value cannot be represented exactly. */
public final class DecimalRejectedException extends IllegalArgumentException {

    private final DecimalResult result;

    public DecimalRejectedException(DecimalResult result, String message) {
        super(message);
        this.result = result;
    }

    /** @return why the value was rejected (never {@link DecimalResult#OK}) */
    public DecimalResult result() {
        return result;
    }
}
