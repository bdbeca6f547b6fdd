package io.tributary.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tributary bench ...}: live-path benchmarks against the twins, in this JVM ({@link LivePathBench}). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        subcommands = {BenchCommand.Binance.class, BenchCommand.Huobi.class, BenchCommand.Bitstamp.class},
        description = "Benchmarks the live path (twin on loopback -> connector -> book -> consumer).")
final class BenchCommand {

    /** The connector's book queue; unpaced floods go in chunks of half of it, so that it never overflows. */
    static final int BOOK_QUEUE = 1 << 18;

    /** The options every live-path benchmark has. */
    static final class LiveOptions {
        @Spec(Spec.Target.MIXEE)
        CommandSpec spec;

        @Option(names = "--updates", defaultValue = "1000000",
                description = "Updates in the measured run. Default: ${DEFAULT-VALUE}.")
        long updates;

        @Option(names = "--rate", defaultValue = "0",
                description = "Updates per second; 0 = as fast as the socket takes them. Default: ${DEFAULT-VALUE}.")
        double rate;

        @Option(names = "--warmup", defaultValue = "300000",
                description = "Updates flooded first, unmeasured, to warm the JIT. Default: ${DEFAULT-VALUE}.")
        long warmup;

        @Option(names = "--store",
                description = "Also store every normalized event in an embedded QuestDB (ReliableSink -> "
                        + "QuestDbWriter) and print rows/s and whether the store kept up.")
        boolean store;

        /** Validates, runs and prints. @return the exit status: 1 if the run was not healthy */
        int run(BenchFeed feed) throws Exception {
            try (feed) {
                LivePathBench.Result result = new LivePathBench(updates, rate, warmup, BOOK_QUEUE / 2, store)
                        .run(feed);
                spec.commandLine().getOut().println(result.json());
                return result.healthy() ? 0 : Main.RUN_ERROR;
            }
        }

        /** @throws Main.UserException for a value out of range, before anything starts */
        void validate() {
            if (updates < 1 || updates > 100_000_000) {
                throw new Main.UserException("--updates must be 1..100000000, got " + updates);
            }
            if (rate < 0 || Double.isNaN(rate) || Double.isInfinite(rate)) {
                throw new Main.UserException("--rate must be 0 (unpaced) or positive, got " + rate);
            }
            if (warmup < 0 || warmup > 100_000_000) {
                throw new Main.UserException("--warmup must be 0..100000000, got " + warmup);
            }
        }
    }

    private static int levels(int levels, int max) {
        if (levels < 1 || levels > max) {
            throw new Main.UserException("--levels must be 1.." + max + ", got " + levels);
        }
        return levels;
    }

    /** {@code tributary bench binance}. */
    @Command(name = "binance", mixinStandardHelpOptions = true,
            description = "The Binance twin floods diff depth updates into the real connector; prints one JSON line: "
                    + "updates/s, CPU, heap peak, GC, latency twin write -> book applied -> consumer (p50/p99/p99.9), "
                    + "and whether the connector's final book equals the twin's (exit status 1 if not).")
    static final class Binance implements Callable<Integer> {
        @Mixin
        LiveOptions options;

        @Option(names = "--levels", defaultValue = "10",
                description = "Level changes per update. Default: ${DEFAULT-VALUE}.")
        int levels;

        @Override
        public Integer call() throws Exception {
            options.validate();
            return options.run(new BinanceBenchFeed(levels(levels, 100), BOOK_QUEUE));
        }
    }

    /** {@code tributary bench huobi}. */
    @Command(name = "huobi", mixinStandardHelpOptions = true,
            description = "The HTX twin plays MBP increments, gzip-compressed before the clock starts, into the real "
                    + "connector (inflate per frame included); prints one JSON line like bench binance, with the final "
                    + "book check against the twin's (exit status 1 if they differ).")
    static final class Huobi implements Callable<Integer> {
        @Mixin
        LiveOptions options;

        @Option(names = "--levels", defaultValue = "10",
                description = "Level changes per increment. Default: ${DEFAULT-VALUE}.")
        int levels;

        @Override
        public Integer call() throws Exception {
            options.validate();
            return options.run(new HuobiBenchFeed(levels(levels, 50), BOOK_QUEUE));
        }
    }

    /** {@code tributary bench bitstamp}. */
    @Command(name = "bitstamp", mixinStandardHelpOptions = true,
            description = "The Bitstamp twin plays live_orders events into the real connector's order-by-order book; "
                    + "prints one JSON line (an update is one order event) with the final order book checked against "
                    + "the twin's detail_order_book (exit status 1 if they differ).")
    static final class Bitstamp implements Callable<Integer> {
        @Mixin
        LiveOptions options;

        @Override
        public Integer call() throws Exception {
            options.validate();
            return options.run(new BitstampBenchFeed(BOOK_QUEUE));
        }
    }
}
