package io.tributary.sink.questdb;

import io.questdb.ServerMain;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * QuestDB running inside this JVM: data under a directory of ours, every port bound to 127.0.0.1, telemetry off,
 * only its errors logged. {@link #stop} and {@link #start} can be repeated; after the first start the ports stay the
 * same, so writers and queries configured with {@link #ilpConfig()} and {@link #jdbcUrl()} find it again.
 */
public final class EmbeddedQuestDb implements AutoCloseable {

    /** Only errors; QuestDB's default log is very chatty. */
    private static final String LOG_CONF = """
            writers=stdout
            w.stdout.class=io.questdb.log.LogConsoleWriter
            w.stdout.level=ERROR,CRITICAL
            """;

    private final Path root;
    private int httpPort;
    private int pgPort;
    private ServerMain server;

    /**
     * @param root     the data directory (created if missing)
     * @param httpPort HTTP port (ILP over HTTP, /exec, the web console); 0 picks a free one
     * @param pgPort   PostgreSQL wire port; 0 picks a free one
     */
    public EmbeddedQuestDb(Path root, int httpPort, int pgPort) {
        this.root = Objects.requireNonNull(root, "root");
        this.httpPort = httpPort;
        this.pgPort = pgPort;
    }

    /** Starts QuestDB on free ports under {@code root}. */
    public static EmbeddedQuestDb startOnFreePorts(Path root) {
        EmbeddedQuestDb db = new EmbeddedQuestDb(root, 0, 0);
        db.start();
        return db;
    }

    /** Starts the server and waits until it serves; does nothing if it is running. */
    public synchronized void start() {
        if (server != null) {
            return;
        }
        try {
            Files.createDirectories(root.resolve("conf"));
            Path logConf = root.resolve("conf").resolve("log.conf");
            if (Files.notExists(logConf)) {
                Files.writeString(logConf, LOG_CONF);
            }
            // QuestDB's log is configured once per JVM, from the "out" property, before it sees our root
            if (System.getProperty("out") == null) {
                System.setProperty("out", logConf.toAbsolutePath().toString());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare QuestDB directory " + root, e);
        }
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("QDB_HTTP_BIND_TO", "127.0.0.1:" + httpPort);
        env.put("QDB_HTTP_NET_BIND_TO", "127.0.0.1:" + httpPort);
        env.put("QDB_HTTP_MIN_ENABLED", "false");
        env.put("QDB_HTTP_MIN_NET_BIND_TO", "127.0.0.1:0");
        env.put("QDB_PG_NET_BIND_TO", "127.0.0.1:" + pgPort);
        env.put("QDB_LINE_TCP_ENABLED", "false"); // ILP goes over HTTP
        env.put("QDB_LINE_TCP_NET_BIND_TO", "127.0.0.1:0");
        env.put("QDB_LINE_UDP_ENABLED", "false");
        env.put("QDB_TELEMETRY_ENABLED", "false");
        env.put("QDB_METRICS_ENABLED", "false");
        ServerMain started = ServerMain.create(root.toString(), env);
        try {
            started.start();
            started.awaitStartup();
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        httpPort = started.getHttpServerPort();
        pgPort = started.getPgWireServerPort();
        server = started;
    }

    /** Stops the server (data stays on disk); does nothing if it is stopped. */
    public synchronized void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    public synchronized boolean isRunning() {
        return server != null;
    }

    public synchronized int httpPort() {
        return httpPort;
    }

    public synchronized int pgPort() {
        return pgPort;
    }

    public Path root() {
        return root;
    }

    /** @return the ILP client configuration string for {@link QuestDbWriter} (ILP over HTTP) */
    public synchronized String ilpConfig() {
        return "http::addr=127.0.0.1:" + httpPort + ";";
    }

    /** @return the JDBC URL of the PostgreSQL wire endpoint (user admin, password quest) */
    public synchronized String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + pgPort + "/qdb";
    }

    @Override
    public void close() {
        stop();
    }
}
