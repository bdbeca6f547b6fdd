package io.tributary.sink.questdb;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where an external QuestDB server is: the ILP-over-HTTP client configuration that {@link QuestDbWriter} writes with,
 * and the JDBC URL (PostgreSQL wire) that queries read from.
 *
 * @param ilpConfig e.g. {@code http::addr=db.example:9000;}
 * @param jdbcUrl   e.g. {@code jdbc:postgresql://db.example:8812/qdb}
 */
public record QuestDbAddress(String ilpConfig, String jdbcUrl) {

    /** QuestDB's default PostgreSQL wire port. */
    public static final int DEFAULT_PG_PORT = 8812;

    private static final Pattern HOST = Pattern.compile("(?:::|;)addr=(\\[[^\\]]+]|[^:;]+)");

    public QuestDbAddress {
        Objects.requireNonNull(ilpConfig, "ilpConfig");
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    }

    /**
     * Parses the one config line: the ILP configuration, optionally followed by whitespace and the JDBC URL, e.g.
     * {@code http::addr=db:9000; jdbc:postgresql://db:8812/qdb}. Without a JDBC URL the ILP host's port 8812 is used.
     *
     * @throws IllegalArgumentException saying what is wrong with the line
     */
    public static QuestDbAddress parse(String line) {
        String[] parts = Objects.requireNonNull(line, "line").trim().split("\\s+");
        if (parts.length > 2 || parts[0].isEmpty()) {
            throw new IllegalArgumentException("expected '<ILP config> [<JDBC URL>]', e.g. "
                    + "'http::addr=db:9000; jdbc:postgresql://db:8812/qdb', got '" + line + "'");
        }
        String ilp = parts[0];
        if (!ilp.startsWith("http::") && !ilp.startsWith("https::")) {
            throw new IllegalArgumentException("the ILP config must be ILP over HTTP ('http::addr=host:9000;'), got '"
                    + ilp + "'");
        }
        Matcher host = HOST.matcher(ilp);
        if (!host.find()) {
            throw new IllegalArgumentException("the ILP config has no addr=host:port: '" + ilp + "'");
        }
        if (parts.length == 2) {
            if (!parts[1].startsWith("jdbc:postgresql://")) {
                throw new IllegalArgumentException("the JDBC URL must start with jdbc:postgresql://, got '" + parts[1]
                        + "'");
            }
            return new QuestDbAddress(ilp, parts[1]);
        }
        return new QuestDbAddress(ilp, "jdbc:postgresql://" + host.group(1) + ":" + DEFAULT_PG_PORT + "/qdb");
    }
}
