package io.tributary.core.stream;

import io.tributary.core.error.DistinctErrorLog;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A callback consumer with its own virtual thread. For an asynchronous handler the next message is handed over
 * only when the previous stage completed, so a handler sees its messages one at a time and in order. A handler that
 * throws (or whose stage fails) is counted and logged; delivery goes on with the next message.
 */
final class HandlerConsumer<T> extends QueuedConsumer<T> {

    private final Function<? super T, ? extends CompletionStage<?>> handler;
    private final DistinctErrorLog errors;
    private final String logKey;
    private final AtomicLong failed = new AtomicLong();
    private final Thread thread;

    HandlerConsumer(Hub<T> hub, Predicate<? super T> filter, StreamOptions options,
                    Function<? super T, ? extends CompletionStage<?>> handler, DistinctErrorLog errors) {
        super(hub, filter, options);
        this.handler = handler;
        this.errors = errors;
        this.logKey = "hub '" + hub.name() + "' handler '" + options.name() + "' failed";
        this.thread = Thread.ofVirtual().name("tributary-" + hub.name() + "-" + options.name()).unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    private void run() {
        try {
            T message;
            while ((message = queue.take()) != null) {
                deliver(message);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed while waiting: end quietly
        }
    }

    private void deliver(T message) throws InterruptedException {
        CompletionStage<?> stage;
        try {
            stage = handler.apply(message);
        } catch (RuntimeException | AssertionError e) {
            recordFailure(e);
            return;
        }
        if (stage != null) {
            awaitStage(stage);
        }
    }

    private void awaitStage(CompletionStage<?> stage) throws InterruptedException {
        // Not toCompletableFuture(): some CompletionStage implementations do not support it.
        CompletableFuture<Object> done = new CompletableFuture<>();
        stage.whenComplete((result, error) -> {
            if (error != null) {
                done.completeExceptionally(error);
            } else {
                done.complete(result);
            }
        });
        try {
            done.get();
        } catch (ExecutionException e) {
            recordFailure(e.getCause());
        }
    }

    private void recordFailure(Throwable e) {
        failed.incrementAndGet();
        errors.record(logKey, String.valueOf(e));
    }

    @Override
    void onEnded(boolean now) {
        RuntimeException failure = queue.failure();
        if (failure != null) {
            errors.record(logKey.replace(" failed", " disconnected"), failure.getMessage());
        }
        if (now && Thread.currentThread() != thread) {
            thread.interrupt(); // releases a thread stuck in a handler or on a stage that never completes
        }
    }

    @Override
    public ConsumerStats stats() {
        return queue.stats(failed.get());
    }
}
