package io.tributary.core.connection;

import java.time.Duration;
import java.util.Objects;

/**
 * A rate limit: at most {@code permits} events in any window of length {@code period}.
 *
 * @param permits events allowed per window, at least 1
 * @param period  the window length
 */
public record Rate(int permits, Duration period) {

    /** No limit. */
    public static final Rate UNLIMITED = new Rate(Integer.MAX_VALUE, Duration.ZERO);

    public Rate {
        Objects.requireNonNull(period, "period");
        if (permits < 1 || period.isNegative()) {
            throw new IllegalArgumentException("a rate needs permits >= 1 and a non-negative period: " + permits
                    + " per " + period);
        }
    }

    /** @return at most {@code permits} per second */
    public static Rate perSecond(int permits) {
        return new Rate(permits, Duration.ofSeconds(1));
    }

    /** @return at most {@code permits} per {@code period} */
    public static Rate of(int permits, Duration period) {
        return new Rate(permits, period);
    }

    /** @return true if this rate limits nothing */
    public boolean isUnlimited() {
        return period.isZero();
    }
}
