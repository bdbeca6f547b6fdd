/**
 * Exchange-neutral market data types. Prices and sizes are exact decimals held as {@code long}s scaled by a number
 * of decimals chosen per instrument ({@link io.tributary.model.Decimals}); text is read by
 * {@link io.tributary.model.DecimalParser}, which never rounds: a value that does not fit is a distinct
 * {@link io.tributary.model.DecimalResult}. {@link io.tributary.model.AsciiBuffer} renders values back exactly,
 * including the forms exchange checksums hash (the digits as written, JavaScript number text).
 */
package io.tributary.model;
