package io.tributary.sink.journal;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * One open journal file: gzip with a sync flush per batch, so everything flushed so far decodes even if the process
 * dies before the gzip trailer is written. Used by the writer thread only.
 */
final class JournalFile implements AutoCloseable {

    private static final int BUFFER_BYTES = 1 << 16;

    final Path path;
    final long openedNanos;
    private final CountingStream counted;
    private final OutputStream out;

    JournalFile(Path path, OutputStream file, long openedNanos) throws IOException {
        this.path = path;
        this.openedNanos = openedNanos;
        this.counted = new CountingStream(file);
        this.out = new BufferedOutputStream(new FastGzip(counted), BUFFER_BYTES);
        out.write(RecordFormat.MAGIC_LINE);
    }

    void write(byte[] header, byte[] payload) throws IOException {
        out.write(header);
        out.write(payload);
        out.write('\n');
    }

    /** Makes everything written so far decodable from the file (a gzip sync flush) and hands it to the OS. */
    void flush() throws IOException {
        out.flush();
    }

    /** @return compressed bytes in the file so far */
    long size() {
        return counted.count;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    /**
     * gzip at the fastest level: the one writer thread must keep up with every feed of the process, and market data
     * JSON still shrinks to a few percent of its size.
     */
    private static final class FastGzip extends GZIPOutputStream {
        FastGzip(OutputStream out) throws IOException {
            super(out, BUFFER_BYTES, true);
            def.setLevel(Deflater.BEST_SPEED);
        }
    }

    private static final class CountingStream extends FilterOutputStream {
        long count;

        CountingStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
