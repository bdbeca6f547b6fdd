package io.tributary.cli;

import com.alibaba.fastjson2.JSON;
import com.alibaba.fastjson2.JSONArray;
import com.alibaba.fastjson2.JSONException;
import com.alibaba.fastjson2.JSONObject;
import io.tributary.book.L2Update;
import io.tributary.book.SymbolBook;
import io.tributary.book.SyncState;
import io.tributary.exchange.Scales;
import io.tributary.exchange.SymbolBooks;
import io.tributary.exchange.huobi.HuobiConnector;
import io.tributary.exchange.huobi.HuobiDecoder;
import io.tributary.exchange.huobi.HuobiDecoder.Kind;
import io.tributary.exchange.huobi.HuobiTrade;
import io.tributary.exchange.recording.RecordingEntry;
import io.tributary.model.GapReason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPInputStream;

/**
 * HTX: gzip frames inflated (with the connector's cap), decoded by {@link HuobiDecoder} and kept in books built and
 * fed as {@code HuobiConnector} builds and feeds them: MBP increments chained by {@code prevSeqNum} after their
 * {@code req} snapshot, {@code depth.step0} full books taken only when newer than the book. The replay's own check:
 * a symbol's full-book versions rise strictly (spot {@code version}); swaps' {@code mrid} may repeat, never fall.
 */
final class HuobiReplay implements BookReplay {

    /** The connector's default cap on one inflated frame. */
    private static final int MAX_INFLATED_BYTES = 4 << 20;

    /** What the replay counts for one symbol beyond its book's counters. */
    private static final class Tally {
        long lastVersion = L2Update.NONE;
        long versionSteps;
        long versionFailures;
        boolean swap;
        boolean mbp;
        final Set<String> tradeIds = new HashSet<>();
        long duplicateTrades;
    }

    private final HuobiDecoder decoder;
    private final SymbolBooks books;
    private final Map<String, Tally> tallies = new HashMap<>();
    private final List<String> notes;
    private long damagedFrames;

    private HuobiReplay(Scales scales, List<String> notes) {
        this.notes = notes;
        this.decoder = new HuobiDecoder(scales);
        this.books = new SymbolBooks("huobi", HuobiConnector.bookRules(scales), NO_REQUESTS, null, true);
    }

    /** A replay whose scales fit the session's books (a first pass reads every level of every book message). */
    static HuobiReplay of(List<RecordingEntry> entries) {
        ObservedScales observed = new ObservedScales();
        for (RecordingEntry entry : entries) {
            if (entry.kind() == RecordingEntry.Kind.RECEIVED) {
                JSONObject message = parse(entry.payload(), entry.binary());
                if (message != null) {
                    observe(message, observed);
                }
            }
        }
        return new HuobiReplay(observed.scales(Scales.of(10, 10)), observed.misfits());
    }

    private static void observe(JSONObject message, ObservedScales observed) {
        String topic = message.containsKey("ch") ? message.getString("ch") : message.getString("rep");
        Object book = message.containsKey("tick") ? message.get("tick") : message.get("data");
        if (topic == null || !topic.startsWith("market.") || !(book instanceof JSONObject levels)) {
            return;
        }
        int dot = topic.indexOf('.', 7);
        String symbol = dot < 0 ? topic.substring(7) : topic.substring(7, dot);
        for (String side : new String[] {"bids", "asks"}) {
            if (levels.get(side) instanceof JSONArray array) {
                for (Object level : array) {
                    if (level instanceof JSONArray pair && pair.size() >= 2
                            && pair.get(0) instanceof Number price && pair.get(1) instanceof Number size) {
                        observed.see(symbol, decimal(price), decimal(size));
                    }
                }
            }
        }
    }

    private static BigDecimal decimal(Number number) {
        return number instanceof BigDecimal decimal ? decimal : new BigDecimal(number.toString());
    }

    @Override
    public void received(byte[] payload) {
        onMessage(parse(payload, false));
    }

    @Override
    public void receivedBinary(byte[] payload) {
        onMessage(parse(payload, true));
    }

