/**
 * Exact order books.
 *
 * <ul>
 *   <li>{@link io.tributary.book.L2Book}: price levels in sorted primitive arrays (best at the end, branch-free
 *       binary search + {@code arraycopy}), a maximum depth (Kraken), crossing detection, a change listener.</li>
 *   <li>{@link io.tributary.book.L3Book}: orders by id (agrona {@code Long2ObjectHashMap}), FIFO per level, an
 *       aggregated view equal to its orders; unknown ids are counted and flag the book out of sync.</li>
 *   <li>{@link io.tributary.book.L2Update}: the reusable carrier a decoder fills per message.</li>
 *   <li>{@link io.tributary.book.SequenceTracker}: one class per exchange rule; {@link io.tributary.book.BookChecksum}
 *       and {@link io.tributary.book.BitfinexRawChecksum}: Kraken, OKX, Bitfinex P and R0 checksums.</li>
 *   <li>{@link io.tributary.book.SymbolBook}: one symbol's book + rule + checksum + state + counters; a gap or
 *       mismatch resyncs that symbol only and emits a {@link io.tributary.model.GapEvent}.</li>
 *   <li>{@link io.tributary.book.ReferenceL2Book}, {@link io.tributary.book.ReferenceL3Book}: slow, obviously
 *       correct oracles for property tests and replays.</li>
 * </ul>
 *
 * <p>Threads: one writer per book; readers on any thread take immutable {@link io.tributary.book.BookView}s. The
 * writer holds a {@code StampedLock} write lock per message; readers copy optimistically and validate, falling
 * back to a read lock. The writer path does not allocate in steady state; a view allocates its copy.
 */
package io.tributary.book;
