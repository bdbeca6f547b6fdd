package io.tributary.core.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.error.BadInput;
import io.tributary.core.error.BadInputException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Backoff, the sliding-window limiter, UTF-8 validation and capped inflation. */
class SmallPartsTest {

    @Test
    void backoffDoublesUpToTheCapWithJitterInTheUpperHalf() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(60));
        List<Long> low = new ArrayList<>();
        List<Long> high = new ArrayList<>();
        for (int attempt = 0; attempt < 8; attempt++) {
            low.add(backoff.delayNanos(attempt, () -> 0.0) / 1_000_000);
            high.add(backoff.delayNanos(attempt, () -> 0.999999) / 1_000_000);
        }
        assertThat(low).containsExactly(50L, 100L, 200L, 400L, 500L, 500L, 500L, 500L);
        assertThat(high).containsExactly(99L, 199L, 399L, 799L, 999L, 999L, 999L, 999L);
        assertThat(backoff.delayNanos(Integer.MAX_VALUE, () -> 0.5)).isBetween(500_000_000L, 1_000_000_000L);
    }

    @Test
    void slidingWindowAllowsABurstThenSpacesGrantsByThePeriod() {
        SlidingWindowLimiter limiter = new SlidingWindowLimiter(Rate.perSecond(5));
        long nowNs = 1_000_000_000L;
        List<Long> delaysMs = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            delaysMs.add(limiter.reserve(nowNs) / 1_000_000);
        }
        assertThat(delaysMs).containsExactly(0L, 0L, 0L, 0L, 0L, 1000L, 1000L, 1000L, 1000L, 1000L, 2000L, 2000L);
        // after the window has passed, permits are free again
        assertThat(limiter.reserve(nowNs + 10_000_000_000L)).isZero();
    }

    @Test
    void validatesUtf8() {
        assertThat(Utf8.isValid("plain ascii {\"a\":1}".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(Utf8.isValid("é € 𝄞 中".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(Utf8.isValid(new byte[0])).isTrue();
        assertThat(Utf8.isValid(new byte[] {(byte) 0xC3, 0x28})).as("bad continuation").isFalse();
        assertThat(Utf8.isValid(new byte[] {(byte) 0xC0, (byte) 0xAF})).as("overlong /").isFalse();
        assertThat(Utf8.isValid(new byte[] {(byte) 0xE0, (byte) 0x80, (byte) 0xAF})).as("overlong 3-byte").isFalse();
        assertThat(Utf8.isValid(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})).as("surrogate").isFalse();
        assertThat(Utf8.isValid(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80})).as("> U+10FFFF").isFalse();
        assertThat(Utf8.isValid(new byte[] {'a', (byte) 0xE2, (byte) 0x82})).as("truncated").isFalse();
        assertThat(Utf8.isValid(new byte[] {(byte) 0x80})).as("lone continuation").isFalse();
        assertThat(Utf8.isValid(new byte[] {(byte) 0xFF})).isFalse();
    }

    @Test
    void inflatesGzipAndRawDeflateUnderACap() throws Exception {
        Inflate inflate = new Inflate();
        byte[] json = "{\"ch\":\"market.btcusdt.mbp.150\",\"ts\":1}".getBytes(StandardCharsets.UTF_8);
        assertThat(inflate.inflate(gzip(json), Compression.GZIP, 1024)).isEqualTo(json);
        assertThat(inflate.inflate(deflate(json), Compression.DEFLATE, 1024)).isEqualTo(json);
        // reusable after a failure
        byte[] bomb = gzip(new byte[1_000_000]);
        assertThat(bomb.length).isLessThan(2_000);
        assertThatThrownBy(() -> inflate.inflate(bomb, Compression.GZIP, 100_000))
                .isInstanceOfSatisfying(BadInputException.class,
                        e -> assertThat(e.kind()).isEqualTo(BadInput.INFLATED_TOO_LARGE));
        assertThat(inflate.inflate(gzip(json), Compression.GZIP, json.length)).isEqualTo(json);
        byte[] truncated = java.util.Arrays.copyOf(gzip(json), 15);
        assertThatThrownBy(() -> inflate.inflate(truncated, Compression.GZIP, 1024))
                .isInstanceOfSatisfying(BadInputException.class,
                        e -> assertThat(e.kind()).isEqualTo(BadInput.CORRUPT_COMPRESSION));
        assertThatThrownBy(() -> inflate.inflate(new byte[] {1, 2, 3}, Compression.GZIP, 1024))
                .isInstanceOfSatisfying(BadInputException.class,
                        e -> assertThat(e.kind()).isEqualTo(BadInput.CORRUPT_COMPRESSION));
    }

    private static byte[] gzip(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        }
        return out.toByteArray();
    }

    private static byte[] deflate(byte[] data) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (DeflaterOutputStream deflate = new DeflaterOutputStream(out, new Deflater(Deflater.DEFAULT_COMPRESSION, true))) {
            deflate.write(data);
        }
        return out.toByteArray();
    }
}
