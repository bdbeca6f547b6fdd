package io.tributary.cli;

import io.tributary.sink.questdb.QuestDbAddress;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Capture, store and API in one process: connectors for any exchanges (or the store filled from Kafka), the
 * embedded QuestDB (or an external one), and the REST API. Configured by {@code tributary.yaml} and/or flags; flags
 * win over the file.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Captures exchanges into the store and serves the query API (until Ctrl-C). With no exchange, "
                + "serves what is stored.")
final class ServeCommand implements Callable<Integer> {

    static final int DEFAULT_API_PORT = 8080;

    /** What --twins runs when no exchange is named: the four twins, two markets each. */
    private static final List<List<String>> TWINS = List.of(
            List.of("binance", "BTCUSDT", "ETHUSDT"), List.of("huobi", "btcusdt", "ethusdt"),
            List.of("bitstamp", "btcusd", "ethusd"), List.of("gemini", "BTCUSD", "ETHUSD"));

    @Option(names = "--config", description = "YAML configuration, e.g. config/tributary.yaml.")
    Path config;

    @Option(names = "--exchange", paramLabel = "NAME:SYMBOLS",
            description = "An exchange and its symbols, e.g. binance:BTCUSDT,ETHUSDT (repeatable). Exchanges: "
                    + "binance, binance-usdm, binance-coinm, huobi, bitstamp, gemini.")
    List<String> exchanges;

    @Option(names = "--channels", split = ",",
            description = "Channels for --exchange: book, trades, bbo, orders (default: book, trades and bbo, "
                    + "those the exchange has).")
    List<String> channels;

    @Option(names = "--twins", description = "Run each exchange's twin here and connect to it; with no exchange "
            + "named, the four twins (binance, huobi, bitstamp, gemini).")
    Boolean twins;

    @Option(names = "--data", description = "Data directory: embedded store, spill files, journal. Default: data.")
    Path data;

    @Option(names = "--api-host", description = "Address the API binds to. Default: 127.0.0.1.")
    String apiHost;

    @Option(names = "--api-port", description = "API port (0: a free one). Default: " + DEFAULT_API_PORT + ".")
    Integer apiPort;

    @Option(names = "--questdb", paramLabel = "'ILP [JDBC]'",
            description = "An external QuestDB instead of the embedded one, e.g. "
                    + "'http::addr=db:9000; jdbc:postgresql://db:8812/qdb' (JDBC defaults to port 8812 of that host).")
    String questDb;

    @Option(names = "--kafka", paramLabel = "BOOTSTRAP", description = "Also publish every event to Kafka.")
    String kafka;

    @Option(names = "--kafka-topic", description = "Topic for --kafka. Default: tributary.events.")
    String kafkaTopic;

    @Option(names = "--from-kafka", paramLabel = "BOOTSTRAP",
            description = "Fill the store from Kafka (what capture nodes publish with --kafka) instead of capturing.")
    String fromKafka;

    @Option(names = "--topic", split = ",", description = "Topics for --from-kafka. Default: tributary.events.")
    List<String> topics;

    @Option(names = "--group", description = "Consumer group for --from-kafka. Default: tributary-store.")
    String group;

    @Option(names = "--snapshot-every", converter = DurationConverter.class,
            description = "Interval of the book snapshots in the store. Default: 10s.")
    Duration snapshotEvery;

    @Option(names = "--snapshot-depth", description = "Levels per side in a book snapshot. Default: 50.")
    Integer snapshotDepth;

    @Option(names = "--no-journal", description = "Do not journal the raw frames.")
    boolean noJournal;

    @Option(names = "--ready-file", description = "Write the API's URL to this file once everything is started.")
    Path readyFile;

    @Option(names = "--duration", converter = DurationConverter.class,
            description = "Stop after this long (default: run until Ctrl-C).")
    Duration duration;

    @Spec
    CommandSpec spec;

