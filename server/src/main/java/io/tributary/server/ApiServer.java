package io.tributary.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST query API over the store (Javalin, virtual threads):
 * <ul>
 *   <li>{@code GET /api/v1/trades?exchange=&symbol=&from=&to=&limit=&offset=}</li>
 *   <li>{@code GET /api/v1/book?exchange=&symbol=&at=&depth=} — the book at an instant</li>
 *   <li>{@code GET /api/v1/bbo?exchange=&symbol=&from=&to=&interval=&limit=&offset=}</li>
 *   <li>{@code GET /api/v1/gaps?exchange=&symbol=&from=&to=&limit=&offset=}</li>
 *   <li>{@code GET /api/v1/streams} — what is stored (and, from the capture, live health)</li>
 *   <li>{@code GET /metrics} — Prometheus</li>
 * </ul>
 * Instants are ISO-8601 or epoch nanoseconds; a page holds at most {@value #MAX_LIMIT} rows and says where the next
 * starts ({@code nextOffset}). A bad parameter is answered with 400 and {@code {"error":..., "parameter":...}}.
 */
public final class ApiServer implements AutoCloseable {

    public static final int MAX_LIMIT = 10_000;
    public static final int DEFAULT_LIMIT = 1_000;
    public static final int MAX_DEPTH = 5_000;

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StoreQueries store;
    private final Supplier<?> live;
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Javalin app;

    /**
     * @param store the queries
     * @param host  the address to bind; 127.0.0.1 unless the API should be reachable from elsewhere
     * @param port  the port; 0 picks a free one
     * @param live  live capture status added to {@code /streams} (JSON-serialisable), or null
     */
    public ApiServer(StoreQueries store, String host, int port, Supplier<?> live) {
        this.store = Objects.requireNonNull(store, "store");
        this.live = live;
        this.app = Javalin.create(config -> {
            config.jetty.host = Objects.requireNonNull(host, "host");
            config.jetty.port = port;
            config.concurrency.useVirtualThreads = true;
            config.startup.showJavalinBanner = false;
            config.routes.get("/api/v1/trades", timed("trades", this::trades));
            config.routes.get("/api/v1/book", timed("book", this::book));
            config.routes.get("/api/v1/bbo", timed("bbo", this::bbo));
            config.routes.get("/api/v1/gaps", timed("gaps", this::gaps));
            config.routes.get("/api/v1/streams", timed("streams", this::streams));
            config.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4").result(metrics.scrape()));
            config.routes.exception(BadParameterException.class, (e, ctx) -> error(ctx, 400, e.getMessage(),
                    e.parameter()));
            config.routes.exception(SQLException.class, (e, ctx) -> {
                LOG.warn("store query failed: {}", e.toString());
                error(ctx, 503, "the store did not answer: " + e.getMessage(), null);
            });
        });
    }

    /** Starts listening; returns at once. */
    public ApiServer start() {
        app.start();
        return this;
    }

    /** @return the registry behind {@code /metrics}, for a capture to add its live gauges and counters */
    public MeterRegistry metrics() {
        return metrics;
    }

    /** @return the bound port */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        app.stop();
        metrics.close();
    }

    private Handler timed(String route, Handler handler) {
        Timer timer = Timer.builder("tributary.api.requests").tag("route", route).register(metrics);
        return ctx -> {
            long startNs = System.nanoTime();
            try {
                handler.handle(ctx);
            } finally {
                timer.record(System.nanoTime() - startNs, java.util.concurrent.TimeUnit.NANOSECONDS);
            }
        };
    }

    private void trades(Context ctx) throws Exception {
        Params p = new Params(ctx);
        String exchange = p.name("exchange");
        String symbol = p.name("symbol");
        long[] range = range(p);
        json(ctx, store.trades(exchange, symbol, range[0], range[1], limit(p), offset(p)));
    }

    private void bbo(Context ctx) throws Exception {
        Params p = new Params(ctx);
        String exchange = p.name("exchange");
        String symbol = p.name("symbol");
        long[] range = range(p);
        json(ctx, store.bbo(exchange, symbol, range[0], range[1], p.interval("interval"), limit(p), offset(p)));
    }

    private void gaps(Context ctx) throws Exception {
        Params p = new Params(ctx);
        String exchange = p.optionalName("exchange");
        String symbol = p.optionalName("symbol");
        long[] range = range(p);
        json(ctx, store.gaps(exchange, symbol, range[0], range[1], limit(p), offset(p)));
    }

    private void book(Context ctx) throws Exception {
        Params p = new Params(ctx);
        String exchange = p.name("exchange");
        String symbol = p.name("symbol");
        long atNs = p.instantNs("at", System.currentTimeMillis() * 1_000_000L);
        int depth = p.integer("depth", 20, 1, MAX_DEPTH);
        StoreQueries.BookAt book = store.book(exchange, symbol, atNs, depth);
        if (book == null) {
            error(ctx, 404, "no book of " + exchange + " " + symbol + " is stored at or before that instant", "at");
        } else {
            json(ctx, book);
        }
    }

    private void streams(Context ctx) throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("stored", store.streams());
        if (live != null) {
            body.put("live", live.get());
        }
        json(ctx, body);
    }

    /** @return from and to, epoch ns; to defaults to now and from to one hour before to */
    private static long[] range(Params p) {
        long toNs = p.instantNs("to", System.currentTimeMillis() * 1_000_000L);
        long fromNs = p.instantNs("from", toNs - 3_600_000_000_000L);
        if (fromNs >= toNs) {
            throw new BadParameterException("from", "from must be before to");
        }
        return new long[] {fromNs, toNs};
    }

    private static int limit(Params p) {
        return p.integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
    }

    private static int offset(Params p) {
        return p.integer("offset", 0, 0, 100_000_000);
    }

    private static void json(Context ctx, Object body) throws JsonProcessingException {
        ctx.contentType("application/json").result(JSON.writeValueAsString(body));
    }

    private static void error(Context ctx, int status, String message, String parameter) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        if (parameter != null) {
            body.put("parameter", parameter);
        }
        try {
            ctx.status(status);
            json(ctx, body);
        } catch (JsonProcessingException e) {
            ctx.status(500).result("{\"error\":\"cannot render error\"}");
        }
    }
}