    private void onMessage(JSONObject message) {
        if (message == null) {
            damagedFrames++;
            return;
        }
        if (message.containsKey("ping")) {
            return; // answered by the protocol on the live path
        }
        Kind kind = decoder.decode(message);
        switch (kind) {
            case MBP_UPDATE -> {
                tally(decoder.update().symbol()).mbp = true;
                books.onUpdate(decoder.update());
            }
            case MBP_SNAPSHOT -> {
                tally(decoder.update().symbol()).mbp = true;
                onSnapshot(decoder.update(), kind);
            }
            case DEPTH_SNAPSHOT -> {
                checkVersion(decoder.update(), message.getJSONObject("tick").containsKey("mrid"));
                onSnapshot(decoder.update(), kind);
            }
            case TRADES -> {
                for (HuobiTrade trade : decoder.trades()) {
                    Tally tally = tally(trade.symbol());
                    if (!tally.tradeIds.add(trade.tradeId())) {
                        tally.duplicateTrades++;
                    }
                }
            }
            default -> { }
        }
    }

    private void checkVersion(L2Update update, boolean swap) {
        Tally tally = tally(update.symbol());
        tally.swap = swap;
        long version = update.lastUpdateId();
        if (tally.lastVersion != L2Update.NONE) {
            tally.versionSteps++;
            if (version < tally.lastVersion || !swap && version == tally.lastVersion) {
                tally.versionFailures++;
            }
        }
        tally.lastVersion = Math.max(tally.lastVersion, version);
    }

    /** The connector's rule: a second {@code req} answer, or a full book not newer than the live one, is stale. */
    private void onSnapshot(L2Update update, Kind kind) {
        SymbolBook book = books.bookFor(update.symbol());
        if (book.state() == SyncState.LIVE && (kind == Kind.MBP_SNAPSHOT
                || update.lastUpdateId() <= book.book().updateId())) {
            return;
        }
        book.onUpdate(update);
    }

    /** A new {@code /feed} socket cannot continue the old MBP chains (as in the connector). */
    @Override
    public void connected(String url) {
        if (url != null && !url.contains("/feed")) {
            return;
        }
        for (SymbolBook book : List.copyOf(books.all())) {
            if (tally(book.symbol()).mbp && book.state() != SyncState.OUT_OF_SYNC) {
                book.markOutOfSync(GapReason.SEQUENCE_GAP, L2Update.NONE, L2Update.NONE);
            }
        }
    }

    @Override
    public List<SymbolResult> results() {
        return BookReplay.l2(books.all(), book -> {
            Tally tally = tally(book.symbol());
            String trades = tally.tradeIds.size() + " trades"
                    + (tally.duplicateTrades > 0 ? " (+" + tally.duplicateTrades + " repeated)" : "");
            String versions = (tally.swap ? "mrid never falling " : "versions rising ")
                    + (tally.versionSteps - tally.versionFailures) + "/" + tally.versionSteps + ", ";
            return tally.mbp ? trades : versions + trades;
        }, book -> tally(book.symbol()).versionFailures);
    }

    @Override
    public List<String> notes() {
        return notes;
    }

    /** @return messages the decoder rejected plus frames that did not inflate or parse */
    @Override
    public long rejected() {
        return decoder.rejected() + damagedFrames;
    }

    private Tally tally(String symbol) {
        return tallies.computeIfAbsent(symbol, s -> new Tally());
    }

    /** @return the inflated, parsed message, or null if it does not inflate (within the cap) or is not an object */
    private static JSONObject parse(byte[] payload, boolean gzip) {
        try {
            byte[] text = gzip ? inflate(payload) : payload;
            return text != null && JSON.parse(text) instanceof JSONObject object ? object : null;
        } catch (JSONException e) {
            return null;
        }
    }

    private static byte[] inflate(byte[] gzip) {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gzip))) {
            byte[] text = in.readNBytes(MAX_INFLATED_BYTES + 1);
            return text.length > MAX_INFLATED_BYTES ? null : text;
        } catch (IOException e) {
            return null;
        }
    }
}
