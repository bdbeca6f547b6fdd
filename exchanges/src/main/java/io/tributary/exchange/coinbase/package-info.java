/**
 * Coinbase Exchange feed ({@code ws-feed}, the API of the recordings): the {@code level2} decoder and book sync, as
 * replayed from recordings. No connector yet.
 */
package io.tributary.exchange.coinbase;
