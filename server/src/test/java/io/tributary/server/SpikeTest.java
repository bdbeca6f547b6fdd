package io.tributary.server;

import io.tributary.model.event.*;
import io.tributary.sink.questdb.*;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.*;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpikeTest {
    @TempDir Path dir;
    @Test void spike() throws Exception {
        try (EmbeddedQuestDb db = EmbeddedQuestDb.startOnFreePorts(dir.resolve("db"))) {
            QuestDbWriter w = new QuestDbWriter(db.ilpConfig());
            long t = 1_700_000_000_123_456_789L;
            for (int i = 0; i < 5; i++) {
                w.write(List.of(new Trade("binance", "BTCUSDT", "" + i, new BigDecimal("65000.12000000"), new BigDecimal("0.00000001"), Aggressor.BUY, t + i, t + i + 5)));
            }
            Thread.sleep(2000);
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), "admin", "quest")) {
                String[] sqls = {"select trade_id, ts, price, cast(ts as long) from trades where symbol = ? and ts >= ? and ts < ?"};
                for (String sql : sqls) {
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        ps.setString(1, "BTCUSDT");
                        ps.setLong(2, t + 1);
                        ps.setLong(3, t + 3);
                        print("long", ps);
                    } catch (Exception e) { System.out.println("long failed " + e); }
                    try (PreparedStatement ps = c.prepareStatement(sql)) {
                        ps.setString(1, "BTCUSDT");
                        Timestamp a = new Timestamp((t + 1) / 1_000_000); a.setNanos((int) ((t + 1) % 1_000_000_000));
                        Timestamp b = new Timestamp((t + 3) / 1_000_000); b.setNanos((int) ((t + 3) % 1_000_000_000));
                        ps.setTimestamp(2, a); ps.setTimestamp(3, b);
                        print("timestamp", ps);
                    } catch (Exception e) { System.out.println("ts failed " + e); }
                }
                try (PreparedStatement ps = c.prepareStatement("select trade_id, cast(ts as long) from trades where symbol = ? and ts >= cast(? as timestamp_ns) and ts < cast(? as timestamp_ns)")) {
                    ps.setString(1, "BTCUSDT"); ps.setLong(2, t + 1); ps.setLong(3, t + 3);
                    print("cast long", ps);
                } catch (Exception e) { System.out.println("cast failed " + e); }
                try (PreparedStatement ps = c.prepareStatement("select trade_id, cast(ts as long) from trades where symbol = ? and ts >= ? and ts < ?")) {
                    ps.setString(1, "BTCUSDT"); ps.setString(2, "2023-11-14T22:13:20.123456790Z"); ps.setString(3, "2023-11-14T22:13:20.123456792Z");
                    print("string", ps);
                } catch (Exception e) { System.out.println("string failed " + e); }
                try (PreparedStatement ps = c.prepareStatement("select ts, price, bid from (select ts, price, cast(null as decimal(38,18)) bid from trades) where ts > ? limit 2")) {
                    ps.setLong(1, 0);
                    print("x", ps);
                } catch (Exception e) { System.out.println("x failed " + e); }
            }
        }
    }
    static void print(String label, PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            StringBuilder sb = new StringBuilder(label + ":");
            while (rs.next()) { sb.append(" [");
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) sb.append(rs.getString(i)).append("|").append(rs.getMetaData().getColumnTypeName(i)).append(",");
                sb.append("]"); }
            System.out.println(sb);
        }
    }
}
