package io.tributary.sink.journal;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Iterates journal records back, file after file. A file that ends abruptly (its writer was killed: no gzip
 * trailer, or a record cut short) yields all its complete records, drops the partial one, and is counted in
 * {@link #tornFiles()}; reading goes on with the next file.
 */
public final class JournalReader implements Iterator<JournalRecord>, AutoCloseable {

    private static final int BUFFER_BYTES = 1 << 16;

    private final List<Path> files;
    private int nextFile;
    private InputStream in;
    private Path currentFile;
    private JournalRecord next;
    private long tornFiles;
    private final byte[] header = new byte[RecordFormat.MAX_HEADER_BYTES];

    private JournalReader(List<Path> files) {
        this.files = files;
    }

    /**
     * Opens journal files, or directories (their {@code *.journal.gz} files in name order, which is time order).
     *
     * @throws IOException if a path is missing or a file is not a journal
     */
    public static JournalReader open(List<Path> paths) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (Stream<Path> listed = Files.list(path)) {
                    listed.filter(p -> p.getFileName().toString().endsWith(RecordFormat.FILE_SUFFIX)).sorted()
                            .forEach(files::add);
                }
            } else if (Files.isRegularFile(path)) {
                if (!isJournal(path)) {
                    throw new IOException(path + " is not a tributary journal");
                }
                files.add(path);
            } else {
                throw new IOException(path + " does not exist");
            }
        }
        return new JournalReader(List.copyOf(files));
    }

    /** @see #open(List) */
    public static JournalReader open(Path... paths) throws IOException {
        return open(List.of(paths));
    }

    /** @return true if the file starts like a journal (gzip whose first line is the journal's magic line) */
    public static boolean isJournal(Path file) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            byte[] head = in.readNBytes(RecordFormat.MAGIC_LINE.length);
            return Arrays.equals(head, RecordFormat.MAGIC_LINE);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public boolean hasNext() {
        while (next == null) {
            try {
                if (in == null && !openNextFile()) {
                    return false;
                }
                next = readRecord();
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + currentFile + ": " + e.getMessage(), e);
            }
            if (next == null) {
                closeCurrent();
            }
        }
        return true;
    }

    @Override
    public JournalRecord next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        JournalRecord record = next;
        next = null;
        return record;
    }

    /** @return the files this reader reads, in order */
    public List<Path> files() {
        return files;
    }

    /** @return files that ended abruptly so far (see the class comment) */
    public long tornFiles() {
        return tornFiles;
    }

    @Override
    public void close() {
        closeCurrent();
        nextFile = files.size();
    }

    private boolean openNextFile() throws IOException {
        while (nextFile < files.size()) {
            currentFile = files.get(nextFile++);
            try {
                in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(currentFile), BUFFER_BYTES),
                        BUFFER_BYTES);
                byte[] magic = in.readNBytes(RecordFormat.MAGIC_LINE.length);
                if (Arrays.equals(magic, RecordFormat.MAGIC_LINE)) {
                    return true;
                }
                if (RecordFormat.MAGIC_LINE.length > magic.length && Arrays.equals(magic, 0, magic.length,
                        RecordFormat.MAGIC_LINE, 0, magic.length)) {
                    tornFiles++; // killed before the first flush completed
                    closeCurrent();
                    continue;
                }
                throw new IOException(currentFile + " is not a tributary journal");
            } catch (EOFException | ZipException e) {
                tornFiles++; // empty or cut inside the gzip header
                closeCurrent();
            }
        }
        return false;
    }

    /** @return the next record of the current file, or null at its end (clean or torn) */
    private JournalRecord readRecord() throws IOException {
        try {
            int length = 0;
            for (int b = in.read(); b != '\n'; b = in.read()) {
                if (b < 0) {
                    return length == 0 ? endOfFile() : torn();
                }
                if (length == header.length) {
                    return torn();
                }
                header[length++] = (byte) b;
            }
            String[] fields = new String(header, 0, length, StandardCharsets.US_ASCII).split(" ", -1);
            if (fields.length != 7) {
                return torn();
            }
            RecordKind kind = RecordKind.valueOf(fields[0]);
            int payloadLength = Integer.parseInt(fields[6]);
            if (payloadLength < 0 || payloadLength > RecordFormat.MAX_PAYLOAD_BYTES) {
                return torn();
            }
            byte[] payload = in.readNBytes(payloadLength);
            if (payload.length < payloadLength || in.read() != '\n') {
                return torn();
            }
            return new JournalRecord(Long.parseLong(fields[1]), kind, fields[2], Long.parseLong(fields[3]),
                    Long.parseLong(fields[4]), Long.parseLong(fields[5]), payload);
        } catch (EOFException | ZipException e) {
            return torn(); // gzip stream cut short: the writer died before the trailer
        } catch (IllegalArgumentException e) {
            return torn(); // a header cut or garbled where the writer died
        }
    }

    private JournalRecord endOfFile() {
        return null;
    }

    private JournalRecord torn() {
        tornFiles++;
        return null;
    }

    private void closeCurrent() {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // read-only; nothing to lose
            }
            in = null;
        }
    }
}
