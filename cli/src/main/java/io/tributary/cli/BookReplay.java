package io.tributary.cli;

import io.tributary.book.SymbolBook;
import io.tributary.book.SymbolCounters;
import io.tributary.exchange.ResyncRequester;
import io.tributary.exchange.Scales;
import io.tributary.exchange.binance.BinanceBookSync;
import io.tributary.exchange.bitfinex.BitfinexBookSync;
import io.tributary.exchange.bitfinex.RawBookSync;
import io.tributary.exchange.kraken.KrakenBookSync;
import io.tributary.exchange.kraken.KrakenTickerTradeDecoder;
import io.tributary.exchange.krakenfutures.KrakenFuturesBookSync;
import io.tributary.model.event.Aggressor;
import io.tributary.exchange.okx.OkxBookSync;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/** Feeds one recorded session through an exchange's own decoder and books (the code the live connectors run). */
interface BookReplay {

    /** A replay never asks anyone for snapshots: the recording holds whatever the recorder fetched. */
    ResyncRequester NO_REQUESTS = (symbol, first) -> {
    };

    /** @return the exchanges this build can replay */
    static List<String> supported() {
        return List.of("binance", "kraken", "okx", "bitfinex", "huobi", "bitstamp", "gemini", "coinbase",
                "kraken-futures");
    }

    /** @param session a session of one of the {@link #supported()} exchanges */
    static BookReplay of(RecordedSession session) {
        return switch (session.exchange()) {
            case "binance" -> new Binance(session.hasFuturesDepth(), session.inlineSymbol());
            case "kraken" -> new Kraken();
            case "okx" -> new Okx();
            case "bitfinex" -> new Bitfinex();
            case "huobi" -> HuobiReplay.of(session.entries());
            case "bitstamp" -> new BitstampReplay();
            case "gemini" -> new GeminiReplay();
            case "coinbase" -> new CoinbaseReplay();
            case "kraken-futures" -> new KrakenFutures();
            default -> throw new IllegalArgumentException("no book decoder for " + session.exchange());
        };
    }

    /** A received WebSocket text message. */
    void received(byte[] payload);

    /** A received binary WebSocket message (compressed on exchanges that compress); ignored by text feeds. */
    default void receivedBinary(byte[] payload) {
    }

    /** A recorded REST response (a depth snapshot); {@code url} may be null. */
    default void rest(String url, byte[] body) {
    }

    /** A new socket to {@code url} (null if not recorded) starts: per-connection state resets. */
    default void connected(String url) {
    }

    /** @return per-symbol results, by symbol */
    List<SymbolResult> results();

    /** @return what the output should explain beyond the counts (e.g. values no scale can hold) */
    default List<String> notes() {
        return List.of();
    }

    /** @return messages the decoder rejected (malformed or not representable) */
    long rejected();

    /** The books' own counters, by symbol. */
    static List<SymbolResult> l2(Collection<SymbolBook> books) {
        return l2(books, book -> "", book -> 0L);
    }

    /** The books' own counters plus the exchange's own check, by symbol. */
    static List<SymbolResult> l2(Collection<SymbolBook> books, Function<SymbolBook, String> check,
                                 ToLongFunction<SymbolBook> checkFailures) {
        List<SymbolResult> results = new ArrayList<>();
        for (SymbolBook book : books) {
            SymbolCounters c = book.counters();
            results.add(new SymbolResult(book.symbol(), SymbolResult.Kind.L2, c.messages(), c.applied(), c.gaps(),
                    c.resyncs(), c.crossed(), c.rejected(), c.checksumOk(), c.checksumFailed(), check.apply(book),
                    checkFailures.applyAsLong(book), book.state().name()));
        }
        results.sort(Comparator.comparing(SymbolResult::symbol));
        return results;
    }

    /** Binance spot or futures: REST snapshots plus diff depth, U/u or pu chains. */
    final class Binance implements BookReplay {
        private final BinanceBookSync sync;
        private final String inlineSymbol;

        Binance(boolean futures, String inlineSymbol) {
            this.sync = new BinanceBookSync(futures ? BinanceBookSync.Market.FUTURES : BinanceBookSync.Market.SPOT,
                    Scales.of(8, 8), NO_REQUESTS, null);
            this.inlineSymbol = inlineSymbol;
        }

        @Override
        public void received(byte[] payload) {
            sync.onMessage(payload, 0, payload.length);
        }

        @Override
        public void rest(String url, byte[] body) {
            String symbol = url == null ? inlineSymbol : symbolParameter(url);
            if (symbol != null) {
                sync.onSnapshot(symbol, body, 0, body.length);
            }
        }

        @Override
        public List<SymbolResult> results() {
            return l2(sync.books());
        }

        @Override
        public long rejected() {
            return sync.rejected();
        }

        private static String symbolParameter(String url) {
            int start = url.indexOf("symbol=");
            if (start < 0) {
                return null;
            }
            start += "symbol=".length();
            int end = url.indexOf('&', start);
            return url.substring(start, end < 0 ? url.length() : end).toUpperCase(Locale.ROOT);
        }
    }

