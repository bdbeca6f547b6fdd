package io.tributary.server;

import io.javalin.http.Context;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;

/** Reads and validates query parameters; every failure names the parameter. */
final class Params {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:/\\-]{1,64}");
    private static final Pattern DIGITS = Pattern.compile("-?[0-9]{1,19}");

    private final Context ctx;

    Params(Context ctx) {
        this.ctx = ctx;
    }

    /** An exchange or symbol name: letters, digits and {@code _ . : / -}, at most 64 characters. */
    String name(String parameter) {
        String value = required(parameter);
        if (!NAME.matcher(value).matches()) {
            throw new BadParameterException(parameter, parameter + " must be 1-64 letters, digits or _ . : / -");
        }
        return value;
    }

    /** @return the name, or null when absent */
    String optionalName(String parameter) {
        return ctx.queryParam(parameter) == null ? null : name(parameter);
    }

    /** An instant: ISO-8601 ({@code 2026-11-21T09:00:00.123456789Z}) or integer nanoseconds since the epoch. */
    long instantNs(String parameter, Long defaultNs) {
        String value = ctx.queryParam(parameter);
        if (value == null || value.isEmpty()) {
            if (defaultNs == null) {
                throw new BadParameterException(parameter, parameter + " is required");
            }
            return defaultNs;
        }
        if (DIGITS.matcher(value).matches()) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw new BadParameterException(parameter, parameter + " is out of range");
            }
        }
        try {
            Instant instant = Instant.parse(value);
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new BadParameterException(parameter, parameter
                    + " must be an ISO-8601 instant (2026-11-21T09:00:00Z) or epoch nanoseconds");
        }
    }

    /** An integer in {@code [min, max]}, or {@code defaultValue} when absent. */
    int integer(String parameter, int defaultValue, int min, int max) {
        String value = ctx.queryParam(parameter);
        if (value == null || value.isEmpty()) {
            return defaultValue;
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadParameterException(parameter, parameter + " must be an integer from " + min + " to " + max);
    }

    /** A sampling interval like {@code 500ms}, {@code 1s}, {@code 5m}, {@code 1h}, {@code 1d}; null when absent. */
    SampleInterval interval(String parameter) {
        String value = ctx.queryParam(parameter);
        if (value == null || value.isEmpty()) {
            return null;
        }
        SampleInterval interval = SampleInterval.parse(value);
        if (interval == null) {
            throw new BadParameterException(parameter, parameter
                    + " must be a positive count and a unit: ms, s, m, h or d (e.g. 1s, 5m)");
        }
        return interval;
    }

    private String required(String parameter) {
        String value = ctx.queryParam(parameter);
        if (value == null || value.isEmpty()) {
            throw new BadParameterException(parameter, parameter + " is required");
        }
        return value;
    }
}
