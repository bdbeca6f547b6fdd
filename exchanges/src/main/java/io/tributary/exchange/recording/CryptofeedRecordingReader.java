package io.tributary.exchange.recording;

import io.tributary.exchange.recording.RecordingEntry.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads cryptofeed's raw recording format, one event per line:
 * <pre>
 * configuration: {...}
 * wss://url &lt;-&gt; 1617666422.653664                 connect
 * wss://url &lt;- 1617666423.123373: {...}              sent
 * 1617666423.1245198: {...}                         received (or b'...' Python bytes literal: binary)
 * https://url -&gt; 1617647797.9072561: {...}          REST response
 * </pre>
 */
public final class CryptofeedRecordingReader implements RecordingReader {

    private static final byte[] CONFIGURATION = "configuration: ".getBytes(StandardCharsets.US_ASCII);

    private final LineInput lines;
    private long malformed;

    public CryptofeedRecordingReader(InputStream in) {
        this.lines = new LineInput(in);
    }

    @Override
    public RecordingEntry next() throws IOException {
        while (lines.next()) {
            RecordingEntry entry = parse(lines.bytes(), lines.length());
            if (entry != null) {
                return entry;
            }
            if (lines.length() > 0) {
                malformed++;
            }
        }
        return null;
    }

    static RecordingEntry parse(byte[] line, int length) {
        if (length == 0) {
            return null;
        }
        if (startsWith(line, length, CONFIGURATION)) {
            return new RecordingEntry(Kind.CONFIGURATION, RecordingEntry.NO_TIME, null,
                    Arrays.copyOfRange(line, CONFIGURATION.length, length), false);
        }
        if (line[0] >= '0' && line[0] <= '9') {
            return timedPayload(Kind.RECEIVED, null, line, 0, length);
        }
        int space = indexOf(line, 0, length, (byte) ' ');
        if (space < 0) {
            return null;
        }
        String url = new String(line, 0, space, StandardCharsets.US_ASCII);
        int rest = space + 1;
        if (matches(line, length, rest, "<-> ")) {
            long nanos = EpochText.secondsToNanos(line, rest + 4, length);
            return nanos == EpochText.INVALID ? null
                    : new RecordingEntry(Kind.CONNECT, nanos, url, new byte[0], false);
        }
        if (matches(line, length, rest, "<- ")) {
            return timedPayload(Kind.SENT, url, line, rest + 3, length);
        }
        if (matches(line, length, rest, "-> ")) {
            return timedPayload(Kind.REST, url, line, rest + 3, length);
        }
        return null;
    }

    /** {@code <seconds>: <payload>} starting at {@code from}. */
    private static RecordingEntry timedPayload(Kind kind, String url, byte[] line, int from, int length) {
        int colon = indexOf(line, from, length, (byte) ':');
        if (colon < 0 || colon + 1 >= length || line[colon + 1] != ' ') {
            return null;
        }
        long nanos = EpochText.secondsToNanos(line, from, colon);
        if (nanos == EpochText.INVALID) {
            return null;
        }
        int start = colon + 2;
        if (length - start >= 3 && line[start] == 'b' && (line[start + 1] == '\'' || line[start + 1] == '"')) {
            byte[] bytes = PythonBytesLiteral.decode(line, start, length);
            return bytes == null ? null : new RecordingEntry(kind, nanos, url, bytes, true);
        }
        return new RecordingEntry(kind, nanos, url, Arrays.copyOfRange(line, start, length), false);
    }

    private static boolean startsWith(byte[] line, int length, byte[] prefix) {
        return length >= prefix.length && Arrays.equals(line, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static boolean matches(byte[] line, int length, int at, String token) {
        if (length - at < token.length()) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            if (line[at + i] != token.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] line, int from, int to, byte b) {
        for (int i = from; i < to; i++) {
            if (line[i] == b) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public long malformed() {
        return malformed;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }

    /** Decodes a Python {@code b'...'} literal as written by {@code repr(bytes)}. */
    static final class PythonBytesLiteral {

        private PythonBytesLiteral() {
        }

        /** Returns the decoded bytes, or {@code null} if the literal is malformed. */
        static byte[] decode(byte[] line, int from, int to) {
            byte quote = line[from + 1];
            if (line[to - 1] != quote || to - from < 3) {
                return null;
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
            int i = from + 2;
            int end = to - 1;
            while (i < end) {
                byte b = line[i++];
                if (b != '\\') {
                    out.write(b);
                    continue;
                }
                if (i >= end) {
                    return null;
                }
                byte escape = line[i++];
                switch (escape) {
                    case 'x' -> {
                        if (i + 2 > end) {
                            return null;
                        }
                        int hi = Character.digit(line[i], 16);
                        int lo = Character.digit(line[i + 1], 16);
                        if (hi < 0 || lo < 0) {
                            return null;
                        }
                        out.write(hi << 4 | lo);
                        i += 2;
                    }
                    case 'n' -> out.write('\n');
                    case 'r' -> out.write('\r');
                    case 't' -> out.write('\t');
                    case '\\', '\'', '"' -> out.write(escape);
                    default -> {
                        return null;
                    }
                }
            }
            return out.toByteArray();
        }
    }
}
