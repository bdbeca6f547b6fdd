package io.tributary.core.connection;

import io.tributary.core.error.BadInput;
import io.tributary.core.error.BadInputException;
import java.io.ByteArrayOutputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates compressed frames with a cap on the output, so a small hostile frame cannot expand into gigabytes. Not
 * thread-safe: one instance per event-loop thread (it reuses its {@link Inflater}).
 */
final class Inflate {

    private static final int GZIP_MAGIC = 0x8b1f;
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;

    private final Inflater gzipInflater = new Inflater(true);
    private final Inflater deflateInflater = new Inflater(true);
    private final byte[] chunk = new byte[16 * 1024];

    /**
     * @param compressed the frame payload
     * @param format     {@link Compression#GZIP} or {@link Compression#DEFLATE} (raw)
     * @param maxBytes   the largest inflated size accepted
     * @return the inflated bytes
     * @throws BadInputException {@link BadInput#INFLATED_TOO_LARGE} past the cap, {@link BadInput#CORRUPT_COMPRESSION}
     *                           for data that does not inflate
     */
    byte[] inflate(byte[] compressed, Compression format, int maxBytes) {
        Inflater inflater;
        int offset;
        if (format == Compression.GZIP) {
            inflater = gzipInflater;
            offset = gzipHeaderLength(compressed);
        } else if (format == Compression.DEFLATE) {
            inflater = deflateInflater;
            offset = 0;
        } else {
            throw new IllegalArgumentException("not a compression: " + format);
        }
        inflater.reset();
        inflater.setInput(compressed, offset, compressed.length - offset);
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.min(maxBytes, Math.max(256, compressed.length * 4)));
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    if (format == Compression.DEFLATE && inflater.needsInput()) {
                        break; // raw deflate streams may end without a final block marker
                    }
                    throw new BadInputException(BadInput.CORRUPT_COMPRESSION, "truncated " + format + " frame of "
                            + compressed.length + " bytes");
                }
                if (out.size() + n > maxBytes) {
                    throw new BadInputException(BadInput.INFLATED_TOO_LARGE, format + " frame of " + compressed.length
                            + " bytes inflates past the cap of " + maxBytes + " bytes");
                }
                out.write(chunk, 0, n);
            }
        } catch (DataFormatException e) {
            throw new BadInputException(BadInput.CORRUPT_COMPRESSION, format + " frame does not inflate: "
                    + e.getMessage());
        }
        return out.toByteArray();
    }

    /** @return the length of the gzip member header (RFC 1952), validating what matters */
    private static int gzipHeaderLength(byte[] data) {
        if (data.length < 10 || ((data[0] & 0xFF) | (data[1] & 0xFF) << 8) != GZIP_MAGIC || data[2] != 8) {
            throw new BadInputException(BadInput.CORRUPT_COMPRESSION, "not a gzip frame (" + data.length + " bytes)");
        }
        int flags = data[3] & 0xFF;
        int offset = 10;
        if ((flags & FEXTRA) != 0) {
            offset = need(data, offset + 2);
            offset += (data[offset - 2] & 0xFF) | (data[offset - 1] & 0xFF) << 8;
        }
        if ((flags & FNAME) != 0) {
            offset = skipZeroTerminated(data, offset);
        }
        if ((flags & FCOMMENT) != 0) {
            offset = skipZeroTerminated(data, offset);
        }
        if ((flags & FHCRC) != 0) {
            offset += 2;
        }
        return need(data, offset);
    }

    private static int skipZeroTerminated(byte[] data, int offset) {
        int i = offset;
        while (i < data.length && data[i] != 0) {
            i++;
        }
        return need(data, i + 1);
    }

    private static int need(byte[] data, int offset) {
        if (offset > data.length) {
            throw new BadInputException(BadInput.CORRUPT_COMPRESSION, "truncated gzip header");
        }
        return offset;
    }
}
