package io.tributary.simulator;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A JDK WebSocket client that records what it receives; with {@code autoRead} off it reads only on request. */
final class JdkClient implements WebSocket.Listener, AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** Every received frame in arrival order: texts as themselves, pongs and pings as "PONG:"/"PING:" + payload. */
    final BlockingQueue<String> frames = new LinkedBlockingQueue<>();
    final BlockingQueue<byte[]> binaries = new LinkedBlockingQueue<>();
    final CompletableFuture<String> closed = new CompletableFuture<>(); // "code reason"
    final CompletableFuture<Throwable> error = new CompletableFuture<>();
    final AtomicLong textBytes = new AtomicLong();
    final AtomicLong texts = new AtomicLong();
    private final boolean autoRead;
    private final StringBuilder partialText = new StringBuilder();
    private final ByteArrayOutputStream partialBinary = new ByteArrayOutputStream();
    private WebSocket webSocket;

    private JdkClient(boolean autoRead) {
        this.autoRead = autoRead;
    }

    static JdkClient connect(URI uri) {
        return connect(uri, true);
    }

    static JdkClient connect(URI uri, boolean autoRead) {
        JdkClient client = new JdkClient(autoRead);
        client.webSocket = HttpClient.newHttpClient().newWebSocketBuilder()
                .connectTimeout(TIMEOUT)
                .buildAsync(uri, client)
                .orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .join();
        return client;
    }

    WebSocket socket() {
        return webSocket;
    }

    String nextFrame() throws InterruptedException {
        String frame = frames.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        if (frame == null) {
            throw new AssertionError("no frame within " + TIMEOUT);
        }
        return frame;
    }

    void send(String text) {
        webSocket.sendText(text, true).join();
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        // auto-reading clients take everything at once: with request(1) per message, an abrupt close that is already
        // read can be reported before the last frames are handed over
        webSocket.request(autoRead ? Long.MAX_VALUE : 1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partialText.append(data);
        if (last) {
            String text = partialText.toString();
            partialText.setLength(0);
            texts.incrementAndGet();
            textBytes.addAndGet(text.length());
            frames.add(text);
        }
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        partialBinary.writeBytes(bytes);
        if (last) {
            binaries.add(partialBinary.toByteArray());
            partialBinary.reset();
        }
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        frames.add("PING:" + utf8(message));
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        frames.add("PONG:" + utf8(message));
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode + " " + reason);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        this.error.complete(error);
        closed.complete("error " + error);
    }

    private static String utf8(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        webSocket.abort();
    }
}
