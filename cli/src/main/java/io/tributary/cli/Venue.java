package io.tributary.cli;

import io.tributary.core.connection.Feed;
import io.tributary.exchange.MarketDataConnector;
import io.tributary.exchange.RecordedInput;
import io.tributary.exchange.binance.BinanceChannel;
import io.tributary.exchange.binance.BinanceConnector;
import io.tributary.exchange.binance.BinanceMarket;
import io.tributary.exchange.bitstamp.BitstampChannel;
import io.tributary.exchange.bitstamp.BitstampConnector;
import io.tributary.exchange.gemini.GeminiApi;
import io.tributary.exchange.gemini.GeminiConnector;
import io.tributary.exchange.huobi.HuobiChannel;
import io.tributary.exchange.huobi.HuobiConnector;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The exchanges the command line can connect to, by the name users type: how each spells its symbols, which of
 * the {@link DataChannel}s it has, and how to build its connector against production or a twin.
 */
enum Venue {
    BINANCE("binance", "Binance", "USDT", true,
            EnumSet.of(DataChannel.BOOK, DataChannel.TRADES, DataChannel.AGGTRADES, DataChannel.BBO)),
    BINANCE_USDM("binance-usdm", "Binance USD-M", "USDT", true,
            EnumSet.of(DataChannel.BOOK, DataChannel.TRADES, DataChannel.AGGTRADES, DataChannel.BBO)),
    BINANCE_COINM("binance-coinm", "Binance COIN-M", "USD_PERP", true,
            EnumSet.of(DataChannel.BOOK, DataChannel.TRADES, DataChannel.AGGTRADES, DataChannel.BBO)),
    HUOBI("huobi", "HTX", "USDT", false, EnumSet.of(DataChannel.BOOK, DataChannel.TRADES, DataChannel.BBO)),
    BITSTAMP("bitstamp", "Bitstamp", "USD", false,
            EnumSet.of(DataChannel.BOOK, DataChannel.TRADES, DataChannel.ORDERS)),
    GEMINI("gemini", "Gemini", "USD", true, EnumSet.of(DataChannel.BOOK, DataChannel.TRADES)),
    GEMINI_V1("gemini-v1", "Gemini v1", "USD", true, EnumSet.of(DataChannel.BOOK, DataChannel.TRADES));

    private static final List<String> QUOTES = List.of("USDT", "USDC", "FDUSD", "USD", "EUR", "BTC", "ETH");

    private final String id;
    private final String title;
    private final String usdQuote;
    private final boolean upperCaseSymbols;
    private final Set<DataChannel> channels;

    Venue(String id, String title, String usdQuote, boolean upperCaseSymbols, Set<DataChannel> channels) {
        this.id = id;
        this.title = title;
        this.usdQuote = usdQuote;
        this.upperCaseSymbols = upperCaseSymbols;
        this.channels = channels;
    }

    /** @return the name users type, e.g. {@code binance-usdm} */
    String id() {
        return id;
    }

    /** @return the name people know it by, e.g. {@code HTX} */
    String title() {
        return title;
    }

    /** @return the channels followed when the user names none: {@link DataChannel#DEFAULT}, those it has */
    Set<DataChannel> defaultChannels() {
        Set<DataChannel> defaults = EnumSet.copyOf(DataChannel.DEFAULT);
        defaults.retainAll(channels);
        return defaults;
    }

    /**
     * @param base an asset, e.g. {@code BTC}
     * @return its market against the US dollar (or the stablecoin this exchange lists it against), spelled as this
     *         exchange spells it: BTCUSDT on Binance, btcusdt on HTX, btcusd on Bitstamp, BTCUSD on Gemini
     */
    String usdMarket(String base) {
        if (!base.trim().matches("[A-Za-z0-9]{1,20}")) {
            throw new Main.UserException("'" + base + "' is not an asset: use letters and digits, e.g. BTC");
        }
        return symbol(base.trim() + usdQuote);
    }

    /** @return the channels this exchange has */
    Set<DataChannel> channels() {
        return channels;
    }

