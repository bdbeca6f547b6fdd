package io.tributary.cli;

import io.tributary.simulator.bitstamp.BitstampTwin;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code tributary twin bitstamp}: the Bitstamp v2 twin until Ctrl-C or {@code --duration}. */
final class BitstampTwinRun {

    private BitstampTwinRun() {
    }

    static int run(String host, int port, double rate, List<String> symbols, List<String> faults, Duration duration,
            PrintWriter out) throws InterruptedException {
        // Binance-style defaults (BTCUSDT) become Bitstamp markets (btcusdt); Bitstamp writes them lower case
        List<String> markets = symbols.stream().map(s -> s.toLowerCase(Locale.ROOT)).toList();
        BitstampTwin twin = BitstampTwin.start(markets, host, port, rate);
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            twin.close();
            stopped.countDown();
        }, "twin-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        faults.forEach(fault -> twin.server().faults().apply(fault));
        out.printf("Bitstamp twin on %s:%d (%s, %.0f steps/s)%n", host, twin.server().port(), String.join(",", markets),
                rate);
        out.printf("  WebSocket  %s   ({\"event\":\"bts:subscribe\",\"data\":{\"channel\":\"diff_order_book_%s\"}})%n",
                twin.webSocketUri(), markets.get(0));
        out.printf("  REST       %s/api/v2/order_book/%s/%n", twin.restBase(), markets.get(0));
        out.println(duration == null ? "Ctrl-C to stop." : "Stopping after " + duration.toSeconds() + " s.");
        out.flush();
        if (duration == null) {
            stopped.await();
        } else if (!stopped.await(duration.toNanos(), TimeUnit.NANOSECONDS)) {
            Runtime.getRuntime().removeShutdownHook(hook);
            twin.close();
        }
        out.printf("twin stopped after %d connections%n", twin.server().sessionsOpened());
        out.flush();
        return 0;
    }
}
