package io.tributary.bench;

import io.tributary.core.json.JsonFilter;
import io.tributary.core.stream.Overflow;
import io.tributary.core.stream.Registration;
import io.tributary.core.stream.StreamOptions;
import java.util.Locale;

/**
 * End to end on loopback: a {@link io.tributary.simulator.TwinServer} writes stamped frames to a real
 * {@link io.tributary.core.connection.Feed}, whose consumer records the latency from the twin's write to its own
 * delivery (HdrHistogram). Two runs, each printed as one JSON line:
 * <ul>
 *   <li>{@code blast}: frames as fast as the socket takes them: throughput (its latency mostly measures
 *       queueing);</li>
 *   <li>{@code paced}: a steady rate well below capacity: the latency a consumer sees.</li>
 * </ul>
 * Arguments (all optional): {@code blastMessages pacedRate pacedSeconds}; defaults 1000000 20000 10.
 */
public final class LoopbackBenchmark {
    private LoopbackBenchmark() {}

    public static void main(String[] args) throws Exception {
        long blastMessages = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        double pacedRate = args.length > 1 ? Double.parseDouble(args[1]) : 20_000;
        long pacedSeconds = args.length > 2 ? Long.parseLong(args[2]) : 10;
        run("blast", blastMessages, 0, blastMessages / 10);
        long pacedMessages = (long) (pacedRate * pacedSeconds);
        run("paced", pacedMessages, pacedRate, pacedMessages / 5);
    }

    private static void run(String mode, long messages, double rate, long warmup) throws Exception {
        try (LoopbackRig rig = new LoopbackRig(messages, rate)) {
            LatencyConsumer consumer = new LatencyConsumer(warmup, messages, 0);
            Registration registration = rig.feed().addHandler(JsonFilter.all(), consumer,
                    StreamOptions.of(1 << 16, Overflow.DROP_OLDEST).withName("latency"));
            rig.start();
            long timeoutMs = (rate > 0 ? (long) (messages / rate * 1000) : 0) + 120_000;
            boolean complete = consumer.await(timeoutMs);
            System.out.println(String.format(Locale.ROOT,
                    "{\"benchmark\":\"loopback\",\"mode\":\"%s\",\"messages\":%d,\"warmup\":%d,\"rate\":%.0f,"
                            + "\"complete\":%b,\"received\":%d,\"dropped\":%d,\"messagesPerSecond\":%.0f,\"latencyUs\":%s,"
                            + "\"wireLatencyUs\":%s}",
                    mode, messages, warmup, rate, complete, consumer.received(), registration.stats().dropped(),
                    consumer.messagesPerSecond(), consumer.latencyJson(), consumer.wireLatencyJson()));
        }
    }
}
