/**
 * Exchange connectors: the {@link io.tributary.exchange.MarketDataConnector} shape every exchange follows and its
 * {@link io.tributary.exchange.SymbolStats}, and the shared parts: per-symbol scales, the per-connection map of
 * {@code SymbolBook}s, and the snapshot request a book sync sends when a symbol needs one. One sub-package per
 * exchange.
 */
package io.tributary.exchange;
