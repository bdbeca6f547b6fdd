package io.tributary.exchange;

/**
 * Asked by a book sync for a fresh snapshot of one symbol: a REST depth request (Binance) or a resubscription
 * (Kraken, OKX, Bitfinex). The connector owns how; the sync only says which symbol and why. Called on the
 * connection's thread; must return quickly.
 */
@FunctionalInterface
public interface ResyncRequester {

    /**
     * @param symbol the exchange's symbol whose book needs a snapshot
     * @param firstSync true when the symbol was just seen for the first time, false after it went out of sync
     */
    void requestSnapshot(String symbol, boolean firstSync);
}
