package io.tributary.sink.questdb;

import io.questdb.client.Sender;
import io.tributary.core.error.DistinctErrorLog;
import io.tributary.core.time.NanoClock;
import io.tributary.model.event.BestBidAsk;
import io.tributary.model.event.BookGap;
import io.tributary.model.event.BookSnapshot;
import io.tributary.model.event.BookUpdate;
import io.tributary.model.event.ConnectionEvent;
import io.tributary.model.event.Level;
import io.tributary.model.event.MarketEvent;
import io.tributary.model.event.OrderEvent;
import io.tributary.model.event.Trade;
import io.tributary.sink.SinkWriter;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.LoggerFactory;

/**
 * Writes market events into QuestDB with the ILP client over HTTP ({@code io.questdb.client.Sender}), one flush per
 * batch. The same writer serves the embedded store and an external server: the one configuration string is the ILP
 * client's ({@code http::addr=host:9000;}). Tables are created on the first write (see {@link StoreSchema}) through
 * the server's HTTP {@code /exec}. A failed flush fails the batch and discards the client (a fresh one is made for the
 * retry), so a half-sent batch is simply sent again, and DEDUP keys absorb the overlap.
 *
 * <p>An event with a decimal that does not fit {@code DECIMAL(38,18)} exactly is rejected (not rounded), counted and
 * logged; the rest of the batch is written.
 */
public final class QuestDbWriter implements SinkWriter {

    private static final Pattern ADDR = Pattern.compile("(?:^|;)addr=([^;]+)");
    private static final BigDecimal MAX_ABS = BigDecimal.TEN.pow(StoreSchema.DECIMAL_PRECISION - StoreSchema.DECIMAL_SCALE);

    private final String config;
    private final URI execUri;
    private final HttpClient http;
    private final DistinctErrorLog errors = new DistinctErrorLog(LoggerFactory.getLogger(QuestDbWriter.class),
            NanoClock.system());
    private final AtomicLong rows = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private Sender sender;
    private boolean schemaReady;

