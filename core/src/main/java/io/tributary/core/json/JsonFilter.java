package io.tributary.core.json;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONObject;
import io.tributary.core.connection.RawMessage;
import io.tributary.core.error.BadInputException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * A message filter: a list of key/value sets. A message matches when every pair of at least one set matches (any-of
 * sets, all-of pairs). A key is a dotted path into nested objects ({@code data.s}); a numeric segment indexes an
 * array ({@code 2.0}). Values are compared exactly: strings as strings, numbers by numeric value
 * ({@code 1 == 1.0}), booleans and {@code null} as such; a value of another type does not match. No sets (or an
 * empty set) matches everything, without parsing the message.
 *
 * <p>Example: {@code [{"e":"depthUpdate"}, {"stream":"btcusdt@trade"}]} selects depth updates and BTCUSDT trades.
 * A message is parsed at most once ({@link RawMessage#json()}), and only if some filter needs it.
 */
public final class JsonFilter implements Predicate<RawMessage> {

    private static final JsonFilter ALL = new JsonFilter(List.of());

    private final List<Condition[]> sets;

    private JsonFilter(List<Condition[]> sets) {
        this.sets = sets;
    }

    /** @return the filter that matches every message */
    public static JsonFilter all() {
        return ALL;
    }

    /**
     * Builds a filter from key/value sets.
     *
     * @param sets each a map from dotted path to expected scalar value; a nested map value is flattened into paths
     * @throws IllegalArgumentException for a value that is not a string, number, boolean, null or nested map
     */
    public static JsonFilter anyOf(List<? extends Map<String, ?>> sets) {
        List<Condition[]> compiled = new ArrayList<>(sets.size());
        for (Map<String, ?> set : sets) {
            Map<String, Object> flat = new LinkedHashMap<>();
            flatten("", set, flat);
            if (flat.isEmpty()) {
                return ALL; // an empty set matches everything, so the whole any-of does
            }
            compiled.add(flat.entrySet().stream()
                    .map(e -> new Condition(e.getKey(), e.getKey().split("\\."), e.getValue()))
                    .toArray(Condition[]::new));
        }
        return compiled.isEmpty() ? ALL : new JsonFilter(List.copyOf(compiled));
    }

    /** @return a filter with one set of pairs */
    public static JsonFilter allOf(Map<String, ?> pairs) {
        return anyOf(List.of(pairs));
    }

    /**
     * Parses a filter written as JSON: an array of objects, a single object (one set), or blank / {@code []}
     * (everything).
     *
     * @throws IllegalArgumentException if the text is not such JSON
     */
    public static JsonFilter parse(String json) {
        if (json == null || json.isBlank()) {
            return ALL;
        }
        Object parsed;
        try {
            parsed = JSON.parse(json);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("filter is not JSON: " + json, e);
        }
        if (parsed instanceof JSONObject single) {
            return allOf(single);
        }
        if (parsed instanceof JSONArray array) {
            List<Map<String, ?>> sets = new ArrayList<>(array.size());
            for (Object element : array) {
                if (!(element instanceof JSONObject set)) {
                    throw new IllegalArgumentException("filter sets must be JSON objects: " + json);
                }
                sets.add(set);
            }
            return anyOf(sets);
        }
        throw new IllegalArgumentException("a filter is a JSON array of objects or one object: " + json);
    }

    private static void flatten(String prefix, Map<String, ?> map, Map<String, Object> into) {
        for (Map.Entry<String, ?> entry : map.entrySet()) {
            String path = prefix + entry.getKey();
            Object value = entry.getValue();
            if (value instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<String, ?> typed = (Map<String, ?>) nested;
                flatten(path + ".", typed, into);
            } else if (value == null || value instanceof String || value instanceof Number || value instanceof Boolean) {
                into.put(path, value);
            } else {
                throw new IllegalArgumentException("filter value for '" + path + "' must be a string, number, "
                        + "boolean or null: " + value);
            }
        }
    }

    /** @return true if this filter matches every message (and so never parses one) */
    public boolean matchesAll() {
        return sets.isEmpty();
    }

    /**
     * Matches a message; parses its JSON (once per message) unless this filter matches everything. A message that
     * is not JSON matches only the everything-filter (the feed has counted it as bad input already).
     */
    @Override
    public boolean test(RawMessage message) {
        if (sets.isEmpty()) {
            return true;
        }
        try {
            return matches(message.json());
        } catch (BadInputException e) {
            return false;
        }
    }

    /** Matches an already parsed JSON value. */
    public boolean matches(Object json) {
        if (sets.isEmpty()) {
            return true;
        }
        for (Condition[] set : sets) {
            if (matchesAllOf(set, json)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAllOf(Condition[] set, Object json) {
        for (Condition condition : set) {
            if (!condition.matches(json)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return sets.stream()
                .map(set -> java.util.Arrays.stream(set).map(Condition::toString).collect(Collectors.joining(",", "{", "}")))
                .collect(Collectors.joining(",", "[", "]"));
    }

    /** One path = value pair. */
    private record Condition(String key, String[] path, Object expected) {

        private static final Object MISSING = new Object();

        boolean matches(Object json) {
            Object actual = resolve(json);
            return actual != MISSING && valueEquals(expected, actual);
        }

        private Object resolve(Object json) {
            Object node = json;
            for (String segment : path) {
                if (node instanceof JSONObject object) {
                    if (!object.containsKey(segment)) {
                        return MISSING;
                    }
                    node = object.get(segment);
                } else if (node instanceof JSONArray array) {
                    int index = arrayIndex(segment);
                    if (index < 0 || index >= array.size()) {
                        return MISSING;
                    }
                    node = array.get(index);
                } else {
                    return MISSING;
                }
            }
            return node;
        }

        private static int arrayIndex(String segment) {
            if (segment.isEmpty() || segment.length() > 9) {
                return -1;
            }
            for (int i = 0; i < segment.length(); i++) {
                if (segment.charAt(i) < '0' || segment.charAt(i) > '9') {
                    return -1;
                }
            }
            return Integer.parseInt(segment);
        }

        private static boolean valueEquals(Object expected, Object actual) {
            if (expected == null || actual == null) {
                return expected == actual;
            }
            if (expected instanceof Number e && actual instanceof Number a) {
                return decimal(e).compareTo(decimal(a)) == 0;
            }
            return expected.equals(actual);
        }

        private static BigDecimal decimal(Number number) {
            return switch (number) {
                case BigDecimal d -> d;
                case BigInteger i -> new BigDecimal(i);
                case Long l -> BigDecimal.valueOf(l);
                case Integer i -> BigDecimal.valueOf(i);
                case Short s -> BigDecimal.valueOf(s);
                case Byte b -> BigDecimal.valueOf(b);
                // double/float only reach here from a filter built in code; the JSON side is always exact
                default -> new BigDecimal(number.toString());
            };
        }

        @Override
        public String toString() {
            return JSON.toJSONString(key) + ":" + JSON.toJSONString(expected);
        }
    }
}
