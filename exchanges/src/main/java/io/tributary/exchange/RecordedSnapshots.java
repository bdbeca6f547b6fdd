package io.tributary.exchange;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Stands in for a connector's REST snapshot client when it is fed from a recording: a request waits for the next
 * recorded answer for its symbol, an answer recorded before the request waits for the request, and a matched pair
 * is handed to the connector's own snapshot path. Used on the thread that pushes the recording.
 */
public final class RecordedSnapshots {

    private final Function<String, String> symbolOfUrl;
    private final BiConsumer<String, byte[]> apply;
    private final Set<String> requested = new LinkedHashSet<>();
    private final Map<String, ArrayDeque<byte[]>> answers = new HashMap<>();
    private long applied;
    private long unknownUrls;

    /**
     * @param symbolOfUrl the symbol a recorded request URL asks for (as the connector spells it), null if none
     * @param apply       the connector's snapshot path: symbol and body, as its REST client would hand them over
     */
    public RecordedSnapshots(Function<String, String> symbolOfUrl, BiConsumer<String, byte[]> apply) {
        this.symbolOfUrl = Objects.requireNonNull(symbolOfUrl, "symbolOfUrl");
        this.apply = Objects.requireNonNull(apply, "apply");
    }

    /** The connector asks for a snapshot of {@code symbol} (instead of sending a REST request). */
    public synchronized void request(String symbol) {
        requested.add(symbol);
    }

    /** A recorded answer; kept for the symbol's next request. */
    synchronized void answer(String url, byte[] body) {
        String symbol = url == null ? null : symbolOfUrl.apply(url);
        if (symbol == null) {
            unknownUrls++;
            return;
        }
        answers.computeIfAbsent(symbol, s -> new ArrayDeque<>()).addLast(body);
    }

    /** Hands every requested snapshot that has an answer to the connector (which may ask again: a stale one). */
    void deliverDue() {
        while (true) {
            String symbol;
            byte[] body;
            synchronized (this) {
                symbol = requested.stream().filter(s -> answers.containsKey(s)).findFirst().orElse(null);
                if (symbol == null) {
                    return;
                }
                requested.remove(symbol);
                ArrayDeque<byte[]> queue = answers.get(symbol);
                body = queue.removeFirst();
                if (queue.isEmpty()) {
                    answers.remove(symbol);
                }
                applied++;
            }
            apply.accept(symbol, body); // outside the monitor: the connector takes its own lock
        }
    }

    synchronized long applied() {
        return applied;
    }

    synchronized long unused() {
        return unknownUrls + answers.values().stream().mapToLong(ArrayDeque::size).sum();
    }

    synchronized long unanswered() {
        return requested.size();
    }
}
