package io.tributary.exchange.recording;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Opens recordings: gzip or plain by file name, format by the first byte of content. */
public final class Recordings {

    private static final int BUFFER_BYTES = 1 << 16;

    private Recordings() {
    }

    /**
     * Opens a recording in whichever of the known formats it is written: a nautilus JSON array (starts with
     * {@code [}), an hftbacktest file (starts with a digit-only timestamp followed by a space), otherwise a cryptofeed
     * raw recording.
     */
    public static RecordingReader open(Path file) throws IOException {
        InputStream in = openStream(file);
        try {
            in.mark(64);
            byte[] head = in.readNBytes(64);
            in.reset();
            return switch (formatOf(head)) {
                case NAUTILUS_JSON_ARRAY -> new JsonArrayRecordingReader(in);
                case HFTBACKTEST -> new HftbacktestRecordingReader(in);
                case CRYPTOFEED -> new CryptofeedRecordingReader(in);
            };
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** The file's bytes, gunzipped when its name ends in {@code .gz}. */
    public static InputStream openStream(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        if (file.getFileName().toString().endsWith(".gz")) {
            return new BufferedInputStream(new GZIPInputStream(raw, BUFFER_BYTES), BUFFER_BYTES);
        }
        return new BufferedInputStream(raw, BUFFER_BYTES);
    }

    enum Format { CRYPTOFEED, HFTBACKTEST, NAUTILUS_JSON_ARRAY }

    static Format formatOf(byte[] head) {
        int i = 0;
        while (i < head.length && Character.isWhitespace(head[i])) {
            i++;
        }
        if (i < head.length && head[i] == '[') {
            return Format.NAUTILUS_JSON_ARRAY;
        }
        int digits = 0;
        while (i < head.length && head[i] >= '0' && head[i] <= '9') {
            i++;
            digits++;
        }
        return digits > 0 && i < head.length && head[i] == ' ' ? Format.HFTBACKTEST : Format.CRYPTOFEED;
    }
}
