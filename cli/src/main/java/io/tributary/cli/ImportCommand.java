package io.tributary.cli;

import io.tributary.exchange.recording.RecordingEntry;
import io.tributary.sink.journal.JournalReader;
import io.tributary.sink.journal.JournalRecord;
import io.tributary.sink.journal.RecordKind;
import io.tributary.sink.questdb.EmbeddedQuestDb;
import io.tributary.sink.questdb.QuestDbWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Loads journals and foreign recordings into the store through the exchanges' offline connectors (the live
 * decoders and book sync), with periodic book snapshots on the recording's clock. Importing the same file again
 * writes the same rows, which the tables' DEDUP UPSERT KEYS replace in place: no duplicates.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
        description = {"Loads raw journals (capture/demo output) and recordings (cryptofeed, hftbacktest) into the "
                + "store through the same decoders and books as a live capture, plus an L2 snapshot of every book "
                + "each --snapshot-interval of recording time, so book-at-time queries work on imported data.",
                "Files of one session are imported together (a cryptofeed .ws. file with its .http. file, "
                        + "hftbacktest day files). Importing a file twice leaves no duplicate rows.",
                "Exchanges without a connector (e.g. Kraken, OKX, Bitfinex) are named and skipped."})
final class ImportCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE|DIR",
            description = "Journal files or directories, recordings, or directories of recordings (searched).")
    List<Path> paths;

    @Option(names = "--data", defaultValue = "data", paramLabel = "DIR",
            description = "Data directory of the embedded store (DIR/questdb, as demo and serve). Default: ${DEFAULT-VALUE}.")
    Path data;

    @Option(names = "--questdb", paramLabel = "ILP_CONFIG",
            description = "Write to an external QuestDB instead, e.g. 'http::addr=127.0.0.1:9000;'.")
    String questdb;

    @Option(names = "--jdbc", paramLabel = "URL",
            description = "The external QuestDB's PostgreSQL URL, printed as where to query (with --questdb).")
    String jdbc;

    @Option(names = "--snapshot-interval", defaultValue = "10s", converter = DurationConverter.class,
            paramLabel = "DURATION", description = "Recording time between book snapshots. Default: ${DEFAULT-VALUE}.")
    Duration snapshotInterval;

    @Option(names = "--snapshot-depth", defaultValue = "100", paramLabel = "LEVELS",
            description = "Levels per side in a book snapshot. Default: ${DEFAULT-VALUE}.")
    int snapshotDepth;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (snapshotInterval.isNegative() || snapshotInterval.isZero()) {
            throw new Main.UserException("--snapshot-interval must be positive");
        }
        if (snapshotDepth < 1) {
            throw new Main.UserException("--snapshot-depth must be at least 1");
        }
        if (jdbc != null && questdb == null) {
            throw new Main.UserException("--jdbc goes with --questdb (the embedded store has its own)");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<Path> journals = new ArrayList<>();
        List<Path> recordings = new ArrayList<>();
        for (Path path : paths) {
            sort(path, journals, recordings);
        }
        EmbeddedQuestDb embedded = null;
        String where;
        if (questdb == null) {
            embedded = new EmbeddedQuestDb(data.resolve("questdb"), 0, 0);
            embedded.start();
            where = "the embedded store in " + data.resolve("questdb");
        } else {
            where = jdbc != null ? jdbc : questdb;
        }
        int failed = 0;
        int imported = 0;
        try (QuestDbWriter writer = new QuestDbWriter(embedded != null ? embedded.ilpConfig() : questdb)) {
            if (!journals.isEmpty()) {
                int[] result = importJournals(journals, writer, out);
                imported += result[0];
                failed += result[1];
            }
            for (RecordedSession session : recordings.isEmpty() ? List.<RecordedSession>of()
                    : RecordedSession.load(recordings)) {
                switch (importRecording(session, writer, out)) {
                    case IMPORTED -> imported++;
                    case FAILED -> failed++;
                    case SKIPPED -> { }
                }
            }
            if (writer.rejected() > 0) {
                out.println(writer.rejected() + " event(s) rejected by the store: a decimal does not fit "
                        + "DECIMAL(38,18) exactly");
                failed++;
            }
        } finally {
            if (embedded != null) {
                embedded.stop();
            }
        }
        out.println(failed == 0 ? "imported " + imported + " session(s) into " + where
                : "FAILED: " + failed + " session(s), see above; " + imported + " imported into " + where);
        out.flush();
        return failed == 0 ? 0 : Main.RUN_ERROR;
    }

    private enum Outcome { IMPORTED, SKIPPED, FAILED }

    /** Directories hold journals, or else recordings (searched below); files are told apart by content. */
    private static void sort(Path path, List<Path> journals, List<Path> recordings) throws IOException {
        if (Files.isDirectory(path)) {
            List<Path> files;
            try (Stream<Path> walked = Files.walk(path)) {
                files = walked.filter(Files::isRegularFile).filter(ImportCommand::isData).sorted().toList();
            }
            List<Path> inside = files.stream().filter(f -> f.getFileName().toString().endsWith(".journal.gz"))
                    .toList();
            if (!inside.isEmpty()) {
                journals.addAll(inside);
            } else if (files.isEmpty()) {
                throw new Main.UserException(path + " is a directory without journals or recordings");
            } else {
                recordings.addAll(files);
            }
        } else if (!Files.isRegularFile(path)) {
            throw new Main.UserException(path + ": no such file");
        } else if (JournalReader.isJournal(path)) {
            journals.add(path);
        } else {
            recordings.add(path);
        }
    }

    /** Notes next to the data (INDEX.md, licenses) are not recordings. */
    private static boolean isData(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return !name.endsWith(".md") && !name.endsWith(".license") && !name.startsWith("license")
                && !name.startsWith(".");
    }

    // ---- journals ----------------------------------------------------------------------------------------------

    /** One pass over the journals; each exchange in them is a session of its own. @return {imported, failed} */
    private int[] importJournals(List<Path> files, QuestDbWriter writer, PrintWriter out) throws Exception {
        Map<String, SessionImport> sessions = new LinkedHashMap<>();
        Map<String, Long> frames = new HashMap<>();
        Map<String, Long> lost = new HashMap<>();
        Map<String, String> endpoints = new HashMap<>(); // exchange + connection id -> socket URL
        List<String> skipped = new ArrayList<>();
        long torn;
        try (JournalReader reader = JournalReader.open(files)) {
            while (reader.hasNext()) {
                JournalRecord record = reader.next();
                String exchange = record.exchange();
                Optional<Venue> venue = Venue.ofExchange(exchange);
                if (venue.isEmpty()) {
                    if (!skipped.contains(exchange)) {
                        skipped.add(exchange);
                    }
                    continue;
                }
                SessionImport session = sessions.computeIfAbsent(exchange,
                        e -> new SessionImport(venue.get(), writer, snapshotInterval, snapshotDepth));
                switch (record.kind()) {
                    case CONNECT -> {
                        endpoints.put(exchange + " " + record.connectionId(), record.text());
                        session.connected(record.text(), record.connectionId(), record.receivedEpochNanos());
                    }
                    case DISCONNECT -> session.disconnected(endpoints.get(exchange + " " + record.connectionId()),
                            record.connectionId(), record.text(), record.receivedEpochNanos());
                    case TEXT, BINARY -> {
                        frames.merge(exchange, 1L, Long::sum);
                        session.frame(endpoints.get(exchange + " " + record.connectionId()), record.connectionId(),
                                record.payload(), record.kind() == RecordKind.BINARY, record.receivedEpochNanos());
                    }
                    case REST -> {
                        byte[] payload = record.payload();
                        int newline = indexOf(payload, (byte) '\n');
                        session.rest(new String(payload, 0, Math.max(0, newline), StandardCharsets.UTF_8),
                                Arrays.copyOfRange(payload, newline + 1, payload.length), record.receivedEpochNanos());
                    }
                    case LOST -> lost.merge(exchange, Long.parseLong(record.text().trim()), Long::sum);
                    case GAP -> { } // what the live run saw; the connector finds gaps by itself
                }
            }
            torn = reader.tornFiles();
        }
        int imported = 0;
        int failed = 0;
        for (Map.Entry<String, SessionImport> entry : sessions.entrySet()) {
            String exchange = entry.getKey();
            out.println("journal " + exchange + ": " + files.size() + " file(s), " + frames.getOrDefault(exchange, 0L)
                    + " frames");
            if (torn > 0) {
                out.println("  note: " + torn + " journal file(s) end abruptly (writer killed); complete records read");
            }
            boolean ok = report(entry.getValue(), out);
            if (lost.containsKey(exchange)) {
                out.println("  FAILED: the journal lost " + lost.get(exchange) + " record(s) while capturing");
                ok = false;
            }
            if (ok) {
                imported++;
            } else {
                failed++;
            }
        }
        for (String exchange : skipped) {
            out.println("journal " + exchange + ": skipped, no connector for " + exchange + " (have: " + Venue.names()
                    + ")");
        }
        return new int[] {imported, failed};
    }

    // ---- recordings --------------------------------------------------------------------------------------------

    private Outcome importRecording(RecordedSession session, QuestDbWriter writer, PrintWriter out) throws Exception {
        long received = session.entries().stream().filter(e -> e.kind() == RecordingEntry.Kind.RECEIVED).count();
        out.println(String.format("%s: %s, %d file(s), %d frames", session.name(),
                session.exchange() == null ? "exchange unknown" : session.exchange(), session.files().size(),
                received));
        session.notes().forEach(note -> out.println("  note: " + note));
        String reason = unsupported(session);
        if (reason != null) {
            out.println("  skipped: " + reason);
            return session.exchange() == null ? Outcome.FAILED : Outcome.SKIPPED;
        }
        Venue venue = venueOf(session);
        SessionImport target = new SessionImport(venue, writer, snapshotInterval, snapshotDepth);
        String socket = null;
        long connection = 0;
        for (RecordingEntry entry : session.entries()) {
            switch (entry.kind()) {
                case CONNECT -> {
                    socket = entry.url();
                    connection++;
                    target.connected(socket, connection, entry.receivedNanos());
                }
                case RECEIVED -> target.frame(socket, connection, entry.payload(), entry.binary(),
                        entry.receivedNanos());
                // hftbacktest records its snapshot without a URL; the file name says whose it is
                case REST -> target.rest(entry.url() != null ? entry.url()
                                : "recorded/depth?symbol=" + session.inlineSymbol(), entry.payload(),
                        entry.receivedNanos());
                default -> { }
            }
        }
        boolean ok = report(target, out);
        for (Map.Entry<String, Long> problem : session.problems().entrySet()) {
            out.println("  FAILED: " + problem.getValue() + " " + problem.getKey());
            ok = false;
        }
        return ok ? Outcome.IMPORTED : Outcome.FAILED;
    }

    /** @return why the session cannot be imported, or null if it can */
    private static String unsupported(RecordedSession session) {
        String exchange = session.exchange();
        if (exchange == null) {
            return "cannot tell the exchange from the file names, URLs or content";
        }
        String where = describe(session);
        if (exchange.equals("binance") && (where.contains("binance_us") || where.contains("binance.us"))) {
            return "no connector for Binance.US yet (have: " + Venue.names() + ")";
        }
        if (exchange.equals("huobi") && (where.contains("huobi_swap") || where.contains("hbdm"))) {
            return "no connector for HTX swaps yet (have: " + Venue.names() + ")";
        }
        if (Venue.ofExchange(exchange).isEmpty()) {
            return "no connector for " + exchange + " yet (have: " + Venue.names() + ")";
        }
        return null;
    }

    /** Binance's markets are told apart by host, cryptofeed's file names and hftbacktest's folders. */
    private static Venue venueOf(RecordedSession session) {
        if (!session.exchange().equals("binance")) {
            return Venue.ofExchange(session.exchange()).orElseThrow();
        }
        String where = describe(session);
        if (where.contains("binance_delivery") || where.contains("dstream.") || where.contains("dapi.")
                || where.contains("/cm/")) {
            return Venue.BINANCE_COINM;
        }
        if (where.contains("binance_futures") || where.contains("fstream.") || where.contains("fapi.")
                || where.contains("/usdm/") || session.hasFuturesDepth()) {
            return Venue.BINANCE_USDM;
        }
        return Venue.BINANCE;
    }

    /** The session's file paths and socket/REST URLs, lower case: what names its market. */
    private static String describe(RecordedSession session) {
        StringBuilder text = new StringBuilder();
        session.files().forEach(file -> text.append(file.toAbsolutePath()).append('\n'));
        session.entries().stream().filter(e -> e.url() != null).map(RecordingEntry::url).distinct().limit(50)
                .forEach(url -> text.append(url).append('\n'));
        return text.toString().toLowerCase(Locale.ROOT);
    }

    // ---- output ------------------------------------------------------------------------------------------------

    /** Finishes a session's import and prints it per symbol. @return true if nothing failed */
    private static boolean report(SessionImport session, PrintWriter out) {
        Map<String, SessionImport.SymbolCounts> counts;
        try {
            counts = session.finish();
        } catch (Exception e) {
            out.println("  FAILED: " + e.getMessage());
            return false;
        }
        if (counts.isEmpty()) {
            out.println("  nothing to import");
        } else {
            out.println(String.format("  %-16s %9s %12s %10s %9s %9s %6s", "SYMBOL", "TRADES", "BOOK_UPDATES",
                    "SNAPSHOTS", "BBO", "ORDERS", "GAPS"));
        }
        counts.forEach((symbol, c) -> out.println(String.format("  %-16s %9d %12d %10d %9d %9d %6d", symbol,
                c.trades, c.bookUpdates, c.snapshots, c.bbo, c.orders, c.gaps)));
        if (session.connectionMarkers() > 0) {
            out.println("  " + session.connectionMarkers() + " connection marker(s)");
        }
        var stats = session.stats();
        if (stats.snapshotsUnused() > 0 || stats.requestsUnanswered() > 0) {
            out.println("  note: " + stats.snapshotsUnused() + " recorded REST answer(s) unused, "
                    + stats.requestsUnanswered() + " snapshot request(s) without a recorded answer");
        }
        return true;
    }

    private static int indexOf(byte[] bytes, byte value) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }
}
