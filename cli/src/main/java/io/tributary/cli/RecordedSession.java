package io.tributary.cli;

import io.tributary.exchange.recording.RecordingEntry;
import io.tributary.exchange.recording.RecordingReader;
import io.tributary.exchange.recording.Recordings;
import io.tributary.sink.journal.JournalReader;
import io.tributary.sink.journal.JournalRecord;
import io.tributary.sink.journal.RecordKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One recorded session, ready to replay: the received messages, REST snapshots and connects of one exchange
 * connection, in receive order, possibly from several files (a WebSocket file and its REST file, a session split at
 * midnight, a rotated journal).
 *
 * @param name        what the output calls it
 * @param exchange    lower-case exchange name, or null if the files do not tell
 * @param inlineSymbol the symbol of REST snapshots recorded without a URL (hftbacktest names it in the file name)
 * @param problems    counted troubles of the files themselves that make the replay fail (malformed lines, records
 *                    the journal lost)
 * @param notes       things worth showing that are not failures (a journal file torn by a killed writer)
 */
record RecordedSession(String name, String exchange, String inlineSymbol, List<Path> files,
                       List<RecordingEntry> entries, Map<String, Long> problems, List<String> notes) {

    /** cryptofeed: {@code BINANCE.ws.1.0} is one socket's session, {@code BINANCE.http.0.0} its REST snapshots. */
    private static final Pattern CRYPTOFEED_PART = Pattern.compile("(.+)\\.(ws|http)\\.(\\d+)\\.\\d+");
    /** hftbacktest splits a session at 00:00 UTC: {@code btcusdt_20240808.gz} + {@code btcusdt_20240809.gz}. */
    private static final Pattern DAY_SPLIT = Pattern.compile("(.+)_(\\d{8})");
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

    /**
     * Loads files (and journal directories) and groups them into sessions.
     *
     * @throws Main.UserException for a missing file or a directory without journals
     * @throws IOException        if a file cannot be read
     */
    static List<RecordedSession> load(List<Path> paths) throws IOException {
        Map<String, List<Path>> foreign = new LinkedHashMap<>();
        List<Path> journals = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                List<Path> inside;
                try (Stream<Path> listed = Files.list(path)) {
                    inside = listed.filter(p -> p.getFileName().toString().endsWith(".journal.gz")).sorted().toList();
                }
                if (inside.isEmpty()) {
                    throw new Main.UserException(path + " is a directory without journal files (*.journal.gz)");
                }
                journals.addAll(inside);
            } else if (!Files.isRegularFile(path)) {
                throw new Main.UserException(path + ": no such file");
            } else if (JournalReader.isJournal(path)) {
                journals.add(path);
            } else {
                foreign.computeIfAbsent(sessionKey(path), key -> new ArrayList<>()).add(path);
            }
        }
        List<RecordedSession> sessions = new ArrayList<>();
        if (!journals.isEmpty()) {
            sessions.addAll(loadJournals(journals));
        }
        for (List<Path> files : groupSessions(foreign)) {
            sessions.add(loadRecordings(files));
        }
        return sessions;
    }

    private static String baseName(Path file) {
        String name = file.getFileName().toString();
        for (String suffix : new String[] {".gz", ".dat", ".json"}) {
            if (name.endsWith(suffix)) {
                name = name.substring(0, name.length() - suffix.length());
            }
        }
        return name;
    }

    /** The name of the session a file belongs to, without the parts that differ between its files. */
    private static String stem(Path file) {
        String name = baseName(file);
        Matcher part = CRYPTOFEED_PART.matcher(name);
        if (part.matches()) {
            return part.group(1);
        }
        Matcher day = DAY_SPLIT.matcher(name);
        return day.matches() ? day.group(1) : name;
    }

    private static String sessionKey(Path file) {
        return file.toAbsolutePath().getParent() + "/" + stem(file);
    }

    /**
     * Splits files of the same stem into sessions: each cryptofeed {@code .ws.N} file is its own socket's session and
     * gets the stem's {@code .http.} files (its REST snapshots); day files form one session while their days follow
     * each other.
     */
    private static List<List<Path>> groupSessions(Map<String, List<Path>> byStem) {
        List<List<Path>> sessions = new ArrayList<>();
        for (List<Path> files : byStem.values()) {
            List<Path> http = new ArrayList<>();
            List<Path> sockets = new ArrayList<>();
            List<Path> days = new ArrayList<>();
            List<Path> other = new ArrayList<>();
            for (Path file : files) {
                Matcher part = CRYPTOFEED_PART.matcher(baseName(file));
                if (part.matches()) {
                    (part.group(2).equals("http") ? http : sockets).add(file);
                } else if (DAY_SPLIT.matcher(baseName(file)).matches()) {
                    days.add(file);
                } else {
                    other.add(file);
                }
            }
            for (Path socket : sockets) {
                List<Path> session = new ArrayList<>(List.of(socket));
                session.addAll(http);
                sessions.add(session);
            }
            if (sockets.isEmpty() && !http.isEmpty()) {
                sessions.add(http);
            }
            days.sort(Comparator.comparing(RecordedSession::baseName));
            LocalDate previous = null;
            for (Path file : days) {
                Matcher day = DAY_SPLIT.matcher(baseName(file));
                day.matches();
                LocalDate date = parseDay(day.group(2));
                if (previous == null || date == null || !date.equals(previous.plusDays(1))) {
                    sessions.add(new ArrayList<>());
                }
                sessions.get(sessions.size() - 1).add(file);
                previous = date;
            }
            other.forEach(file -> sessions.add(List.of(file)));
        }
        return sessions;
    }

    private static LocalDate parseDay(String digits) {
        try {
            return LocalDate.parse(digits, DAY);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static List<RecordedSession> loadJournals(List<Path> files) throws IOException {
        Map<String, List<RecordingEntry>> byExchange = new LinkedHashMap<>();
        Map<String, Map<String, Long>> problems = new LinkedHashMap<>();
        try (JournalReader reader = JournalReader.open(files)) {
            while (reader.hasNext()) {
                JournalRecord record = reader.next();
                List<RecordingEntry> entries = byExchange.computeIfAbsent(record.exchange(), e -> new ArrayList<>());
                Map<String, Long> counted = problems.computeIfAbsent(record.exchange(), e -> new LinkedHashMap<>());
                switch (record.kind()) {
                    case TEXT, BINARY -> entries.add(new RecordingEntry(RecordingEntry.Kind.RECEIVED,
                            record.receivedEpochNanos(), null, record.payload(), record.kind() == RecordKind.BINARY));
                    case CONNECT -> entries.add(new RecordingEntry(RecordingEntry.Kind.CONNECT,
                            record.receivedEpochNanos(), record.text(), new byte[0], false));
                    case REST -> {
                        byte[] payload = record.payload();
                        int newline = indexOf(payload, (byte) '\n');
                        String url = new String(payload, 0, Math.max(0, newline), StandardCharsets.UTF_8);
                        byte[] body = Arrays.copyOfRange(payload, newline + 1, payload.length);
                        entries.add(new RecordingEntry(RecordingEntry.Kind.REST, record.receivedEpochNanos(), url,
                                body, false));
                    }
                    case LOST -> counted.merge("records the journal lost", Long.parseLong(record.text().trim()),
                            Long::sum);
                    case GAP, DISCONNECT -> { } // what the live run saw; the replay finds gaps by itself
                }
            }
            // A killed writer leaves a torn file: its complete records were read, only the torn one is gone.
            List<String> notes = reader.tornFiles() == 0 ? List.of()
                    : List.of(reader.tornFiles() + " journal file(s) end abruptly (writer killed); complete records read");
            List<RecordedSession> sessions = new ArrayList<>();
            byExchange.forEach((exchange, entries) -> sessions.add(new RecordedSession("journal " + exchange,
                    exchangeOfName(exchange), null, files, entries, problems.get(exchange), notes)));
            return sessions;
        }
    }

    private static RecordedSession loadRecordings(List<Path> files) throws IOException {
        List<RecordingEntry> entries = new ArrayList<>();
        Map<String, Long> problems = new LinkedHashMap<>();
        String exchange = null;
        for (Path file : files) {
            try (RecordingReader reader = Recordings.open(file)) {
                for (RecordingEntry e = reader.next(); e != null; e = reader.next()) {
                    switch (e.kind()) {
                        case RECEIVED, REST -> entries.add(e);
                        case CONNECT -> {
                            entries.add(e);
                            exchange = exchange != null ? exchange : exchangeOfName(e.url());
                        }
                        default -> { }
                    }
                }
                if (reader.malformed() > 0) {
                    problems.merge("malformed lines", reader.malformed(), Long::sum);
                }
            }
            exchange = exchange != null ? exchange : exchangeOfName(file.getFileName().toString());
            exchange = exchange != null ? exchange : exchangeOfName(file.toAbsolutePath().toString());
        }
        if (exchange == null) {
            exchange = exchangeOfContent(entries);
        }
        if (files.size() > 1) {
            entries.sort(Comparator.comparingLong(RecordingEntry::receivedNanos)); // stable: ties keep file order
        }
        String stem = stem(files.get(0));
        String name = files.get(0).getParent() == null ? baseName(files.get(0))
                : files.get(0).getParent().getFileName() + "/" + baseName(files.get(0));
        String inlineSymbol = stem.matches("[A-Za-z0-9]+(_[A-Za-z]+)?") ? stem.toUpperCase(Locale.ROOT) : null;
        return new RecordedSession(name, exchange, inlineSymbol, List.copyOf(files), entries, problems, List.of());
    }

    /** The exchange a file name or URL names (cryptofeed files and URLs name it), or null. */
    static String exchangeOfName(String text) {
        if (text == null) {
            return null;
        }
        String lower = text.toLowerCase(Locale.ROOT);
        for (String[] known : new String[][] {{"binance", "binance"}, {"kraken_futures", "kraken-futures"},
                {"futures.kraken", "kraken-futures"}, {"kraken", "kraken"}, {"okex", "okx"},
                {"okx", "okx"}, {"bitfinex", "bitfinex"}, {"coinbase", "coinbase"}, {"gemini", "gemini"},
                {"bitstamp", "bitstamp"}, {"huobi", "huobi"}, {"htx", "huobi"}, {"bybit", "bybit"}}) {
            if (lower.contains(known[0])) {
                return known[1];
            }
        }
        return null;
    }

    /** Last resort: a recognisable first message (hftbacktest files hold Binance combined streams). */
    private static String exchangeOfContent(List<RecordingEntry> entries) {
        for (RecordingEntry entry : entries.subList(0, Math.min(20, entries.size()))) {
            String text = entry.binary() ? "" : entry.text();
            if (text.contains("\"lastUpdateId\"") || text.contains("\"stream\"") || text.contains("\"e\":\"")) {
                return "binance";
            }
            if (text.contains("\"platform\"")) {
                return "bitfinex";
            }
            if (text.contains("\"arg\"")) {
                return "okx";
            }
            if (text.contains("systemStatus")) {
                return "kraken";
            }
        }
        return null;
    }

    /** @return true if a Binance session's depth events follow the futures rule ({@code pu}) */
    boolean hasFuturesDepth() {
        byte[] marker = "\"pu\":".getBytes(StandardCharsets.US_ASCII);
        for (RecordingEntry entry : entries) {
            if (entry.kind() == RecordingEntry.Kind.RECEIVED && contains(entry.payload(), marker)) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] bytes, byte value) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
