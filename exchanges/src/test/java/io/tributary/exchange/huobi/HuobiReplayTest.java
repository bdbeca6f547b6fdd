package io.tributary.exchange.huobi;

import static org.assertj.core.api.Assertions.assertThat;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONObject;
import io.tributary.book.HuobiSequence;
import io.tributary.book.L2Book;
import io.tributary.book.SymbolBook;
import io.tributary.book.SyncState;
import io.tributary.exchange.Scales;
import io.tributary.exchange.huobi.HuobiDecoder.Kind;
import io.tributary.exchange.recording.RecordingEntry;
import io.tributary.exchange.testing.Replay;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Replays the recorded HTX sessions (gzip frames written as Python byte literals) through {@link HuobiDecoder} and
 * a {@link SymbolBook} per symbol: every {@code depth.step0} full book must carry a version ({@code mrid} on swaps)
 * above the symbol's previous one and must never be crossed; trades must all decode with a taker side. The
 * expected message counts are those of {@code shared/data/INDEX.md}.
 */
class HuobiReplayTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            huobi/cryptofeed-master/HUOBI.ws.44.0.gz      | 292  | 20 | 6
            huobi/cryptofeed-master/HUOBI_SWAP.ws.1.0.gz  | 1274 | 10 | 6
            huobi/cryptofeed-master/HUOBI_SWAP.ws.2.0.gz  | 1588 | 10 | 6
            """)
    void replaysDepthAndTrades(String file, int depthMessages, int acks, int pings) {
        HuobiDecoder decoder = new HuobiDecoder(Scales.of(10, 10));
        Map<String, SymbolBook> books = new HashMap<>();
        Map<String, Long> versions = new HashMap<>();
        Set<String> tradeIds = new HashSet<>();
        int depth = 0;
        int applied = 0;
        int decreasing = 0;
        int repeated = 0;
        int rejected = 0;
        int crossed = 0;
        int tradeMessages = 0;
        int trades = 0;
        int unknownSide = 0;
        int ackCount = 0;
        int pingCount = 0;
        for (RecordingEntry entry : Replay.load(file)) {
            assertThat(entry.binary()).as("every HTX frame is binary").isTrue();
            JSONObject message = JSON.parseObject(gunzip(entry.payload()));
            if (message.containsKey("ping")) {
                pingCount++;
                continue;
            }
            Kind kind = decoder.decode(message);
            switch (kind) {
                case DEPTH_SNAPSHOT -> {
                    depth++;
                    String symbol = decoder.update().symbol();
                    long version = decoder.update().lastUpdateId();
                    Long previous = versions.put(symbol, version);
                    if (previous != null && version < previous) {
                        decreasing++;
                    } else if (previous != null && version == previous) {
                        repeated++; // swaps: the same mrid again (INDEX.md: non-decreasing); spot must not
                    }
                    if (decoder.update().rejected()) {
                        rejected++;
                        continue;
                    }
                    SymbolBook book = books.computeIfAbsent(symbol, s -> new SymbolBook("huobi",
                            new L2Book(s, 10, 10), new HuobiSequence(), null, null));
                    book.onUpdate(decoder.update());
                    assertThat(book.state()).isEqualTo(SyncState.LIVE);
                    applied++;
                    if (book.book().isCrossed()) {
                        crossed++;
                    }
                }
                case TRADES -> {
                    tradeMessages++;
                    for (HuobiTrade trade : decoder.trades()) {
                        trades++;
                        tradeIds.add(trade.symbol() + ":" + trade.tradeId());
                        if (trade.aggressor() == io.tributary.model.event.Aggressor.UNKNOWN) {
                            unknownSide++;
                        }
                    }
                }
                case ACK -> ackCount++;
                default -> throw new AssertionError("unexpected " + kind + ": " + message);
            }
        }
        System.out.printf("%s: %d depth snapshots (%d applied, %d rejected: a size beyond 10 decimals or the long "
                        + "range), %d symbols, %d decreasing, %d repeated, %d crossed; %d trade messages, %d trades (%d "
                        + "distinct ids); %d acks, %d pings%n", file, depth, applied, rejected, books.size(),
                decreasing, repeated, crossed, tradeMessages, trades, tradeIds.size(), ackCount, pingCount);
        assertThat(depth).isEqualTo(depthMessages);
        assertThat(ackCount).isEqualTo(acks);
        assertThat(pingCount).isEqualTo(pings);
        assertThat(decreasing).isZero();
        if (!file.contains("SWAP")) {
            assertThat(repeated).as("spot versions strictly increase").isZero();
        }
        assertThat(crossed).isZero();
        assertThat(applied + rejected).isEqualTo(depth);
        assertThat(decoder.rejected()).isEqualTo(rejected);
        assertThat(trades).isPositive();
        assertThat(tradeIds).hasSize(trades);
        assertThat(unknownSide).isZero();
        books.values().forEach(book -> assertThat(book.counters().crossed()).isZero());
    }

    private static byte[] gunzip(byte[] gzip) {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
