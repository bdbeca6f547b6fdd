package io.tributary.cli;

/**
 * What a replay found for one symbol's book.
 *
 * @param applied          messages the book applied (snapshots included)
 * @param rejected         messages the book refused because a value did not fit its scales or was malformed
 * @param check            the exchange's own check, as shown (e.g. HTX versions rising), or "" if it has none
 * @param checkFailures    times that check failed
 * @param crossedIsFailure false for raw (order-by-order) books, which cross transiently by nature
 */
record SymbolResult(String symbol, long messages, long applied, long gaps, long resyncs, long crossed, long rejected,
                    long checksumOk, long checksumFailed, String check, long checkFailures, String state,
                    boolean crossedIsFailure) {

    boolean failed() {
        return gaps > 0 || checksumFailed > 0 || crossedIsFailure && crossed > 0 || rejected > 0 || checkFailures > 0
                || !"LIVE".equals(state);
    }
}
