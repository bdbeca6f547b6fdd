package io.tributary.cli;

import io.tributary.exchange.recording.RecordingEntry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Replays journals and foreign recordings through the exchanges' own decoders and books, and says per symbol what
 * it found. Exit status 1 if any session shows a gap, a failed checksum, a crossed book, a book out of sync at the
 * end, a failed exchange check, a rejected message or a damaged file, or if nothing could be replayed. Sessions of an
 * exchange without a decoder in this build are reported and left out, so a directory of mixed recordings still
 * answers for the rest.
 */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Replays journals (files or directories) and recordings (cryptofeed, hftbacktest, nautilus) "
                + "through the same decoders and books, printing per symbol: messages, applied, gaps, resyncs, "
                + "crossed states, rejected values, checksums reproduced/failed and the exchange's own check.",
                "Files of one session are replayed together: a cryptofeed .ws. file with its .http. file, "
                        + "hftbacktest day files (_YYYYMMDD), the files of one journal."})
final class ReplayCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Journal files or directories, or recordings.")
    List<Path> files;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        List<RecordedSession> sessions = RecordedSession.load(files);
        int failed = 0;
        Set<String> skipped = new TreeSet<>();
        int skippedSessions = 0;
        for (RecordedSession session : sessions) {
            String exchange = session.exchange();
            if (exchange != null && !BookReplay.supported().contains(exchange)) {
                header(session, out);
                out.println("  not replayed: no book decoder for " + exchange + " in this build (have: "
                        + String.join(", ", BookReplay.supported()) + ")");
                skipped.add(exchange);
                skippedSessions++;
            } else if (!replay(session, out)) {
                failed++;
            }
        }
        int replayed = sessions.size() - skippedSessions;
        String notReplayed = skippedSessions == 0 ? "" : "; " + skippedSessions + " not replayed (no decoder for "
                + String.join(", ", skipped) + ")";
        try {
            if (replayed == 0) {
                out.println("FAILED: nothing replayed" + notReplayed);
                return Main.RUN_ERROR;
            }
            if (failed == 0) {
                out.println("replayed " + replayed + " session(s): all clean" + notReplayed);
                return 0;
            }
            out.println("FAILED: " + failed + " of " + replayed + " session(s), see above" + notReplayed);
            return Main.RUN_ERROR;
        } finally {
            out.flush();
        }
    }

    private static void header(RecordedSession session, PrintWriter out) {
        String exchange = session.exchange();
        boolean futures = "binance".equals(exchange) && session.hasFuturesDepth();
        long received = session.entries().stream().filter(e -> e.kind() == RecordingEntry.Kind.RECEIVED).count();
        out.println(String.format("%s: %s%s, %d file(s), %d messages", session.name(),
                exchange == null ? "exchange unknown" : exchange, futures ? " futures" : "", session.files().size(),
                received));
        session.notes().forEach(note -> out.println("  note: " + note));
    }

    /** @return true if the session replayed clean */
    private static boolean replay(RecordedSession session, PrintWriter out) {
        header(session, out);
        if (session.exchange() == null) {
            out.println("  not replayed: cannot tell the exchange from the file names, URLs or content");
            return false;
        }
        BookReplay books = BookReplay.of(session);
        for (RecordingEntry entry : session.entries()) {
            switch (entry.kind()) {
                case RECEIVED -> {
                    if (entry.binary()) {
                        books.receivedBinary(entry.payload());
                    } else {
                        books.received(entry.payload());
                    }
                }
                case REST -> books.rest(entry.url(), entry.payload());
                case CONNECT -> books.connected(entry.url());
                default -> { }
            }
        }
        List<SymbolResult> results = books.results();
        List<String> failures = new ArrayList<>();
        if (results.isEmpty()) {
            out.println("  no book data");
        } else {
            out.println(String.format("  %-22s %9s %9s %6s %8s %8s %9s %19s  %-12s %s", "SYMBOL", "MESSAGES",
                    "APPLIED", "GAPS", "RESYNCS", "CROSSED", "REJECTED", "CHECKSUMS OK/FAILED", "STATE", "CHECK"));
        }
        for (SymbolResult r : results) {
            String checksums = r.checksumOk() + r.checksumFailed() == 0 ? "-"
                    : r.checksumOk() + "/" + r.checksumFailed();
            String check = r.check().isEmpty() ? "-" : r.check();
            out.println(String.format("  %-22s %9d %9d %6d %8d %8d %9d %19s  %-12s %s", r.symbol(), r.messages(),
                    r.applied(), r.gaps(), r.resyncs(), r.crossed(), r.rejected(), checksums,
                    r.state() + (r.failed() ? " FAILED" : ""), check));
            if (r.failed()) {
                failures.add(r.symbol());
            }
        }
        books.notes().forEach(note -> out.println("  note: " + note));
        if (books.rejected() > 0) {
            failures.add(books.rejected() + " messages rejected by the decoder");
        }
        for (Map.Entry<String, Long> problem : session.problems().entrySet()) {
            failures.add(problem.getValue() + " " + problem.getKey());
        }
        out.println(failures.isEmpty() ? "  clean" : "  FAILED: " + String.join(", ", failures));
        return failures.isEmpty();
    }
}
