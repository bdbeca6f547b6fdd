/**
 * OKX v5 books: {@link io.tributary.exchange.okx.OkxBookDecoder} and {@link io.tributary.exchange.okx.OkxBookSync}
 * (signed CRC32 {@code checksum}, {@code seqId}/{@code prevSeqId} chain when present). Wire facts:
 * {@code shared/reference/exchange-protocols.md} §9.4–9.5.
 */
package io.tributary.exchange.okx;
