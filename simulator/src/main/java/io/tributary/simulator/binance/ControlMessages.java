package io.tributary.simulator.binance;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONException;
import com.alibaba.fastjson2.JSONObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Binance's live control messages ({@code SUBSCRIBE}, {@code UNSUBSCRIBE}, {@code LIST_SUBSCRIPTIONS},
 * {@code SET_PROPERTY}, {@code GET_PROPERTY}) and their replies: {@code {"result":..,"id":..}} or
 * {@code {"code":n,"msg":..,"id":..}} with code 0 unknown property, 1 invalid value type, 2 invalid request,
 * 3 invalid JSON.
 */
final class ControlMessages {
    private static final Pattern STRING_ID = Pattern.compile("[A-Za-z0-9]{1,36}");
    private static final Set<String> FIELDS = Set.of("method", "params", "id");

    private final int maxStreamsPerConnection;

    ControlMessages(int maxStreamsPerConnection) {
        this.maxStreamsPerConnection = maxStreamsPerConnection;
    }

    /** The reply to one text frame from a client. */
    String answer(BinanceConnection connection, String text, boolean refuseSubscriptions) {
        JSONObject request;
        try {
            if (!(JSON.parse(text) instanceof JSONObject object)) {
                return error(2, "Invalid request: expected an object", null);
            }
            request = object;
        } catch (JSONException e) {
            return error(3, "Invalid JSON: " + firstLine(e.getMessage()), null);
        }
        if (!request.containsKey("id") || !validId(request.get("id"))) {
            return error(2, "Invalid request: request ID must be an integer, a string of up to 36 letters and digits,"
                    + " or null", null);
        }
        String id = idJson(request.get("id"));
        if (!FIELDS.containsAll(request.keySet())) {
            return error(2, "Invalid request: too many parameters", id);
        }
        if (!(request.get("method") instanceof String method)) {
            return error(2, "Invalid request: missing field `method`", id);
        }
        Object params = request.get("params");
        return switch (method) {
            case "SUBSCRIBE", "UNSUBSCRIBE" -> {
                List<String> streams = streamNames(params);
                if (streams == null) {
                    yield error(2, "Invalid request: params must be a list of stream names", id);
                }
                if (method.equals("UNSUBSCRIBE")) {
                    streams.forEach(connection.streams()::remove);
                    yield result("null", id);
                }
                if (refuseSubscriptions) {
                    yield error(2, "Invalid request: subscription refused", id);
                }
                Set<String> after = new HashSet<>(connection.streams());
                after.addAll(streams);
                if (after.size() > maxStreamsPerConnection) {
                    yield error(2, "Invalid request: too many streams; at most " + maxStreamsPerConnection
                            + " per connection", id);
                }
                connection.streams().addAll(streams);
                yield result("null", id);
            }
            case "LIST_SUBSCRIPTIONS" -> paramCount(params) > 0
                    ? error(2, "Invalid request: too many parameters", id)
                    : result(JSON.toJSONString(connection.streams().stream().sorted().toList()), id);
            case "SET_PROPERTY" -> {
                if (!(params instanceof JSONArray list) || list.size() != 2 || !(list.get(0) instanceof String name)) {
                    yield error(2, "Invalid request: property name must be a string", id);
                }
                if (!name.equals("combined")) {
                    yield error(0, "Unknown property", id);
                }
                if (!(list.get(1) instanceof Boolean combined)) {
                    yield error(1, "Invalid value type: expected Boolean", id);
                }
                connection.combined(combined);
                yield result("null", id);
            }
            case "GET_PROPERTY" -> {
                if (!(params instanceof JSONArray list) || list.size() != 1 || !(list.get(0) instanceof String name)) {
                    yield error(2, "Invalid request: property name must be a string", id);
                }
                yield name.equals("combined") ? result(Boolean.toString(connection.combined()), id)
                        : error(0, "Unknown property", id);
            }
            default -> error(2, "Invalid request: unknown variant " + method
                    + ", expected one of SUBSCRIBE, UNSUBSCRIBE, LIST_SUBSCRIPTIONS, SET_PROPERTY, GET_PROPERTY", id);
        };
    }

    private static List<String> streamNames(Object params) {
        if (!(params instanceof JSONArray list)) {
            return null;
        }
        List<String> names = new ArrayList<>(list.size());
        for (Object element : list) {
            if (!(element instanceof String name) || name.isEmpty()) {
                return null;
            }
            names.add(name);
        }
        return names;
    }

    private static int paramCount(Object params) {
        return params instanceof JSONArray list ? list.size() : params == null ? 0 : 1;
    }

    private static boolean validId(Object id) {
        return id == null || id instanceof Integer || id instanceof Long
                || id instanceof String s && STRING_ID.matcher(s).matches();
    }

    private static String idJson(Object id) {
        return id instanceof String s ? JSON.toJSONString(s) : String.valueOf(id);
    }

    private static String result(String resultJson, String idJson) {
        return "{\"result\":" + resultJson + ",\"id\":" + idJson + "}";
    }

    static String error(int code, String message, String idJson) {
        return "{\"code\":" + code + ",\"msg\":" + JSON.toJSONString(message) + ",\"id\":" + idJson + "}";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "syntax error";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
