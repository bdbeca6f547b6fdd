package io.tributary.core.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.error.BadInput;
import io.tributary.core.time.ManualNanoClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** Recorded frames through the feed's inbound steps, without a socket. */
class RecordedFramesTest {

    private final List<RawMessage> delivered = new ArrayList<>();

    private RecordedFrames frames(TestProtocol protocol) {
        return new RecordedFrames("recorded", protocol, 1024, new ManualNanoClock(), delivered::add);
    }

    private static byte[] text(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    private static String data(long seq) {
        return "{\"type\":\"data\",\"channel\":\"btc\",\"seq\":" + seq + "}";
    }

    @Test
    void deliversDataInOrderWithTheRecordedTimesAndFeedNumbers() {
        RecordedFrames frames = frames(new TestProtocol(URI.create("ws://recorded")));

        assertThat(frames.offer(1, text(data(1)), false, 1_000)).isTrue();
        assertThat(frames.offer(1, text("{\"ping\":7}"), false, 2_000)).isFalse(); // nobody to answer
        assertThat(frames.offer(1, text("{\"type\":\"ack\"}"), false, 3_000)).isTrue();
        assertThat(frames.offer(1, text(data(2)), false, 4_000)).isTrue();

        assertThat(delivered).extracting(RawMessage::sequence).containsExactly(1L, 2L, 3L);
        assertThat(delivered).extracting(RawMessage::receivedEpochNanos).containsExactly(1_000L, 3_000L, 4_000L);
        assertThat(delivered.get(2).text()).isEqualTo(data(2));
        assertThat(frames.offered()).isEqualTo(4);
        assertThat(frames.delivered()).isEqualTo(3);
    }

    @Test
    void theOverlapOfARecordedRotationIsDeliveredOnce() {
        RecordedFrames frames = frames(new TestProtocol(URI.create("ws://recorded")));

        frames.offer(1, text(data(1)), false, 1);
        frames.offer(1, text(data(2)), false, 2);
        frames.offer(2, text(data(2)), false, 3); // the new socket repeats what the old one delivered
        frames.offer(1, text(data(3)), false, 4);
        frames.offer(2, text(data(3)), false, 5);
        frames.offer(2, text(data(4)), false, 6);

        assertThat(delivered).extracting(RawMessage::text).containsExactly(data(1), data(2), data(3), data(4));
        assertThat(frames.duplicates()).isEqualTo(2);
    }

    @Test
    void compressedFramesAreInflatedAndBadOnesCounted() throws IOException {
        RecordedFrames frames = frames(new TestProtocol(URI.create("ws://recorded")).compression(Compression.GZIP));
        ByteArrayOutputStream gzipped = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gzipped)) {
            out.write(text(data(1)));
        }

        assertThat(frames.offer(1, gzipped.toByteArray(), true, 1)).isTrue();
        assertThat(frames.offer(1, text("not gzip"), true, 2)).isFalse();
        assertThat(frames.offer(1, new byte[] {(byte) 0xC3, 0x28}, false, 3)).isFalse();
        assertThat(frames.offer(1, text("{\"type\":\"liquidation\"}"), false, 4)).isFalse();

        assertThat(delivered).singleElement().satisfies(message -> {
            assertThat(message.binary()).isFalse();
            assertThat(message.text()).isEqualTo(data(1));
        });
        assertThat(frames.badInput()).isEqualTo(Map.of(BadInput.CORRUPT_COMPRESSION, 1L, BadInput.INVALID_UTF8, 1L,
                BadInput.UNKNOWN_MESSAGE, 1L));
    }
}