    private final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws Exception {
        Serving.Settings settings = settings();
        PrintWriter out = spec.commandLine().getOut();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                finished.await(60, TimeUnit.SECONDS); // let the sinks flush before the JVM ends
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "serve-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        long lost;
        try (Serving serving = Serving.start(settings, out)) {
            if (duration == null) {
                stop.await();
            } else {
                stop.await(duration.toNanos(), TimeUnit.NANOSECONDS);
            }
            out.println("stopping: flushing everything received into the store");
            out.flush();
            serving.close();
            lost = serving.lost();
            serving.store().sinkStats().forEach((name, stats) -> out.printf("  sink %s: %d received, %d written, "
                    + "%d spilled, %d retries, %d lost%n", name, stats.received(), stats.written(), stats.spilled(),
                    stats.retries(), stats.lost()));
        } finally {
            finished.countDown();
            if (stop.getCount() > 0) {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
        }
        out.flush();
        return lost == 0 ? 0 : Main.RUN_ERROR;
    }

    /**
     * The configuration file with the flags over it, defaults applied.
     *
     * @throws Main.UserException naming the first mistake
     */
    Serving.Settings settings() {
        ServeConfig file = config == null ? ServeConfig.EMPTY : ServeConfig.read(config);
        boolean runTwins = first(twins, file.twins(), false);
        List<Serving.Source> sources = exchanges != null ? fromFlags(runTwins) : fromFile(file, runTwins);
        if (sources.isEmpty() && runTwins) {
            for (List<String> twin : TWINS) {
                Venue venue = Venue.parse(twin.getFirst());
                sources.add(new Serving.Source(venue, twin.subList(1, twin.size()), defaultChannels(venue), null, null,
                        true));
            }
        }
        Set<String> seen = new HashSet<>();
        for (Serving.Source source : sources) {
            if (!seen.add(source.venue().id())) {
                throw new Main.UserException("exchange " + source.venue().id() + " is configured twice; list all "
                        + "its symbols once");
            }
        }

        ServeConfig.Api api = file.api() == null ? new ServeConfig.Api(null, null) : file.api();
        int port = first(apiPort, api.port(), DEFAULT_API_PORT);
        if (port < 0 || port > 65_535) {
            throw new Main.UserException("--api-port must be 0..65535, got " + port);
        }
        String questDbLine = first(questDb, file.questdb(), null);
        QuestDbAddress questDbAddress = null;
        if (questDbLine != null) {
            try {
                questDbAddress = QuestDbAddress.parse(questDbLine);
            } catch (IllegalArgumentException e) {
                throw new Main.UserException("--questdb: " + e.getMessage());
            }
        }
        ServeConfig.Kafka kafkaFile = file.kafka() == null ? new ServeConfig.Kafka(null, null) : file.kafka();
        String kafkaBootstrap = first(kafka, kafkaFile.bootstrap(), null);
        ServeConfig.Snapshots snapshots = file.snapshots() == null ? new ServeConfig.Snapshots(null, null)
                : file.snapshots();
        Duration every = snapshotEvery != null ? snapshotEvery
                : snapshots.every() != null ? duration("snapshots.every", snapshots.every()) : Duration.ofSeconds(10);
        int depth = first(snapshotDepth, snapshots.depth(), 50);
        if (every.isNegative() || every.isZero()) {
            throw new Main.UserException("--snapshot-every must be positive, got " + every);
        }
        if (depth < 1 || depth > 5_000) {
            throw new Main.UserException("--snapshot-depth must be 1..5000, got " + depth);
        }
        Serving.FromKafka source = fromKafka(file);
        if (source != null && !sources.isEmpty()) {
            throw new Main.UserException("--from-kafka fills the store from Kafka: it takes no exchanges or twins");
        }
        if (source != null && kafkaBootstrap != null) {
            throw new Main.UserException("--from-kafka and --kafka together would publish the events back to Kafka");
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new Main.UserException("--duration must be positive, got " + duration);
        }
        return new Serving.Settings(first(data, file.data(), Path.of("data")), !noJournal && first(null,
                file.journal(), true), first(apiHost, api.host(), "127.0.0.1"), port, questDbAddress, kafkaBootstrap,
                first(kafkaTopic, kafkaFile.topic(), "tributary.events"), every, depth, sources, source, readyFile);
    }

    /** Stops the service like Ctrl-C does. */
    void stop() {
        stop.countDown();
    }

    private List<Serving.Source> fromFlags(boolean runTwins) {
        List<Serving.Source> sources = new ArrayList<>();
        for (String entry : exchanges) {
            int colon = entry.indexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw new Main.UserException("--exchange '" + entry + "' is not NAME:SYMBOLS, e.g. "
                        + "binance:BTCUSDT,ETHUSDT");
            }
            Venue venue = Venue.parse(entry.substring(0, colon));
            List<String> symbols = List.of(entry.substring(colon + 1).split(","));
            Set<DataChannel> wanted = channels == null ? defaultChannels(venue) : DataChannel.parse(channels);
            sources.add(source(venue, symbols, wanted, null, null, runTwins));
        }
        return sources;
    }

