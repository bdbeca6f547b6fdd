package io.tributary.simulator;

/** Answers plain HTTP requests on one path (REST snapshots etc.); runs on an I/O thread, so answer promptly. */
@FunctionalInterface
public interface HttpRoute {
    HttpReply handle(HttpRequest request);
}
