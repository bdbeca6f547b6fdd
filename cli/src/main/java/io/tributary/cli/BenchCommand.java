package io.tributary.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tributary bench ...}: live-path benchmarks against the twins, in this JVM. */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = BenchCommand.Binance.class,
        description = "Benchmarks the live path (twin on loopback -> connector -> book -> consumer).")
final class BenchCommand {

    /** {@code tributary bench binance}: see {@link BinanceBench}. */
    @Command(name = "binance", mixinStandardHelpOptions = true,
            description = {"The Binance twin floods diff depth updates into the real connector; prints one JSON line:",
                    "updates/s, CPU seconds, heap peak, latency twin write -> book applied -> consumer (p50/p99/p99.9),",
                    "and whether the connector's final book equals the twin's (exit status 1 if not)."})
    static final class Binance implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--updates", defaultValue = "1000000",
                description = "Depth updates in the measured run. Default: ${DEFAULT-VALUE}.")
        long updates;

        @Option(names = "--levels", defaultValue = "10",
                description = "Level changes per update. Default: ${DEFAULT-VALUE}.")
        int levels;

        @Option(names = "--rate", defaultValue = "0",
                description = "Updates per second; 0 = as fast as the socket takes them. Default: ${DEFAULT-VALUE}.")
        double rate;

        @Option(names = "--warmup", defaultValue = "300000",
                description = "Updates flooded first, unmeasured, to warm the JIT. Default: ${DEFAULT-VALUE}.")
        long warmup;

        @Override
        public Integer call() throws Exception {
            if (updates < 1 || updates > 100_000_000) {
                throw new Main.UserException("--updates must be 1..100000000, got " + updates);
            }
            if (levels < 1 || levels > 100) {
                throw new Main.UserException("--levels must be 1..100, got " + levels);
            }
            if (rate < 0) {
                throw new Main.UserException("--rate must be 0 (unpaced) or positive, got " + rate);
            }
            if (warmup < 0 || warmup > 100_000_000) {
                throw new Main.UserException("--warmup must be 0..100000000, got " + warmup);
            }
            BinanceBench.Result result = new BinanceBench(updates, levels, rate, warmup).run();
            spec.commandLine().getOut().println(result.json());
            return result.healthy() ? 0 : Main.RUN_ERROR;
        }
    }
}