    /** @return which of Binance's markets this is, if it is one */
    Optional<BinanceMarket> binanceMarket() {
        return switch (this) {
            case BINANCE -> Optional.of(BinanceMarket.SPOT);
            case BINANCE_USDM -> Optional.of(BinanceMarket.USD_M);
            case BINANCE_COINM -> Optional.of(BinanceMarket.COIN_M);
            default -> Optional.empty();
        };
    }

    /** @throws Main.UserException listing the names that exist */
    static Venue parse(String name) {
        String wanted = name.trim().toLowerCase(Locale.ROOT);
        for (Venue venue : values()) {
            if (venue.id.equals(wanted)) {
                return venue;
            }
        }
        throw new Main.UserException("unknown exchange '" + name + "' (have: " + names() + ")");
    }

    static String names() {
        return Arrays.stream(values()).map(Venue::id).collect(Collectors.joining(", "));
    }

    /** @return the venue whose connector names itself {@code exchange} (as journal records do), if any */
    static Optional<Venue> ofExchange(String exchange) {
        return Arrays.stream(values()).filter(venue -> venue.id.equals(exchange)).findFirst();
    }

    /** @return this exchange's connector without sockets, fed from a recording */
    RecordedInput offline() {
        return switch (this) {
            case BINANCE, BINANCE_USDM, BINANCE_COINM -> BinanceConnector.builder(binanceMarket().orElseThrow())
                    .buildOffline();
            case HUOBI -> HuobiConnector.builder().buildOffline();
            case BITSTAMP -> BitstampConnector.builder().buildOffline();
            case GEMINI -> GeminiConnector.builder().buildOffline();
            case GEMINI_V1 -> throw new Main.UserException("Gemini v1 recordings cannot be imported yet (v1 messages "
                    + "name no symbol; the offline input does not map sockets to symbols)");
        };
    }

    /** @return {@code symbol} spelled as this exchange spells it (BTCUSDT, btcusdt) */
    String symbol(String symbol) {
        String trimmed = symbol.trim();
        if (!trimmed.matches("[A-Za-z0-9_]{2,30}")) {
            throw new Main.UserException("'" + symbol + "' is not a symbol: use letters and digits, e.g. "
                    + symbol("BTCUSDT"));
        }
        return upperCaseSymbols ? trimmed.toUpperCase(Locale.ROOT) : trimmed.toLowerCase(Locale.ROOT);
    }

    /** @return the symbols spelled for this exchange */
    List<String> symbols(List<String> symbols) {
        return symbols.stream().map(this::symbol).distinct().toList();
    }

    /**
     * The asset a symbol trades, so that one asset can be compared across exchanges: BTCUSDT, btcusd and BTCUSD
     * are all {@code BTC/USD} (stablecoins count as their currency).
     */
    static String asset(String symbol) {
        String upper = symbol.toUpperCase(Locale.ROOT).replace("_", "").replace("-", "");
        for (String quote : QUOTES) {
            if (upper.endsWith(quote) && upper.length() > quote.length()) {
                String base = upper.substring(0, upper.length() - quote.length());
                String currency = quote.startsWith("USD") || quote.equals("FDUSD") ? "USD" : quote;
                return base + "/" + currency;
            }
        }
        return upper;
    }

    /**
     * Builds this exchange's connector. {@code webSocketBase} and {@code restBase} null: production endpoints.
     *
     * @param feed settings for the connector's feed(s), e.g. a journal's frame tap
     * @throws Main.UserException if a channel is not one this exchange has
     */
    MarketDataConnector connector(List<String> symbols, Set<DataChannel> wanted, URI webSocketBase, URI restBase,
                                  Consumer<Feed.Builder> feed) {
        return connector(symbols, wanted, webSocketBase, restBase, feed, (url, body, receivedNanos, epochNanos) -> { });
    }

