package io.tributary.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** A plain HTTP client of the running API, as any user of it would be. */
final class Api implements AutoCloseable {

    record Response(int status, JsonNode body, String text) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI base;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    Api(URI base) {
        this.base = base;
    }

    Response get(String pathAndQuery) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(base.resolve(pathAndQuery))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            JsonNode body = response.headers().firstValue("content-type").orElse("").contains("json")
                    ? JSON.readTree(response.body()) : null;
            return new Response(response.statusCode(), body, response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** @return the body of a 200 answer */
    JsonNode ok(String pathAndQuery) {
        Response response = get(pathAndQuery);
        if (response.status() != 200) {
            throw new AssertionError("GET " + pathAndQuery + " answered " + response.status() + ": "
                    + response.text());
        }
        return response.body();
    }

    @Override
    public void close() {
        http.close();
    }
}
