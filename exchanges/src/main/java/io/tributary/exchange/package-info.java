/**
 * Exchange connectors' shared parts: per-symbol scales, the per-connection map of {@code SymbolBook}s, and the
 * snapshot request a book sync sends when a symbol needs one. One sub-package per exchange.
 */
package io.tributary.exchange;
