package io.tributary.sink.questdb;

import java.util.List;

/**
 * The store's tables. Every table is a WAL table whose designated timestamp {@code ts} is the exchange's time when it
 * sends one, else the local receive time; {@code exchange_ts} (null when the exchange sends none) and
 * {@code received_ts} are kept too, all at nanosecond precision. Prices and sizes are {@code DECIMAL(38,18)}: exact.
 * DEDUP UPSERT KEYS make a re-sent row replace itself, so a retried batch never duplicates.
 */
public final class StoreSchema {

    /** Digits after the point that a stored decimal keeps; a value needing more is rejected, not rounded. */
    public static final int DECIMAL_SCALE = 18;
    /** Total digits of a stored decimal. */
    public static final int DECIMAL_PRECISION = 38;

    private static final String DECIMAL = "DECIMAL(" + DECIMAL_PRECISION + ", " + DECIMAL_SCALE + ")";
    private static final String TIMES = "exchange_ts TIMESTAMP_NS, received_ts TIMESTAMP_NS";
    private static final String TAIL = " TIMESTAMP(ts) PARTITION BY DAY WAL DEDUP UPSERT KEYS(";

    public static final String TRADES = "trades";
    public static final String BOOK_DELTAS = "book_deltas";
    public static final String BOOK_SNAPSHOTS = "book_snapshots";
    public static final String BBO = "bbo";
    public static final String L3_ORDERS = "l3_orders";
    public static final String GAPS = "gaps";
    public static final String CONNECTIONS = "connections";

    private StoreSchema() {
    }

    /** @return the CREATE TABLE IF NOT EXISTS statements, one per table */
    public static List<String> ddl() {
        return List.of(
                create(TRADES, "exchange SYMBOL, symbol SYMBOL, trade_id VARCHAR, price " + DECIMAL + ", size "
                        + DECIMAL + ", aggressor SYMBOL", "ts, exchange, symbol, trade_id"),
                // one row per level change; the rows of one update share received_ts and the update ids
                create(BOOK_DELTAS, "exchange SYMBOL, symbol SYMBOL, side SYMBOL, price " + DECIMAL + ", size "
                                + DECIMAL + ", first_update_id LONG, last_update_id LONG, snapshot BOOLEAN",
                        "ts, exchange, symbol, received_ts, last_update_id, side, price"),
                // one row per level of a periodic local copy of the top of a book
                create(BOOK_SNAPSHOTS, "exchange SYMBOL, symbol SYMBOL, side SYMBOL, level INT, price " + DECIMAL
                                + ", size " + DECIMAL + ", update_id LONG",
                        "ts, exchange, symbol, received_ts, side, level"),
                create(BBO, "exchange SYMBOL, symbol SYMBOL, bid_price " + DECIMAL + ", bid_size " + DECIMAL
                                + ", ask_price " + DECIMAL + ", ask_size " + DECIMAL + ", update_id LONG",
                        "ts, exchange, symbol, received_ts, update_id"),
                create(L3_ORDERS, "exchange SYMBOL, symbol SYMBOL, action SYMBOL, order_id VARCHAR, side SYMBOL, "
                        + "price " + DECIMAL + ", size " + DECIMAL, "ts, exchange, symbol, received_ts, order_id, action"),
                create(GAPS, "exchange SYMBOL, symbol SYMBOL, reason SYMBOL, expected LONG, received LONG",
                        "ts, exchange, symbol, received_ts, reason"),
                create(CONNECTIONS, "exchange SYMBOL, connection_id LONG, state SYMBOL, endpoint VARCHAR, "
                        + "detail VARCHAR", "ts, exchange, connection_id, received_ts, state"));
    }

    private static String create(String table, String columns, String keys) {
        return "CREATE TABLE IF NOT EXISTS " + table + " (ts TIMESTAMP_NS, " + columns + ", " + TIMES + ")" + TAIL
                + keys + ")";
    }
}
