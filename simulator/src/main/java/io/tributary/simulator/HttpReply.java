package io.tributary.simulator;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/** An HTTP response from a route. */
public record HttpReply(int status, Map<String, String> headers, byte[] body) {

    public static HttpReply json(int status, String body) {
        return new HttpReply(status, Map.of("content-type", "application/json"), body.getBytes(StandardCharsets.UTF_8));
    }

    public static HttpReply text(int status, String body) {
        return new HttpReply(status, Map.of("content-type", "text/plain; charset=utf-8"),
                body.getBytes(StandardCharsets.UTF_8));
    }
}
