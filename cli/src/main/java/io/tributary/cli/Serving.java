package io.tributary.cli;

import io.tributary.book.BookView;
import io.tributary.core.stream.Registration;
import io.tributary.core.time.NanoClock;
import io.tributary.exchange.MarketDataConnector;
import io.tributary.model.event.BookGap;
import io.tributary.server.ApiServer;
import io.tributary.server.StoreQueries;
import io.tributary.simulator.TwinServer;
import io.tributary.sink.CaptureStore;
import io.tributary.sink.SinkWriter;
import io.tributary.sink.journal.Journal;
import io.tributary.sink.journal.JournalTap;
import io.tributary.sink.kafka.KafkaEventSource;
import io.tributary.sink.kafka.KafkaWriter;
import io.tributary.sink.questdb.QuestDbAddress;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * A running {@code tributary serve}: exchange connectors (or a Kafka source) filling the store, every frame
 * journaled, and the query API over the store with live health. {@link #close} stops it without losing anything
 * received: the API and Kafka source stop, the connectors deliver what they hold, the sinks flush, the store stops.
 */
public final class Serving implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Serving.class);

    /** One exchange to capture; {@code twin}: run its twin here and connect to that. */
    record Source(Venue venue, List<String> symbols, Set<DataChannel> channels, URI webSocketBase, URI restBase,
                  boolean twin) {
    }

    /** Where a Kafka-fed store reads from. */
    record FromKafka(String bootstrap, List<String> topics, String group) {
    }

    /** Everything {@code serve} was told, defaults applied. */
    record Settings(Path data, boolean journal, String apiHost, int apiPort, QuestDbAddress questDb,
                    String kafkaBootstrap, String kafkaTopic, Duration snapshotEvery, int snapshotDepth,
                    List<Source> sources, FromKafka fromKafka, Path readyFile) {
    }

    private final List<AutoCloseable> twins = new ArrayList<>();
    private final Map<String, RunningTwin> twinsByExchange = new LinkedHashMap<>();
    private final Map<String, MarketDataConnector> connectors = new LinkedHashMap<>();
    private final List<Registration> journalTaps = new ArrayList<>();
    private CaptureStore store;
    private Journal journal;
    private StoreQueries queries;
    private ApiServer api;
    private KafkaEventSource fromKafka;
    private SinkWriter fromKafkaWriter;
    private String apiHost = "127.0.0.1";
    private boolean closed;

    private Serving() {
    }

    /**
     * Starts what {@code tributary serve ARGS} starts and returns once the API listens and the connectors are
     * started, for running it inside another program (tests).
     *
     * @throws CommandLine.ParameterException for arguments that are not {@code serve}'s
     * @throws RuntimeException for a configuration mistake (one clear message) or a failure to start
     */
    public static Serving start(String... serveArgs) {
        ServeCommand command = new ServeCommand();
        CommandLine commandLine = new CommandLine(command);
        commandLine.parseArgs(serveArgs);
        return start(command.settings(), commandLine.getOut());
    }

    static Serving start(Settings settings, PrintWriter out) {
        Serving serving = new Serving();
        try {
            serving.open(settings, out);
            return serving;
        } catch (RuntimeException | Error e) {
            serving.close();
            throw e;
        }
    }

    private void open(Settings s, PrintWriter out) {
        CaptureCommand.requireWritable(s.data());
        List<Source> sources = new ArrayList<>();
        for (Source source : s.sources()) {
            if (source.twin()) {
                RunningTwin twin = RunningTwin.start(source.venue(), source.symbols(), "127.0.0.1", 0, 20, 42);
                twins.add(twin);
                twinsByExchange.put(source.venue().id(), twin);
                source = new Source(source.venue(), twin.symbols(), source.channels(), twin.webSocketBase(),
                        twin.restBase(), true);
            }
            sources.add(source);
        }

        CaptureStore.Builder builder = CaptureStore.builder(s.data()).snapshots(s.snapshotEvery(), s.snapshotDepth());
        if (s.questDb() != null) {
            builder.external(s.questDb());
        }
        if (s.kafkaBootstrap() != null) {
            builder.alsoTo(KafkaWriter.builder(s.kafkaBootstrap()).topic(s.kafkaTopic()).build());
        }
        store = builder.open();
        if (s.journal() && !sources.isEmpty()) {
            journal = Journal.builder(s.data().resolve("journal")).prefix("serve").build();
        }
        LiveStreams live = new LiveStreams(store, NanoClock.system());
        for (Source source : sources) {
            capture(source, live);
        }
        if (s.fromKafka() != null) {
            fromKafkaWriter = store.newStoreWriter();
            fromKafka = KafkaEventSource.builder(s.fromKafka().bootstrap()).topics(s.fromKafka().topics())
                    .groupId(s.fromKafka().group()).start(fromKafkaWriter);
            live.follow(fromKafka);
        }
        apiHost = s.apiHost();
        queries = new StoreQueries(store.jdbcUrl(), store.jdbcUser(), store.jdbcPassword());
        api = new ApiServer(queries, s.apiHost(), s.apiPort(), live::health);
        live.register(api.metrics());
        startApi(s);
        connectors.values().forEach(MarketDataConnector::start);

        out.printf("store: %s%n", store.isEmbedded()
                ? "embedded QuestDB under " + s.data().resolve("questdb").toAbsolutePath() + " (console http://127.0.0.1:"
                + store.httpPort() + ")" : "QuestDB at " + store.jdbcUrl());
        for (Source source : sources) {
            out.printf("capturing %s %s (%s) from %s%s%n", source.venue().id(), String.join(",", source.symbols()),
                    source.channels().stream().map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(",")),
                    source.webSocketBase() == null ? "production" : source.webSocketBase(),
                    source.twin() ? " (twin)" : "");
        }
        if (s.fromKafka() != null) {
            out.printf("filling the store from Kafka %s, topics %s, group %s%n", s.fromKafka().bootstrap(),
                    String.join(",", s.fromKafka().topics()), s.fromKafka().group());
        }
        if (s.kafkaBootstrap() != null) {
            out.printf("publishing events to Kafka %s, topic %s%n", s.kafkaBootstrap(), s.kafkaTopic());
        }
        if (journal != null) {
            out.printf("journal: %s%n", journal.directory().toAbsolutePath());
        }
        out.printf("API on %s  (try: curl '%s/api/v1/streams')%n", apiUri(), apiUri());
        out.flush();
        if (s.readyFile() != null) {
            writeReadyFile(s.readyFile());
        }
    }

    private void capture(Source source, LiveStreams live) {
        JournalTap tap = journal == null ? null : journal.tap(source.venue().id());
        MarketDataConnector connector = source.venue().connector(source.symbols(), source.channels(),
                source.webSocketBase(), source.restBase(), feed -> {
                    if (tap != null) {
                        feed.frameTap(tap).listener(tap);
                    }
                }, (url, body, receivedNanos, epochNanos) -> { // REST snapshots journaled too, so journals replay
                    if (tap != null) {
                        tap.rest(url, body, receivedNanos, epochNanos);
                    }
                });
        connectors.put(source.venue().id(), connector);
        if (tap != null) {
            journalTaps.add(connector.events().addTap(event -> event instanceof BookGap, event -> {
                BookGap gap = (BookGap) event;
                tap.gap(gap.symbol(), gap.gap().reason() + " expected " + gap.gap().expected() + " received "
                        + gap.gap().received());
            }, "journal-gaps"));
        }
        live.follow(connector, source.symbols());
        store.capture(connector.exchange(), connector.events(), connector::book,
                () -> connector.symbolStats().keySet(), connector);
    }

    /** @throws Main.UserException if the API's address cannot be bound (port taken, no such address) */
    private void startApi(Settings s) {
        try {
            api.start();
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof BindException) {
                    throw new Main.UserException("the API cannot listen on " + s.apiHost() + ":" + s.apiPort() + ": "
                            + cause.getMessage());
                }
            }
            throw e;
        }
    }

    /** @return the API's port */
    public int apiPort() {
        return api.port();
    }

    /** @return the API's base URL (on this machine's loopback when it listens on every address) */
    public URI apiUri() {
        String host = apiHost.equals("0.0.0.0") || apiHost.equals("::") ? "127.0.0.1" : apiHost;
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + apiPort());
    }

    /** @return the live book of an exchange's symbol (the exchange's spelling), if it is in sync now */
    public Optional<BookView> book(String exchange, String symbol) {
        return connector(exchange).flatMap(connector -> connector.book(symbol));
    }

    /** @return the connector capturing {@code exchange} (e.g. to follow its events too) */
    public Optional<MarketDataConnector> connector(String exchange) {
        return Optional.ofNullable(connectors.get(exchange));
    }

    /** @return the server of the twin this process runs for {@code exchange}, to inject faults */
    public Optional<TwinServer> twin(String exchange) {
        return Optional.ofNullable(twinsByExchange.get(exchange)).map(RunningTwin::server);
    }

    /** @return the store */
    public CaptureStore store() {
        return store;
    }

    /** @return how many events the store lost (could neither write nor spill); 0 when healthy */
    long lost() {
        return store == null ? 0 : store.sinkStats().values().stream().mapToLong(s -> s.lost()).sum();
    }

    /** Stops everything in the order that loses nothing received. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        quietly("the Kafka source", fromKafka);
        quietly("the Kafka source's store writer", fromKafkaWriter);
        quietly("the API", api);
        quietly("the store", store); // connectors drained, sinks flushed, then QuestDB stopped
        quietly("the store queries", queries);
        journalTaps.forEach(Registration::close);
        quietly("the journal", journal);
        for (AutoCloseable twin : twins) {
            quietly("a twin", twin);
        }
    }

    private static void quietly(String what, AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.error("closing {} failed", what, e);
        }
    }

    private void writeReadyFile(Path file) {
        try {
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.writeString(tmp, apiUri() + "\n", StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING,
                    StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new Main.UserException("cannot write the ready file " + file + ": " + e.getMessage());
        }
    }
}
