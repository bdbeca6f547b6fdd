package io.tributary.server;

import io.tributary.model.Side;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The queries behind the REST API, over QuestDB's PostgreSQL wire endpoint. Every value from a request is a bind
 * variable; times are epoch nanoseconds bound as {@code cast(? as timestamp_ns)}. Decimals come back as plain strings
 * without trailing zeros (the store keeps 18 digits after the point).
 */
public final class StoreQueries implements AutoCloseable {

    /** Where a rebuilt book started. */
    public enum BookSource {
        /** a periodic local snapshot ({@code book_snapshots}) */
        LOCAL_SNAPSHOT,
        /** an exchange snapshot stored with the deltas */
        EXCHANGE_SNAPSHOT
    }

    public record Page<T>(List<T> rows, Integer nextOffset) {
    }

    public record TradeRow(long timeNs, String tradeId, String price, String size, String aggressor,
                           Long exchangeTimeNs, long receivedNs) {
    }

    public record BboRow(long timeNs, String bidPrice, String bidSize, String askPrice, String askSize, long updateId,
                         Long exchangeTimeNs, Long receivedNs) {
    }

    public record GapRow(long timeNs, String exchange, String symbol, String reason, long expected, long received,
                         long receivedNs) {
    }

    public record TableStats(long rows, Long lastTimeNs, Long lastReceivedNs) {
    }

    public record StreamRow(String exchange, String symbol, Map<String, TableStats> tables) {
    }

    public record BookAt(String exchange, String symbol, long atNs, BookSource source, long startNs, long updateId,
                         int deltasApplied, long gapsSinceStart, List<List<String>> bids, List<List<String>> asks) {
    }

    private static final String[] STREAM_TABLES = {"trades", "book_deltas", "book_snapshots", "bbo", "l3_orders", "gaps"};

    private final ConnectionPool pool;

    /** @param jdbcUrl e.g. {@code jdbc:postgresql://127.0.0.1:8812/qdb} (QuestDB's defaults: admin / quest) */
    public StoreQueries(String jdbcUrl, String user, String password) {
        this.pool = new ConnectionPool(jdbcUrl, user, password, 8);
    }

    public Page<TradeRow> trades(String exchange, String symbol, long fromNs, long toNs, int limit, int offset)
            throws SQLException {
        String sql = "select cast(ts as long), trade_id, price, size, aggressor, cast(exchange_ts as long), "
                + "cast(received_ts as long) from trades where exchange = ? and symbol = ? "
                + "and ts >= cast(? as timestamp_ns) and ts < cast(? as timestamp_ns) limit ?, ?";
        return page(sql, limit, rs -> new TradeRow(rs.getLong(1), rs.getString(2), decimal(rs, 3), decimal(rs, 4),
                rs.getString(5), nullableLong(rs, 6), rs.getLong(7)), exchange, symbol, fromNs, toNs, offset);
    }

    /** Best bid/ask changes, or with {@code interval} the last one of each interval. */
    public Page<BboRow> bbo(String exchange, String symbol, long fromNs, long toNs, SampleInterval interval, int limit,
                            int offset) throws SQLException {
        String where = " from bbo where exchange = ? and symbol = ? and ts >= cast(? as timestamp_ns) "
                + "and ts < cast(? as timestamp_ns)";
        String sql = interval == null
                ? "select cast(ts as long), bid_price, bid_size, ask_price, ask_size, update_id, "
                + "cast(exchange_ts as long), cast(received_ts as long)" + where + " limit ?, ?"
                : "select cast(ts as long), bid_price, bid_size, ask_price, ask_size, update_id, "
                + "cast(null as long), cast(null as long) from (select ts, last(bid_price) bid_price, "
                + "last(bid_size) bid_size, last(ask_price) ask_price, last(ask_size) ask_size, "
                + "last(update_id) update_id" + where + " " + interval.sampleBy() + ") limit ?, ?";
        return page(sql, limit, rs -> new BboRow(rs.getLong(1), decimal(rs, 2), decimal(rs, 3), decimal(rs, 4),
                        decimal(rs, 5), rs.getLong(6), nullableLong(rs, 7), nullableLong(rs, 8)),
                exchange, symbol, fromNs, toNs, offset);
    }

