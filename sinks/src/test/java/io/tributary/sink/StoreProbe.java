package io.tributary.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.sink.questdb.QuestDbWriter;
import java.util.ArrayList;
import java.util.List;

/** Reads the store back over its HTTP /exec endpoint, for assertions. */
public final class StoreProbe implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final QuestDbWriter http;

    public StoreProbe(String ilpConfig) {
        this.http = new QuestDbWriter(ilpConfig);
    }

    /** @return the result rows, each a list of column values as text (null for SQL null) */
    public List<List<String>> rows(String sql) {
        try {
            JsonNode result = JSON.readTree(http.exec(sql));
            List<List<String>> rows = new ArrayList<>();
            for (JsonNode row : result.path("dataset")) {
                List<String> values = new ArrayList<>();
                row.forEach(v -> values.add(v.isNull() ? null : v.asText()));
                rows.add(values);
            }
            return rows;
        } catch (Exception e) {
            throw new IllegalStateException("query failed: " + sql, e);
        }
    }

    /** @return the single number a {@code select count() ...} returns, 0 if the table does not exist yet */
    public long count(String sql) {
        try {
            return Long.parseLong(rows(sql).getFirst().getFirst());
        } catch (IllegalStateException e) {
            return 0;
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
