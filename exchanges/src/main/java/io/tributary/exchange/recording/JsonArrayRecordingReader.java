package io.tributary.exchange.recording;

import io.tributary.exchange.recording.RecordingEntry.Kind;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a recording written as one JSON array of raw messages (nautilus_trader's {@code L3_feed.json}), streaming
 * one element at a time. Elements carry no receive time.
 */
public final class JsonArrayRecordingReader implements RecordingReader {

    private final InputStream in;
    private final ByteArrayOutputStream element = new ByteArrayOutputStream(256);
    private boolean started;
    private boolean finished;
    private long malformed;

    public JsonArrayRecordingReader(InputStream in) {
        this.in = in;
    }

    @Override
    public RecordingEntry next() throws IOException {
        if (finished) {
            return null;
        }
        if (!started) {
            int first = skipWhitespace();
            if (first != '[') {
                malformed++;
                finished = true;
                return null;
            }
            started = true;
        }
        int b = skipWhitespace();
        if (b == ']' || b < 0) {
            finished = true;
            return null;
        }
        element.reset();
        int depth = 0;
        boolean inString = false;
        while (b >= 0) {
            if (inString) {
                if (b == '\\') {
                    element.write(b);
                    b = in.read();
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '[' || b == '{') {
                depth++;
            } else if (b == ']' || b == '}') {
                if (depth == 0) {
                    finished = true; // the closing bracket of the outer array
                    break;
                }
                depth--;
            } else if (b == ',' && depth == 0) {
                break;
            }
            element.write(b);
            b = in.read();
        }
        if (b < 0 || depth != 0 || inString) {
            malformed++;
            finished = true;
            return null;
        }
        return new RecordingEntry(Kind.RECEIVED, RecordingEntry.NO_TIME, null, trimmed(element.toByteArray()), false);
    }

    private int skipWhitespace() throws IOException {
        int b;
        do {
            b = in.read();
        } while (b == ' ' || b == '\n' || b == '\r' || b == '\t');
        return b;
    }

    private static byte[] trimmed(byte[] bytes) {
        int end = bytes.length;
        while (end > 0 && (bytes[end - 1] == ' ' || bytes[end - 1] == '\n' || bytes[end - 1] == '\r'
                || bytes[end - 1] == '\t')) {
            end--;
        }
        return end == bytes.length ? bytes : Arrays.copyOf(bytes, end);
    }

    @Override
    public long malformed() {
        return malformed;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
