package io.tributary.cli;

import io.tributary.simulator.Faults;
import io.tributary.simulator.binance.BinanceTwin;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Reads {@code --fault} specs for the Binance twin: the framework's faults ({@link Faults#apply}) plus Binance's own,
 * {@code rest-429=N[:RETRY_AFTER_S]}, {@code rest-418=N[:RETRY_AFTER_S]} (the next N depth requests are rejected),
 * {@code stale-snapshots=N} and {@code gap=SYMBOL} (the symbol's next depth update is never sent).
 */
final class TwinFaults {

    private TwinFaults() {
    }

    /**
     * @return the faults of a comma-separated spec, to apply once the twin runs
     * @throws IllegalArgumentException naming what is wrong with the spec
     */
    static List<Consumer<BinanceTwin>> parse(String spec) {
        List<Consumer<BinanceTwin>> faults = new ArrayList<>();
        for (String token : spec.split(",")) {
            String entry = token.strip();
            if (entry.isEmpty()) {
                continue;
            }
            int eq = entry.indexOf('=');
            String key = eq < 0 ? entry : entry.substring(0, eq).strip();
            String value = eq < 0 ? "" : entry.substring(eq + 1).strip();
            faults.add(switch (key) {
                case "rest-429", "rest-418" -> {
                    String[] countAndRetry = value.split(":", 2);
                    int count = number(entry, countAndRetry[0]);
                    int retryAfterSeconds = countAndRetry.length > 1 ? number(entry, countAndRetry[1]) : 1;
                    int status = key.equals("rest-429") ? 429 : 418;
                    yield twin -> twin.restFaults().reject(count, status, Duration.ofSeconds(retryAfterSeconds));
                }
                case "stale-snapshots" -> {
                    int count = number(entry, value);
                    yield twin -> twin.restFaults().staleSnapshots(count);
                }
                case "gap" -> {
                    if (value.isEmpty()) {
                        throw new IllegalArgumentException("fault 'gap' needs a symbol: gap=BTCUSDT");
                    }
                    yield twin -> twin.market().dropNextDepthUpdate(value);
                }
                default -> {
                    Faults.parse(entry); // the framework's own: fails here on a bad spec
                    yield twin -> twin.server().faults().apply(entry);
                }
            });
        }
        return faults;
    }

    private static int number(String entry, String text) {
        try {
            int value = Integer.parseInt(text);
            if (value < 0) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("fault '" + entry + "' needs a whole number, got '" + text + "'");
        }
    }
}