    private static List<Serving.Source> fromFile(ServeConfig file, boolean runTwins) {
        List<Serving.Source> sources = new ArrayList<>();
        List<ServeConfig.Exchange> list = file.exchanges() == null ? List.of() : file.exchanges();
        for (int i = 0; i < list.size(); i++) {
            ServeConfig.Exchange e = list.get(i);
            String where = "exchanges[" + i + "]";
            if (e.name() == null) {
                throw new Main.UserException(where + ": name is missing (e.g. name: binance)");
            }
            if (e.symbols() == null || e.symbols().isEmpty()) {
                throw new Main.UserException(where + " (" + e.name() + "): symbols are missing");
            }
            Venue venue = Venue.parse(e.name());
            Set<DataChannel> wanted = e.channels() == null ? defaultChannels(venue) : DataChannel.parse(e.channels());
            sources.add(source(venue, e.symbols(), wanted, url(where + ".ws-url", e.wsUrl(), "ws", "wss"),
                    url(where + ".rest-url", e.restUrl(), "http", "https"), runTwins));
        }
        return sources;
    }

    private static Serving.Source source(Venue venue, List<String> symbols, Set<DataChannel> wanted, URI ws, URI rest,
                                         boolean twin) {
        for (DataChannel channel : wanted) {
            if (!venue.channels().contains(channel)) {
                throw new Main.UserException(venue.id() + " has no " + channel.name().toLowerCase(Locale.ROOT)
                        + " channel");
            }
        }
        if (wanted.isEmpty()) {
            throw new Main.UserException(venue.id() + ": no channels");
        }
        return new Serving.Source(venue, venue.symbols(symbols), wanted, ws, rest, twin);
    }

    /** Book, trades and best bid/ask, those the exchange has. */
    private static Set<DataChannel> defaultChannels(Venue venue) {
        Set<DataChannel> wanted = EnumSet.copyOf(DataChannel.DEFAULT);
        wanted.retainAll(venue.channels());
        return wanted;
    }

    private Serving.FromKafka fromKafka(ServeConfig file) {
        ServeConfig.FromKafka f = file.fromKafka() == null ? new ServeConfig.FromKafka(null, null, null)
                : file.fromKafka();
        String bootstrap = first(fromKafka, f.bootstrap(), null);
        if (bootstrap == null) {
            if (topics != null || group != null) {
                throw new Main.UserException("--topic and --group go with --from-kafka");
            }
            return null;
        }
        List<String> topicList = first(topics, f.topics(), List.of("tributary.events"));
        if (topicList.isEmpty() || topicList.stream().anyMatch(String::isBlank)) {
            throw new Main.UserException("--topic needs topic names");
        }
        return new Serving.FromKafka(bootstrap, topicList, first(group, f.group(), "tributary-store"));
    }

    private static Duration duration(String key, String text) {
        try {
            return new DurationConverter().convert(text);
        } catch (CommandLine.TypeConversionException e) {
            throw new Main.UserException(key + ": " + e.getMessage());
        }
    }

    private static URI url(String key, String given, String... schemes) {
        if (given == null) {
            return null;
        }
        try {
            URI uri = new URI(given);
            if (uri.getScheme() == null || !List.of(schemes).contains(uri.getScheme().toLowerCase(Locale.ROOT))
                    || uri.getHost() == null) {
                throw new Main.UserException(key + " '" + given + "' is not a " + String.join(" or ", schemes)
                        + " URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new Main.UserException(key + " '" + given + "' is not a URL: " + e.getReason());
        }
    }

    @SafeVarargs
    private static <T> T first(T... candidates) {
        for (int i = 0; i < candidates.length - 1; i++) {
            if (candidates[i] != null) {
                return candidates[i];
            }
        }
        return candidates[candidates.length - 1];
    }
}
