package io.tributary.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The query API from the terminal: a pure HTTP client of {@code /api/v1/...} (the server validates the
 * parameters), printed as a table, JSON or CSV.
 */
@Command(name = "query", mixinStandardHelpOptions = true,
        description = "Queries a running Tributary API: trades, book, bbo, gaps or streams.")
final class QueryCommand implements Callable<Integer> {

    enum What { trades, book, bbo, gaps, streams }

    enum Format { table, json, csv }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", description = "What to query: ${COMPLETION-CANDIDATES}.")
    What what;

    @Option(names = "--api", defaultValue = "http://127.0.0.1:8080",
            description = "Base URL of the API. Default: ${DEFAULT-VALUE}.")
    URI api;

    @Option(names = "--exchange", description = "Exchange, e.g. binance.")
    String exchange;

    @Option(names = "--symbol", description = "The exchange's symbol, e.g. BTCUSDT.")
    String symbol;

    @Option(names = "--from", description = "Start: ISO-8601 instant or epoch nanoseconds (default: an hour before --to).")
    String from;

    @Option(names = "--to", description = "End (exclusive): ISO-8601 instant or epoch nanoseconds (default: now).")
    String to;

    @Option(names = "--at", description = "book: the instant (default: now).")
    String at;

    @Option(names = "--depth", description = "book: levels per side.")
    String depth;

    @Option(names = "--interval", description = "bbo: sample per interval, e.g. 1s, 5m.")
    String interval;

    @Option(names = "--limit", description = "Rows per page (the server caps it).")
    String limit;

    @Option(names = "--offset", description = "Rows to skip (the previous page's nextOffset).")
    String offset;

    @Option(names = "--format", defaultValue = "table", description = "${COMPLETION-CANDIDATES}. Default: ${DEFAULT-VALUE}.")
    Format format;

    @Override
    public Integer call() throws Exception {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("exchange", exchange);
        params.put("symbol", symbol);
        params.put("from", from);
        params.put("to", to);
        params.put("at", at);
        params.put("depth", depth);
        params.put("interval", interval);
        params.put("limit", limit);
        params.put("offset", offset);
        StringBuilder url = new StringBuilder(api.toString().replaceAll("/+$", "")).append("/api/v1/").append(what);
        char separator = '?';
        for (Map.Entry<String, String> param : params.entrySet()) {
            if (param.getValue() != null) {
                url.append(separator).append(param.getKey()).append('=')
                        .append(URLEncoder.encode(param.getValue(), StandardCharsets.UTF_8));
                separator = '&';
            }
        }
        HttpResponse<String> response;
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            response = http.send(HttpRequest.newBuilder(URI.create(url.toString())).timeout(Duration.ofSeconds(60))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException e) {
            throw new Main.UserException("no Tributary API at " + api + " (start one with 'tributary serve')");
        }
        JsonNode body = JSON.readTree(response.body());
        if (response.statusCode() != 200) {
            String parameter = body.path("parameter").asText("");
            throw new Main.UserException(body.path("error").asText(response.body())
                    + (parameter.isEmpty() ? "" : " (--" + parameter + ")"));
        }
        PrintWriter out = spec.commandLine().getOut();
        print(body, out);
        out.flush();
        return 0;
    }

    void print(JsonNode body, PrintWriter out) throws Exception {
        if (format == Format.json) {
            out.println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(body));
            return;
        }
        List<String> columns = new ArrayList<>();
        List<List<String>> rows = new ArrayList<>();
        switch (what) {
            case book -> bookRows(body, columns, rows);
            case streams -> streamRows(body, columns, rows);
            default -> {
                for (JsonNode row : body.path("rows")) {
                    if (columns.isEmpty()) {
                        row.fieldNames().forEachRemaining(columns::add);
                    }
                    List<String> values = new ArrayList<>();
                    columns.forEach(c -> values.add(text(row.get(c))));
                    rows.add(values);
                }
            }
        }
        if (format == Format.csv) {
            out.println(String.join(",", columns));
            rows.forEach(r -> out.println(String.join(",", r.stream().map(QueryCommand::csv).toList())));
        } else {
            table(columns, rows, out);
            if (body.hasNonNull("nextOffset")) {
                out.println("more rows: --offset " + body.get("nextOffset").asText());
            }
        }
    }

    private static void bookRows(JsonNode book, List<String> columns, List<List<String>> rows) {
        columns.addAll(List.of("bid_size", "bid", "ask", "ask_size"));
        JsonNode bids = book.path("bids");
        JsonNode asks = book.path("asks");
        for (int i = 0; i < Math.max(bids.size(), asks.size()); i++) {
            JsonNode bid = bids.get(i);
            JsonNode ask = asks.get(i);
            rows.add(List.of(bid == null ? "" : bid.get(1).asText(), bid == null ? "" : bid.get(0).asText(),
                    ask == null ? "" : ask.get(0).asText(), ask == null ? "" : ask.get(1).asText()));
        }
    }

    private static void streamRows(JsonNode body, List<String> columns, List<List<String>> rows) {
        columns.addAll(List.of("exchange", "symbol", "table", "rows", "lastTimeNs"));
        for (JsonNode stream : body.path("stored")) {
            Iterator<Map.Entry<String, JsonNode>> tables = stream.path("tables").fields();
            while (tables.hasNext()) {
                Map.Entry<String, JsonNode> table = tables.next();
                rows.add(List.of(stream.path("exchange").asText(), stream.path("symbol").asText(), table.getKey(),
                        table.getValue().path("rows").asText(), text(table.getValue().get("lastTimeNs"))));
            }
        }
    }

    private static void table(List<String> columns, List<List<String>> rows, PrintWriter out) {
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            widths[c] = columns.get(c).length();
            for (List<String> row : rows) {
                widths[c] = Math.max(widths[c], row.get(c).length());
            }
        }
        out.println(line(columns, widths));
        rows.forEach(row -> out.println(line(row, widths)));
    }

    private static String line(List<String> values, int[] widths) {
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < values.size(); c++) {
            if (c > 0) {
                line.append("  ");
            }
            line.append(" ".repeat(widths[c] - values.get(c).length())).append(values.get(c));
        }
        return line.toString();
    }

    private static String text(JsonNode value) {
        return value == null || value.isNull() ? "" : value.asText();
    }

    private static String csv(String value) {
        return value.contains(",") || value.contains("\"") ? '"' + value.replace("\"", "\"\"") + '"' : value;
    }
}
