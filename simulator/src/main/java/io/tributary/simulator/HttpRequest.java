package io.tributary.simulator;

import java.util.List;
import java.util.Map;

/** An HTTP request as a route sees it: header names lower-case, query decoded. */
public record HttpRequest(
        String method, String path, Map<String, List<String>> query, Map<String, String> headers, byte[] body) {

    /** The first value of a query parameter, or null. */
    public String queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }
}
