package io.tributary.server;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.ArrayBlockingQueue;

/** A few reusable JDBC connections to the store's PostgreSQL wire endpoint; a connection that failed is dropped. */
final class ConnectionPool implements AutoCloseable {

    private final String url;
    private final String user;
    private final String password;
    private final ArrayBlockingQueue<Connection> idle;

    ConnectionPool(String url, String user, String password, int size) {
        this.url = url;
        this.user = user;
        this.password = password;
        this.idle = new ArrayBlockingQueue<>(size);
    }

    Connection borrow() throws SQLException {
        Connection connection = idle.poll();
        return connection != null ? connection : DriverManager.getConnection(url, user, password);
    }

    void giveBack(Connection connection, boolean healthy) {
        if (!healthy || !idle.offer(connection)) {
            closeQuietly(connection);
        }
    }

    @Override
    public void close() {
        Connection connection;
        while ((connection = idle.poll()) != null) {
            closeQuietly(connection);
        }
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // it was being discarded anyway
        }
    }
}
