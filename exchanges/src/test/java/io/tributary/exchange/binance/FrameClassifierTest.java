package io.tributary.exchange.binance;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.connection.Inbound;
import io.tributary.core.connection.RawMessage;
import io.tributary.exchange.recording.RecordingEntry;
import io.tributary.exchange.testing.Replay;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The socket thread's fast classification must give exactly the full parse's verdict whenever it answers, on real
 * recorded frames and on frames built to trip it.
 */
class FrameClassifierTest {

    private final BinanceProtocol protocol = new BinanceProtocol(URI.create("ws://127.0.0.1:1"));

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "binance/cryptofeed-1312c06/BINANCE-b38f7c.0.gz",
            "binance/cryptofeed-1312c06/BINANCE_FUTURES-1125a2.0.gz",
            "binance/cryptofeed-master/BINANCE.ws.1.0",
            "binance/cryptofeed-master/BINANCE_DELIVERY.ws.1.0.gz",
            "binance/hftbacktest/spot/btcusdt_20240808.gz",
            "binance/hftbacktest/usdm/btcusdt_20240808.gz"})
    void agreesWithTheFullParseOnRecordedFrames(String file) {
        long frames = 0;
        long fast = 0;
        java.util.List<String> slow = new java.util.ArrayList<>();
        for (RecordingEntry entry : Replay.load(file)) {
            if (entry.kind() == RecordingEntry.Kind.REST) {
                continue;
            }
            frames++;
            Inbound verdict = new FrameClassifier().classify(entry.payload());
            if (verdict != null) {
                fast++;
                assertThat(verdict).isEqualTo(protocol.inspectParsed(message(entry.payload())));
            } else if (slow.size() < 3) {
                slow.add(new String(entry.payload(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        assertThat(frames).isPositive();
        assertThat(fast).as("frames classified on the fast path; some left to the full parse: %s", slow).isGreaterThan(frames / 2);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"stream\":\"btcusdt@depth\",\"data\":{\"e\":\"depthUpdate\",\"E\":1,\"s\":\"BTCUSDT\",\"U\":5,\"u\":7,"
                    + "\"b\":[[\"1.0\",\"2\"]],\"a\":[]}}",
            " {\"stream\" : \"x\" , \"data\" : { \"e\" : \"trade\" , \"s\" : \"ETHUSDT\" , \"t\" : 12 } } ",
            "{\"stream\":\"x\",\"data\":{\"e\":\"aggTrade\",\"s\":\"ETHUSDT\",\"a\":99,\"p\":\"1\"}}",
            "{\"stream\":\"x\",\"data\":{\"u\":400900217,\"s\":\"BNBUSDT\",\"b\":\"25.35\",\"B\":\"31.21\"}}",
            "{\"data\":{\"e\":\"depthUpdate\",\"s\":\"BTCUSDT\",\"u\":7,\"b\":[]},\"stream\":\"z\"}",
            // left to the full parse, which must still answer:
            "{\"stream\":\"x\",\"data\":{\"e\":\"depthUpdate\",\"s\":\"BTCUSDT\",\"u\":\"7\"}}",
            "{\"stream\":\"x\",\"data\":{\"e\":\"depthUpdate\",\"s\":\"BTCUSDT\",\"u\":7.5}}",
            "{\"stream\":\"x\",\"data\":{\"e\":\"depthUpdate\",\"u\":7}}",
            "{\"stream\":\"x\",\"data\":{\"e\":\"depthUpdate\",\"s\":\"BTC\\u0055SDT\",\"u\":7}}",
            "{\"stream\":\"x\",\"data\":{\"e\":\"depthUpdate\",\"s\":\"BTCUSDT\",\"u\":7}",
            "{\"stream\":\"x\",\"data\":{\"e\":\"depthUpdate\",\"s\":\"BTCUSDT\",\"u\":7}} trailing",
            "{\"stream\":\"x\",\"data\":{\"e\":\"serverShutdown\",\"E\":1}}",
            "{\"stream\":\"x\",\"data\":{\"e\":\"kline\",\"s\":\"BTCUSDT\",\"k\":{\"t\":1}}}",
            "{\"stream\":\"x\",\"data\":[1,2]}",
            "{\"e\":\"depthUpdate\",\"s\":\"BTCUSDT\",\"u\":7}",
            "{\"result\":null,\"id\":1}",
            "{\"code\":2,\"msg\":\"Invalid request\",\"id\":1}",
            "[]",
            "{\"stream\":\"x\",\"data\":{\"e\":\"depthUpdate\",\"s\":\"BTCUSDT\",\"u\":7,\"b\":[[\"1\",\"2\"]"})
    void answersOnlyWhatTheFullParseWouldAnswer(String frame) {
        byte[] bytes = frame.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Object expected = verdictOrFailure(() -> protocol.inspectParsed(message(bytes)));
        Inbound fast = new FrameClassifier().classify(bytes);
        if (fast != null) {
            assertThat(fast).isEqualTo(expected);
        }
        assertThat(verdictOrFailure(() -> protocol.inspect(message(bytes)))).isEqualTo(expected);
    }

    /** The verdict, or for a frame that is not JSON at all the kind of bad input the feed counts. */
    private static Object verdictOrFailure(java.util.function.Supplier<Inbound> inspection) {
        try {
            return inspection.get();
        } catch (io.tributary.core.error.BadInputException e) {
            return e.kind();
        }
    }

    @Test
    void classifiesTheHotFramesWithoutParsing() {
        RawMessage depth = message(("{\"stream\":\"btcusdt@depth\",\"data\":{\"e\":\"depthUpdate\",\"E\":1,"
                + "\"s\":\"BTCUSDT\",\"U\":5,\"u\":7,\"b\":[[\"1.0\",\"2\"]],\"a\":[]}}").getBytes());
        assertThat(protocol.inspect(depth)).isEqualTo(Inbound.data("depth:BTCUSDT", 7));
        RawMessage ticker = message(("{\"stream\":\"bnbusdt@bookTicker\",\"data\":{\"u\":400900217,\"s\":\"BNBUSDT\","
                + "\"b\":\"25.35\",\"B\":\"31.21\",\"a\":\"25.36\",\"A\":\"40.66\"}}").getBytes());
        assertThat(new FrameClassifier().classify(ticker.bytes()))
                .isEqualTo(Inbound.data("bookTicker:BNBUSDT", 400900217));
    }

    private static RawMessage message(byte[] bytes) {
        return new RawMessage(1, 1, 0, 0, false, bytes);
    }
}
