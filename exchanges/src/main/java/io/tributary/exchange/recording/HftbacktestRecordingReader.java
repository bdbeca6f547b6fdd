package io.tributary.exchange.recording;

import io.tributary.exchange.recording.RecordingEntry.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads hftbacktest's Binance collector format: {@code <local receive time> <raw JSON>} per line, the time in
 * nanoseconds (2024 files) or microseconds (2023 {@code .dat} files). Messages use the combined-stream envelope;
 * the REST depth snapshot is an inline bare JSON line, reported as {@link Kind#REST} without a URL.
 */
public final class HftbacktestRecordingReader implements RecordingReader {

    private static final byte[] ENVELOPE = "{\"stream\":".getBytes(StandardCharsets.US_ASCII);

    private final LineInput lines;
    private long malformed;

    public HftbacktestRecordingReader(InputStream in) {
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
        int space = 0;
        while (space < length && line[space] != ' ') {
            space++;
        }
        if (space == length || space + 1 == length) {
            return null;
        }
        long nanos = EpochText.integerToNanos(line, 0, space);
        if (nanos == EpochText.INVALID) {
            return null;
        }
        byte[] payload = Arrays.copyOfRange(line, space + 1, length);
        return new RecordingEntry(isEnvelope(payload) ? Kind.RECEIVED : Kind.REST, nanos, null, payload, false);
    }

    /** Stream messages come in the {@code {"stream":...,"data":...}} envelope; the inline snapshot does not. */
    private static boolean isEnvelope(byte[] payload) {
        return payload.length > ENVELOPE.length && Arrays.equals(payload, 0, ENVELOPE.length, ENVELOPE, 0, ENVELOPE.length);
    }

    @Override
    public long malformed() {
        return malformed;
    }

    @Override
    public void close() throws IOException {
        lines.close();
    }
}
