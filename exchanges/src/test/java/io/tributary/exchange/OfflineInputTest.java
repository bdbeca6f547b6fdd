package io.tributary.exchange;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import io.tributary.book.BookView;
import io.tributary.core.stream.ConsumerStream;
import io.tributary.core.stream.Overflow;
import io.tributary.core.stream.StreamOptions;
import io.tributary.exchange.binance.BinanceConnector;
import io.tributary.exchange.binance.BinanceMarket;
import io.tributary.exchange.bitstamp.BitstampConnector;
import io.tributary.exchange.huobi.HuobiConnector;
import io.tributary.exchange.recording.RecordingEntry;
import io.tributary.exchange.recording.RecordingReader;
import io.tributary.exchange.recording.Recordings;
import io.tributary.exchange.testing.SharedData;
import io.tributary.model.Side;
import io.tributary.model.event.BookGap;
import io.tributary.model.event.MarketEvent;
import io.tributary.model.event.Trade;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Recorded sessions pushed through the connectors' offline input: the events a live run would have produced. */
class OfflineInputTest {

    /** Pushes a recording, collecting every event; returns them once the input is closed. */
    private static List<MarketEvent> push(RecordedInput input, Path file) throws Exception {
        ConsumerStream<MarketEvent> stream = input.connector().stream(null,
                StreamOptions.of(1 << 20, Overflow.DISCONNECT));
        CompletableFuture<List<MarketEvent>> collected = CompletableFuture.supplyAsync(() -> {
            List<MarketEvent> all = new ArrayList<>();
            stream.forEach(all::add);
            return all;
        });
        String socket = null;
        long connection = 0;
        try (RecordingReader reader = Recordings.open(file)) {
            for (RecordingEntry e = reader.next(); e != null; e = reader.next()) {
                switch (e.kind()) {
                    case CONNECT -> {
                        socket = e.url();
                        connection++;
                    }
                    case RECEIVED -> input.frame(socket, connection, e.payload(), e.binary(), e.receivedNanos());
                    case REST -> input.rest(e.url(), e.payload(), e.receivedNanos());
                    default -> { }
                }
            }
        }
        input.close();
        return collected.join();
    }

    private static List<JSONObject> receivedJson(Path file) throws IOException {
        List<JSONObject> messages = new ArrayList<>();
        try (RecordingReader reader = Recordings.open(file)) {
            for (RecordingEntry e = reader.next(); e != null; e = reader.next()) {
                if (e.kind() == RecordingEntry.Kind.RECEIVED && !e.binary()) {
                    messages.add(JSON.parseObject(e.text()));
                }
            }
        }
        return messages;
    }

    private static long[] timeSpan(Path file) throws IOException {
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        try (RecordingReader reader = Recordings.open(file)) {
            for (RecordingEntry e = reader.next(); e != null; e = reader.next()) {
                if (e.receivedNanos() != RecordingEntry.NO_TIME) {
                    first = Math.min(first, e.receivedNanos());
                    last = Math.max(last, e.receivedNanos());
                }
            }
        }
        return new long[] {first, last};
    }

    private static Map<String, Long> tradesBySymbol(List<MarketEvent> events) {
        return events.stream().filter(Trade.class::isInstance)
                .collect(Collectors.groupingBy(MarketEvent::symbol, TreeMap::new, Collectors.counting()));
    }

    @Test
    void binanceSessionWithInlineSnapshotsComesOutAsLive() throws Exception {
        Path file = SharedData.file("binance/cryptofeed-1312c06/BINANCE-b38f7c.0.gz");
        RecordedInput input = BinanceConnector.builder(BinanceMarket.SPOT).buildOffline();
        BinanceConnector connector = (BinanceConnector) input.connector();

        List<MarketEvent> events = push(input, file);

        Map<String, Long> expected = new TreeMap<>();
        for (JSONObject message : receivedJson(file)) {
            JSONObject data = message.getJSONObject("data");
            if (data != null && "aggTrade".equals(data.getString("e"))) {
                expected.merge(data.getString("s"), 1L, Long::sum);
            }
        }
        assertThat(expected).isNotEmpty();
        assertThat(tradesBySymbol(events)).isEqualTo(expected);
        assertThat(events).noneMatch(BookGap.class::isInstance);
        assertThat(connector.symbolStats()).hasSize(10);
        connector.symbolStats().values().forEach(stats -> assertThat(stats.state()).isEqualTo(io.tributary.book.SyncState.LIVE));
        assertThat(input.stats().snapshotsApplied()).isEqualTo(10);
        assertThat(input.stats().requestsUnanswered()).isZero();
        long[] span = timeSpan(file);
        assertThat(events).allSatisfy(event -> assertThat(event.receivedNs()).isBetween(span[0], span[1]));
    }

    @Test
    void bitstampSnapshotsAreTakenFromTheRecordedRestAnswers() throws Exception {
        Path file = SharedData.file("bitstamp/cryptofeed-1312c06/BITSTAMP-b88f8b.0.gz");
        RecordedInput input = BitstampConnector.builder().buildOffline();

        List<MarketEvent> events = push(input, file);

        Map<String, Long> expected = new TreeMap<>();
        for (JSONObject message : receivedJson(file)) {
            if ("trade".equals(message.getString("event"))) {
                expected.merge(message.getString("channel").substring("live_trades_".length()), 1L, Long::sum);
            }
        }
        assertThat(tradesBySymbol(events)).isEqualTo(expected);
        assertThat(input.stats().snapshotsApplied()).isEqualTo(10);
        assertThat(input.stats().requestsUnanswered()).isZero();
        for (String symbol : List.of("btcusdc", "xlmeur")) {
            BookView book = input.connector().book(symbol).orElseThrow();
            assertThat(book.price(Side.BID, 0)).isLessThan(book.price(Side.ASK, 0));
        }
    }

    @Test
    void htxCompressedFramesKeepFullBooks() throws Exception {
        Path file = SharedData.file("huobi/cryptofeed-master/HUOBI.ws.44.0.gz");
        RecordedInput input = HuobiConnector.builder().buildOffline();

        List<MarketEvent> events = push(input, file);

        assertThat(input.stats().framesDelivered()).isPositive();
        assertThat(input.connector().symbolStats()).isNotEmpty();
        assertThat(events).anyMatch(Trade.class::isInstance);
        long[] span = timeSpan(file);
        assertThat(events).allSatisfy(event -> assertThat(event.receivedNs()).isBetween(span[0], span[1]));
    }
}