    /**
     * As above, also handing the REST snapshots to {@code snapshots} where the connector reports them (Binance, Bitstamp),
     * so that a journal can replay its books.
     */
    MarketDataConnector connector(List<String> symbols, Set<DataChannel> wanted, URI webSocketBase, URI restBase,
                                  Consumer<Feed.Builder> feed, BinanceConnector.SnapshotTap snapshots) {
        for (DataChannel channel : wanted) {
            if (!channels.contains(channel)) {
                throw new Main.UserException(id + " has no " + channel.name().toLowerCase(Locale.ROOT)
                        + " channel (has: " + channels.stream().map(c -> c.name().toLowerCase(Locale.ROOT))
                        .collect(Collectors.joining(", ")) + ")");
            }
        }
        List<String> spelled = symbols(symbols);
        return switch (this) {
            case BINANCE, BINANCE_USDM, BINANCE_COINM -> binance(spelled, wanted, webSocketBase, restBase, feed,
                    snapshots);
            case HUOBI -> huobi(spelled, wanted, webSocketBase, feed);
            case BITSTAMP -> bitstamp(spelled, wanted, webSocketBase, restBase, feed, snapshots);
            case GEMINI, GEMINI_V1 -> {
                GeminiConnector.Builder builder = GeminiConnector.builder().symbols(spelled).feed(feed)
                        .api(this == GEMINI_V1 ? GeminiApi.V1 : GeminiApi.V2);
                if (webSocketBase != null) {
                    builder.webSocketBase(webSocketBase);
                }
                yield builder.build();
            }
        };
    }

    private MarketDataConnector binance(List<String> symbols, Set<DataChannel> wanted, URI webSocketBase,
                                        URI restBase, Consumer<Feed.Builder> feed,
                                        BinanceConnector.SnapshotTap snapshots) {
        BinanceMarket market = binanceMarket().orElseThrow();
        List<BinanceChannel> list = new ArrayList<>();
        if (wanted.contains(DataChannel.BOOK)) {
            list.add(BinanceChannel.DEPTH_100MS);
        }
        if (wanted.contains(DataChannel.TRADES)) {
            list.add(BinanceChannel.TRADE);
        }
        if (wanted.contains(DataChannel.AGGTRADES)) {
            list.add(BinanceChannel.AGG_TRADE);
        }
        if (wanted.contains(DataChannel.BBO)) {
            list.add(BinanceChannel.BOOK_TICKER);
        }
        BinanceConnector.Builder builder = BinanceConnector.builder(market).symbols(symbols).channels(list).feed(feed)
                .snapshotTap(snapshots);
        if (webSocketBase != null) {
            builder.webSocketBase(webSocketBase);
        }
        if (restBase != null) {
            builder.restBase(restBase);
        }
        return builder.build();
    }

    private static MarketDataConnector huobi(List<String> symbols, Set<DataChannel> wanted, URI webSocketBase,
                                             Consumer<Feed.Builder> feed) {
        List<HuobiChannel> list = new ArrayList<>();
        if (wanted.contains(DataChannel.BOOK)) {
            list.add(HuobiChannel.MBP_150);
        }
        if (wanted.contains(DataChannel.TRADES)) {
            list.add(HuobiChannel.TRADE);
        }
        if (wanted.contains(DataChannel.BBO)) {
            list.add(HuobiChannel.BBO);
        }
        HuobiConnector.Builder builder = HuobiConnector.builder().symbols(symbols)
                .channels(list.toArray(HuobiChannel[]::new)).feed(feed);
        if (webSocketBase != null) {
            builder.webSocketBase(webSocketBase);
        }
        return builder.build();
    }

    private static MarketDataConnector bitstamp(List<String> symbols, Set<DataChannel> wanted, URI webSocketBase,
                                                URI restBase, Consumer<Feed.Builder> feed,
                                                BinanceConnector.SnapshotTap snapshots) {
        List<BitstampChannel> list = new ArrayList<>();
        if (wanted.contains(DataChannel.BOOK)) {
            list.add(BitstampChannel.DIFF_BOOK);
        }
        if (wanted.contains(DataChannel.ORDERS)) {
            list.add(BitstampChannel.LIVE_ORDERS);
        }
        if (wanted.contains(DataChannel.TRADES)) {
            list.add(BitstampChannel.TRADES);
        }
        BitstampConnector.Builder builder = BitstampConnector.builder().symbols(symbols)
                .channels(list.toArray(BitstampChannel[]::new)).feed(feed).snapshotTap(snapshots);
        if (webSocketBase != null) {
            builder.webSocketBase(webSocketBase);
        }
        if (restBase != null) {
            builder.restBase(restBase);
        }
        return builder.build();
    }
}
