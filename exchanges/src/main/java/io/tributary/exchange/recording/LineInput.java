package io.tributary.exchange.recording;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/** Reads lines of bytes (without the line terminator) from a stream; lines may be of any length. */
final class LineInput {

    private final InputStream in;
    private byte[] line = new byte[8192];
    private int length;

    LineInput(InputStream in) {
        this.in = in;
    }

    /** Reads the next line into {@link #bytes()}; returns false at the end of the stream. */
    boolean next() throws IOException {
        length = 0;
        int b;
        while ((b = in.read()) >= 0) {
            if (b == '\n') {
                trimCarriageReturn();
                return true;
            }
            if (length == line.length) {
                line = Arrays.copyOf(line, line.length * 2);
            }
            line[length++] = (byte) b;
        }
        trimCarriageReturn();
        return length > 0;
    }

    private void trimCarriageReturn() {
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
    }

    /** The current line's buffer; valid up to {@link #length()} until the next call to {@link #next()}. */
    byte[] bytes() {
        return line;
    }

    int length() {
        return length;
    }

    void close() throws IOException {
        in.close();
    }
}