    /** @param config the ILP client configuration, e.g. {@code http::addr=127.0.0.1:9000;} (HTTP or HTTPS only) */
    public QuestDbWriter(String config) {
        this.config = Objects.requireNonNull(config, "config");
        if (!config.startsWith("http::") && !config.startsWith("https::")) {
            throw new IllegalArgumentException("QuestDB writer needs an ILP-over-HTTP config (http::addr=...;)");
        }
        Matcher addr = ADDR.matcher(config.substring(config.indexOf("::") + 2));
        if (!addr.find()) {
            throw new IllegalArgumentException("QuestDB config has no addr=host:port: " + config);
        }
        String scheme = config.startsWith("https::") ? "https" : "http";
        this.execUri = URI.create(scheme + "://" + addr.group(1) + "/exec");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    @Override
    public String name() {
        return "questdb";
    }

    /** @return rows sent and confirmed so far */
    public long rows() {
        return rows.get();
    }

    /** @return events rejected because a decimal does not fit the column exactly */
    public long rejected() {
        return rejected.get();
    }

    @Override
    public void write(List<MarketEvent> batch) throws Exception {
        if (!schemaReady) {
            for (String ddl : StoreSchema.ddl()) {
                exec(ddl);
            }
            schemaReady = true;
        }
        if (sender == null) {
            // one flush per batch; the sink does the retrying, so the client only rides out short blips
            String settings = config.endsWith(";") ? config : config + ";";
            settings += config.contains("auto_flush=") ? "" : "auto_flush=off;";
            settings += config.contains("retry_timeout=") ? "" : "retry_timeout=1000;";
            sender = Sender.fromConfig(settings);
        }
        long batchRows = 0;
        try {
            for (MarketEvent event : batch) {
                if (fits(event)) {
                    batchRows += append(event);
                } else {
                    rejected.incrementAndGet();
                    errors.record("questdb decimal out of range", "event rejected, a decimal does not fit "
                            + "DECIMAL(38,18) exactly: " + event);
                }
            }
            sender.flush();
        } catch (RuntimeException e) {
            discardSender();
            throw e;
        }
        rows.addAndGet(batchRows);
    }

    /**
     * Runs one statement (DDL or a query) through {@code /exec}.
     *
     * @return the JSON response
     * @throws IOException if the server is unreachable or answers with an error
     */
    public String exec(String sql) throws IOException, InterruptedException {
        URI uri = URI.create(execUri + "?query=" + URLEncoder.encode(sql, StandardCharsets.UTF_8));
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("QuestDB /exec answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    @Override
    public void close() {
        discardSender();
        http.close();
    }

    private void discardSender() {
        if (sender != null) {
            try {
                sender.reset(); // drop unsent rows: the failed batch is retried as a whole
                sender.close();
            } catch (RuntimeException ignored) {
                // the batch is retried with a fresh sender
            }
            sender = null;
        }
    }

    private int append(MarketEvent event) {
        return switch (event) {
            case Trade t -> {
                row(StoreSchema.TRADES, t).symbol("aggressor", t.aggressor().name())
                        .stringColumn("trade_id", t.tradeId());
                decimal("price", t.price());
                decimal("size", t.size());
                yield end(t);
            }
            case BookUpdate b -> levelRows(b, b.bids(), "BID") + levelRows(b, b.asks(), "ASK");
            case BookSnapshot s -> snapshotRows(s, s.bids(), "BID") + snapshotRows(s, s.asks(), "ASK");
            case BestBidAsk q -> {
                row(StoreSchema.BBO, q).longColumn("update_id", id(q.updateId()));
                decimal("bid_price", q.bidPrice());
                decimal("bid_size", q.bidSize());
                decimal("ask_price", q.askPrice());
                decimal("ask_size", q.askSize());
                yield end(q);
            }
            case OrderEvent o -> {
                row(StoreSchema.L3_ORDERS, o).symbol("action", o.action().name()).symbol("side", o.side().name())
                        .stringColumn("order_id", o.orderId());
                decimal("price", o.price());
                decimal("size", o.size());
                yield end(o);
            }
            case BookGap g -> {
                row(StoreSchema.GAPS, g).symbol("reason", g.gap().reason().name())
                        .longColumn("expected", id(g.gap().expected())).longColumn("received", id(g.gap().received()));
                yield end(g);
            }
            case ConnectionEvent c -> {
                sender.table(StoreSchema.CONNECTIONS).symbol("exchange", c.exchange()).symbol("state", c.state().name())
                        .longColumn("connection_id", c.connectionId()).stringColumn("endpoint", c.endpoint())
                        .stringColumn("detail", c.detail());
                yield end(c);
            }
        };
    }

    private int levelRows(BookUpdate update, List<Level> levels, String side) {
        for (Level level : levels) {
            row(StoreSchema.BOOK_DELTAS, update).symbol("side", side)
                    .longColumn("first_update_id", id(update.firstUpdateId()))
                    .longColumn("last_update_id", id(update.lastUpdateId())).boolColumn("snapshot", update.snapshot());
            decimal("price", level.price());
            decimal("size", level.size());
            end(update);
        }
        return levels.size();
    }

    private int snapshotRows(BookSnapshot snapshot, List<Level> levels, String side) {
        for (int i = 0; i < levels.size(); i++) {
            row(StoreSchema.BOOK_SNAPSHOTS, snapshot).symbol("side", side).longColumn("level", i)
                    .longColumn("update_id", id(snapshot.updateId()));
            decimal("price", levels.get(i).price());
            decimal("size", levels.get(i).size());
            end(snapshot);
        }
        return levels.size();
    }

    /**
     * An exchange id, or -1 for "none" (Long.MIN_VALUE, which ILP cannot carry: it is QuestDB's null and the server
     * rejects the whole batch), the same "none" the book snapshots use.
     */
    private static long id(long value) {
        return value == Long.MIN_VALUE ? -1 : value;
    }

    private Sender row(String table, MarketEvent event) {
        return sender.table(table).symbol("exchange", event.exchange()).symbol("symbol", event.symbol());
    }

    private void decimal(String column, BigDecimal value) {
        if (value != null) {
            sender.decimalColumn(column, value.toPlainString());
        }
    }

    private int end(MarketEvent event) {
        if (event.exchangeTimeNs() != MarketEvent.NO_TIME) {
            sender.timestampColumn("exchange_ts", event.exchangeTimeNs(), ChronoUnit.NANOS);
        }
        sender.timestampColumn("received_ts", event.receivedNs(), ChronoUnit.NANOS);
        sender.at(timestampNs(event), ChronoUnit.NANOS);
        return 1;
    }

    /** @return the designated timestamp of an event's rows: the exchange's time if it sent one, else receive time */
    public static long timestampNs(MarketEvent event) {
        return event.exchangeTimeNs() != MarketEvent.NO_TIME ? event.exchangeTimeNs() : event.receivedNs();
    }

    private static boolean fits(MarketEvent event) {
        return switch (event) {
            case Trade t -> fits(t.price()) && fits(t.size());
            case BookUpdate b -> fits(b.bids()) && fits(b.asks());
            case BookSnapshot s -> fits(s.bids()) && fits(s.asks());
            case BestBidAsk q -> fits(q.bidPrice()) && fits(q.bidSize()) && fits(q.askPrice()) && fits(q.askSize());
            case OrderEvent o -> fits(o.price()) && fits(o.size());
            case BookGap g -> true;
            case ConnectionEvent c -> true;
        };
    }

    private static boolean fits(List<Level> levels) {
        for (Level level : levels) {
            if (!fits(level.price()) || !fits(level.size())) {
                return false;
            }
        }
        return true;
    }

    private static boolean fits(BigDecimal value) {
        return value == null || (value.stripTrailingZeros().scale() <= StoreSchema.DECIMAL_SCALE
                && value.abs().compareTo(MAX_ABS) < 0);
    }
}
