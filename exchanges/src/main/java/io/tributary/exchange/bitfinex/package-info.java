/**
 * Bitfinex v2 books: {@link io.tributary.exchange.bitfinex.BitfinexDecoder} (one per connection: chanId map, P0..P4
 * and R0 books, {@code hb}, {@code cs}, SEQ_ALL) and {@link io.tributary.exchange.bitfinex.BitfinexBookSync}. Wire
 * facts: {@code shared/reference/exchange-protocols.md} §11.2–11.7.
 */
package io.tributary.exchange.bitfinex;
