package io.tributary.cli;

/**
 * What a replay found for one symbol's book.
 *
 * @param crossedIsFailure false for raw (order-by-order) books, which cross transiently by nature
 */
record SymbolResult(String symbol, long messages, long gaps, long resyncs, long crossed, long checksumOk,
                    long checksumFailed, String state, boolean crossedIsFailure) {

    boolean failed() {
        return gaps > 0 || checksumFailed > 0 || crossedIsFailure && crossed > 0 || !"LIVE".equals(state);
    }
}