    /** Book gaps, optionally of one exchange and/or symbol. */
    public Page<GapRow> gaps(String exchange, String symbol, long fromNs, long toNs, int limit, int offset)
            throws SQLException {
        // the filters are fixed SQL fragments; only their values are bound
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select cast(ts as long), exchange, symbol, reason, expected, received, "
                + "cast(received_ts as long) from gaps where ts >= cast(? as timestamp_ns) "
                + "and ts < cast(? as timestamp_ns)");
        args.add(fromNs);
        args.add(toNs);
        if (exchange != null) {
            sql.append(" and exchange = ?");
            args.add(exchange);
        }
        if (symbol != null) {
            sql.append(" and symbol = ?");
            args.add(symbol);
        }
        sql.append(" limit ?, ?");
        args.add(offset);
        return page(sql.toString(), limit, rs -> new GapRow(rs.getLong(1), rs.getString(2), rs.getString(3),
                rs.getString(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)), args.toArray());
    }

    /** What is stored, per exchange and symbol: rows and latest times of each table. */
    public List<StreamRow> streams() throws SQLException {
        Map<String, StreamRow> streams = new TreeMap<>();
        for (String table : STREAM_TABLES) {
            String sql = "select exchange, symbol, count(), cast(max(ts) as long), cast(max(received_ts) as long) from "
                    + table;
            for (List<Object> row : query(sql, rs -> List.<Object>of(rs.getString(1), rs.getString(2), rs.getLong(3),
                    nullableOrMin(rs, 4), nullableOrMin(rs, 5)))) {
                String exchange = (String) row.get(0);
                String symbol = (String) row.get(1);
                StreamRow stream = streams.computeIfAbsent(exchange + '\u0000' + symbol,
                        k -> new StreamRow(exchange, symbol, new LinkedHashMap<>()));
                stream.tables().put(table, new TableStats((Long) row.get(2), orNull((Long) row.get(3)),
                        orNull((Long) row.get(4))));
            }
        }
        return List.copyOf(streams.values());
    }

    /**
     * The book as it was at {@code atNs}: the latest snapshot at or before it (a periodic local snapshot or an
     * exchange snapshot, whichever is later) with every stored delta after it applied. Exact for the levels the
     * snapshot covered; a level deeper than the snapshot's depth that rises to the top is only known once a delta
     * touches it.
     *
     * @return the book, or null if nothing to start from is stored at or before {@code atNs}
     */
    public BookAt book(String exchange, String symbol, long atNs, int depth) throws SQLException {
        List<long[]> local = query("select cast(ts as long), cast(received_ts as long), update_id from book_snapshots "
                + "where exchange = ? and symbol = ? and ts <= cast(? as timestamp_ns) order by ts desc, received_ts "
                + "desc limit 1", rs -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}, exchange, symbol, atNs);
        List<long[]> remote = query("select cast(ts as long) from book_deltas where exchange = ? and symbol = ? "
                + "and snapshot and ts <= cast(? as timestamp_ns) order by ts desc limit 1",
                rs -> new long[] {rs.getLong(1)}, exchange, symbol, atNs);
        if (local.isEmpty() && remote.isEmpty()) {
            return null;
        }
        TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
        TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
        BookSource source;
        long startNs;
        long updateId;
        if (!local.isEmpty() && (remote.isEmpty() || local.getFirst()[0] >= remote.getFirst()[0])) {
            source = BookSource.LOCAL_SNAPSHOT;
            startNs = local.getFirst()[0];
            updateId = local.getFirst()[2];
            for (Object[] level : query("select side, price, size from book_snapshots where exchange = ? and symbol = ? "
                            + "and ts = cast(? as timestamp_ns) and received_ts = cast(? as timestamp_ns)",
                    rs -> new Object[] {rs.getString(1), rs.getBigDecimal(2), rs.getBigDecimal(3)},
                    exchange, symbol, startNs, local.getFirst()[1])) {
                (Side.valueOf((String) level[0]) == Side.BID ? bids : asks).put(
                        ((BigDecimal) level[1]).stripTrailingZeros(), (BigDecimal) level[2]);
            }
        } else {
            source = BookSource.EXCHANGE_SNAPSHOT;
            startNs = remote.getFirst()[0];
            updateId = -1;
        }
        long snapshotUpdateId = updateId;
        int applied = 0;
        long[] group = null; // received_ts, last_update_id of the update being applied
        for (Object[] row : query("select cast(received_ts as long), last_update_id, snapshot, side, price, size "
                        + "from book_deltas where exchange = ? and symbol = ? and ts >= cast(? as timestamp_ns) "
                        + "and ts <= cast(? as timestamp_ns) order by ts, received_ts, last_update_id",
                rs -> new Object[] {rs.getLong(1), rs.getLong(2), rs.getBoolean(3), rs.getString(4),
                        rs.getBigDecimal(5), rs.getBigDecimal(6)}, exchange, symbol, startNs, atNs)) {
            long receivedNs = (Long) row[0];
            long lastUpdateId = (Long) row[1];
            boolean snapshot = (Boolean) row[2];
            if (source == BookSource.LOCAL_SNAPSHOT && snapshotUpdateId >= 0 && lastUpdateId >= 0
                    && lastUpdateId <= snapshotUpdateId) {
                continue; // already in the snapshot
            }
            if (group == null || group[0] != receivedNs || group[1] != lastUpdateId) {
                group = new long[] {receivedNs, lastUpdateId};
                applied++;
                if (snapshot) {
                    bids.clear();
                    asks.clear();
                }
                if (lastUpdateId >= 0) {
                    updateId = lastUpdateId;
                }
            }
            TreeMap<BigDecimal, BigDecimal> side = Side.valueOf((String) row[3]) == Side.BID ? bids : asks;
            BigDecimal price = ((BigDecimal) row[4]).stripTrailingZeros();
            BigDecimal size = (BigDecimal) row[5];
            if (size.signum() == 0) {
                side.remove(price);
            } else {
                side.put(price, size);
            }
        }
        long gaps = query("select count() from gaps where exchange = ? and symbol = ? and ts >= cast(? as timestamp_ns) "
                + "and ts <= cast(? as timestamp_ns)", rs -> rs.getLong(1), exchange, symbol, startNs, atNs)
                .stream().findFirst().orElse(0L);
        return new BookAt(exchange, symbol, atNs, source, startNs, updateId, applied, gaps, top(bids, depth),
                top(asks, depth));
    }

    @Override
    public void close() {
        pool.close();
    }

    private static List<List<String>> top(TreeMap<BigDecimal, BigDecimal> side, int depth) {
        List<List<String>> levels = new ArrayList<>(Math.min(depth, side.size()));
        for (Map.Entry<BigDecimal, BigDecimal> level : side.entrySet()) {
            if (levels.size() == depth) {
                break;
            }
            levels.add(List.of(plain(level.getKey()), plain(level.getValue())));
        }
        return levels;
    }

    @FunctionalInterface
    private interface RowReader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** Runs a paged query: the last two bind variables are the offset and offset + limit + 1 (one more, to see if a next page exists). */
    private <T> Page<T> page(String sql, int limit, RowReader<T> reader, Object... args) throws SQLException {
        Object[] all = java.util.Arrays.copyOf(args, args.length + 1);
        int offset = (Integer) args[args.length - 1];
        all[args.length] = offset + limit + 1;
        List<T> rows = query(sql, reader, all);
        if (rows.size() > limit) {
            return new Page<>(List.copyOf(rows.subList(0, limit)), offset + limit);
        }
        return new Page<>(rows, null);
    }

    private <T> List<T> query(String sql, RowReader<T> reader, Object... args) throws SQLException {
        Connection connection = pool.borrow();
        boolean healthy = false;
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case String s -> statement.setString(i + 1, s);
                    case Long l -> statement.setLong(i + 1, l);
                    case Integer n -> statement.setInt(i + 1, n);
                    default -> throw new IllegalArgumentException("unsupported bind value " + args[i]);
                }
            }
            List<T> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(reader.read(rs));
                }
            }
            healthy = true;
            return rows;
        } catch (SQLException e) {
            if (isMissingTable(e)) {
                healthy = true;
                return List.of(); // nothing of that kind was stored yet
            }
            throw e;
        } finally {
            pool.giveBack(connection, healthy);
        }
    }

    private static boolean isMissingTable(SQLException e) {
        String message = String.valueOf(e.getMessage());
        return message.contains("table does not exist");
    }

    private static String decimal(ResultSet rs, int column) throws SQLException {
        BigDecimal value = rs.getBigDecimal(column);
        return value == null ? null : plain(value);
    }

    private static String plain(BigDecimal value) {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    private static Long nullableLong(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() || value == Long.MIN_VALUE ? null : value;
    }

    private static long nullableOrMin(ResultSet rs, int column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? Long.MIN_VALUE : value;
    }

    private static Long orNull(long value) {
        return value == Long.MIN_VALUE ? null : value;
    }
}
