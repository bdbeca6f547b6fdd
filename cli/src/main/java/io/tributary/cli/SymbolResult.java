package io.tributary.cli;

/**
 * What a replay found for one symbol: its book, or its other streams where it has no book.
 *
 * @param applied       messages the book applied (snapshots included); without a book, messages decoded
 * @param crossed       times the book became crossed; without a book, crossed best bid/ask quotes (tickers)
 * @param rejected      messages refused because a value did not fit its scales or was malformed
 * @param check         the exchange's own check, as shown (e.g. HTX versions rising), or "" if it has none
 * @param checkFailures times that check failed
 * @param state         the book's sync state, or "-" without a book
 */
record SymbolResult(String symbol, Kind kind, long messages, long applied, long gaps, long resyncs, long crossed,
                    long rejected, long checksumOk, long checksumFailed, String check, long checkFailures,
                    String state) {

    /** What the row is about. */
    enum Kind {
        /** An aggregated book: must end live and never cross. */
        L2,
        /** An order-by-order book: must end live; it crosses transiently by nature. */
        RAW,
        /** No book, only quotes and trades: every message must decode and no quote may cross. */
        NO_BOOK
    }

    /** A symbol without a book. */
    static SymbolResult withoutBook(String symbol, long messages, long decoded, long crossed, long rejected,
                                    String check) {
        return new SymbolResult(symbol, Kind.NO_BOOK, messages, decoded, 0, 0, crossed, rejected, 0, 0, check, 0,
                "-");
    }

    boolean failed() {
        return gaps > 0 || checksumFailed > 0 || kind != Kind.RAW && crossed > 0 || rejected > 0
                || checkFailures > 0 || kind != Kind.NO_BOOK && !"LIVE".equals(state);
    }
}
