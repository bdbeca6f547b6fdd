package io.tributary.bench;

import io.tributary.core.json.JsonFilter;
import io.tributary.core.stream.Overflow;
import io.tributary.core.stream.Registration;
import io.tributary.core.stream.StreamOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Isolation on loopback: K normal consumers of one real {@link io.tributary.core.connection.Feed}, first alone, then
 * next to one consumer that sleeps 100 ms per message. Prints each normal consumer's latency p99 (twin write to
 * delivery) in both conditions, the ratio of the medians over the rounds, and the messages each lost; the slow
 * consumer only drops its own (oldest). Arguments (all optional): {@code consumers rate seconds rounds}; defaults
 * 4 10000 10 3.
 */
public final class IsolationBenchmark {
    private static final long SLOW_PAUSE_MS = 100;

    private IsolationBenchmark() {}

    public static void main(String[] args) throws Exception {
        int consumers = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 10_000;
        long seconds = args.length > 2 ? Long.parseLong(args[2]) : 10;
        int rounds = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        long messages = (long) (rate * seconds);
        // alternate the two conditions, so noise from the rest of the machine hits both alike; compare medians
        List<Run> alone = new ArrayList<>();
        List<Run> withSlow = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            alone.add(run(consumers, false, messages, rate));
            withSlow.add(run(consumers, true, messages, rate));
        }
        StringJoiner ratios = new StringJoiner(",", "[", "]");
        double worst = 0;
        for (int c = 0; c < consumers; c++) {
            double ratio = medianP99(withSlow, c) / medianP99(alone, c);
            worst = Math.max(worst, ratio);
            ratios.add(String.format(Locale.ROOT, "%.2f", ratio));
        }
        System.out.println(String.format(Locale.ROOT,
                "{\"benchmark\":\"isolation\",\"consumers\":%d,\"rate\":%.0f,\"messages\":%d,\"rounds\":%d,"
                        + "\"alone\":%s,\"withSlow\":%s,\"medianP99Ratio\":%s,\"worstMedianP99Ratio\":%.2f}",
                consumers, rate, messages, rounds, json(alone), json(withSlow), ratios, worst));
    }

    private static double medianP99(List<Run> runs, int consumer) {
        double[] p99 = runs.stream().mapToDouble(run -> run.p99Micros().get(consumer)).sorted().toArray();
        return p99[p99.length / 2];
    }

    private static String json(List<Run> runs) {
        StringJoiner all = new StringJoiner(",", "[", "]");
        runs.forEach(run -> all.add(run.json()));
        return all.toString();
    }

    private record Run(List<Double> p99Micros, List<Long> lost, long slowReceived, long slowDropped) {
        String json() {
            StringJoiner p99 = new StringJoiner(",", "[", "]");
            p99Micros.forEach(v -> p99.add(String.format(Locale.ROOT, "%.1f", v)));
            return String.format(Locale.ROOT, "{\"p99Us\":%s,\"lost\":%s,\"slowReceived\":%d,\"slowDropped\":%d}", p99,
                    lost, slowReceived, slowDropped);
        }
    }

    private static Run run(int consumers, boolean withSlow, long messages, double rate) throws Exception {
        try (LoopbackRig rig = new LoopbackRig(messages, rate)) {
            long warmup = messages / 5;
            List<LatencyConsumer> normal = new ArrayList<>();
            for (int c = 0; c < consumers; c++) {
                LatencyConsumer consumer = new LatencyConsumer(warmup, messages, 0);
                rig.feed().addHandler(JsonFilter.all(), consumer, StreamOptions.defaults().withName("normal-" + c));
                normal.add(consumer);
            }
            LatencyConsumer slow = new LatencyConsumer(warmup, messages, SLOW_PAUSE_MS);
            Registration slowRegistration = withSlow
                    ? rig.feed().addHandler(JsonFilter.all(), slow,
                            StreamOptions.of(1_024, Overflow.DROP_OLDEST).withName("slow"))
                    : null;
            rig.start();
            long timeoutMs = (long) (messages / rate * 1000) + 60_000;
            List<Double> p99 = new ArrayList<>();
            List<Long> lost = new ArrayList<>();
            for (LatencyConsumer consumer : normal) {
                consumer.await(timeoutMs);
                p99.add(consumer.p99Micros());
                lost.add(messages - consumer.received());
            }
            return new Run(p99, lost, slow.received(), slowRegistration == null ? 0 : slowRegistration.stats().dropped());
        }
    }
}