    /**
     * Kraken v1: WebSocket snapshots, CRC32 checksum on every update; tickers (best bid below best ask) and trades
     * (exact values, a known taker side) per pair.
     */
    final class Kraken implements BookReplay {
        private final KrakenBookSync sync = new KrakenBookSync(Scales.of(8, 8), NO_REQUESTS, null);
        private final KrakenTickerTradeDecoder quotes = new KrakenTickerTradeDecoder();
        private final Map<String, QuoteTally> tallies = new TreeMap<>();

        /** A pair's tickers and trades. */
        private static final class QuoteTally {
            long tickers;
            long crossedTickers;
            long tradeMessages;
            long trades;
            long withoutSide;

            @Override
            public String toString() {
                return tickers + " tickers (" + crossedTickers + " crossed), " + trades + " trades"
                        + (withoutSide > 0 ? " (" + withoutSide + " without side)" : "");
            }
        }

        @Override
        public void received(byte[] payload) {
            sync.onMessage(payload, 0, payload.length);
            switch (quotes.decode(payload)) {
                case TICKER -> {
                    QuoteTally tally = tally(quotes.ticker().pair());
                    tally.tickers++;
                    tally.crossedTickers += quotes.ticker().crossed() ? 1 : 0;
                }
                case TRADES -> {
                    for (KrakenTickerTradeDecoder.KrakenTrade trade : quotes.trades()) {
                        QuoteTally tally = tally(trade.pair());
                        tally.trades++;
                        tally.withoutSide += trade.taker() == Aggressor.UNKNOWN ? 1 : 0;
                    }
                    if (!quotes.trades().isEmpty()) {
                        tally(quotes.trades().get(0).pair()).tradeMessages++;
                    }
                }
                default -> { }
            }
        }

        private QuoteTally tally(String pair) {
            return tallies.computeIfAbsent(pair, p -> new QuoteTally());
        }

        @Override
        public List<SymbolResult> results() {
            QuoteTally none = new QuoteTally();
            List<SymbolResult> results = new ArrayList<>(l2(sync.books(),
                    book -> tallies.containsKey(book.symbol()) ? tallies.get(book.symbol()).toString() : "",
                    book -> tallies.getOrDefault(book.symbol(), none).crossedTickers));
            tallies.forEach((pair, tally) -> {
                if (sync.book(pair) == null) {
                    long messages = tally.tickers + tally.tradeMessages;
                    results.add(SymbolResult.withoutBook(pair, messages, messages, tally.crossedTickers, 0,
                            tally.toString()));
                }
            });
            return results;
        }

        @Override
        public long rejected() {
            return sync.rejected() + quotes.rejected();
        }
    }

    /** Kraken Futures v1: WebSocket snapshots, per-product {@code seq} chains. */
    final class KrakenFutures implements BookReplay {
        private final KrakenFuturesBookSync sync = new KrakenFuturesBookSync(Scales.of(8, 8), NO_REQUESTS, null);

        @Override
        public void received(byte[] payload) {
            sync.onMessage(payload);
        }

        @Override
        public List<SymbolResult> results() {
            return l2(sync.books());
        }

        @Override
        public long rejected() {
            return sync.rejected();
        }
    }

    /** OKX v5: WebSocket snapshots, signed CRC32 checksum on every message. */
    final class Okx implements BookReplay {
        /** ELON-USDT is quoted to 11 decimals in whole-coin sizes up to 5.95e12 (OKX tickSz 1e-11, lotSz 1). */
        private final OkxBookSync sync = new OkxBookSync(Scales.of(10, 8).with("ELON-USDT", 11, 0), true,
                NO_REQUESTS, null);

        @Override
        public void received(byte[] payload) {
            sync.onMessage(payload, 0, payload.length);
        }

        @Override
        public List<SymbolResult> results() {
            return l2(sync.books());
        }

        @Override
        public long rejected() {
            return sync.rejected();
        }
    }

    /** Bitfinex v2: aggregated books and raw (order-by-order) books, SEQ_ALL per connection. */
    final class Bitfinex implements BookReplay {
        private final BitfinexBookSync sync = new BitfinexBookSync(Scales.of(8, 8), NO_REQUESTS, null);

        @Override
        public void received(byte[] payload) {
            sync.onMessage(payload, 0, payload.length);
        }

        @Override
        public void connected(String url) {
            sync.onReconnect();
        }

        @Override
        public List<SymbolResult> results() {
            List<SymbolResult> results = new ArrayList<>(l2(sync.books()));
            long gaps = sync.sequenceGaps();
            if (gaps > 0) {
                results.add(new SymbolResult("(SEQ_ALL)", SymbolResult.Kind.L2, 0, 0, gaps, 0, 0, 0, 0, 0, "", 0,
                        "LIVE"));
            }
            for (RawBookSync raw : sync.rawBooks()) {
                long applied = raw.messages() - raw.droppedWhileSyncing();
                results.add(new SymbolResult(raw.symbol() + " (raw)", SymbolResult.Kind.RAW, raw.messages(),
                        applied, raw.book().unknownOrders(), raw.resyncs(), raw.crossed(), 0, sync.rawChecksumOk(),
                        sync.rawChecksumFailed(), "", 0, raw.state().name()));
            }
            return results;
        }

        @Override
        public long rejected() {
            return sync.rejected();
        }
    }
}
