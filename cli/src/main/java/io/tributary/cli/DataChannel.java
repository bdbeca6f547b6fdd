package io.tributary.cli;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** What a user asks to follow, in exchange-neutral words; each {@link Venue} maps them to its own channels. */
enum DataChannel {
    /** The L2 (price-level) book. */
    BOOK,
    /** Trades. */
    TRADES,
    /** Trades aggregated per taker order (Binance's {@code aggTrade}). */
    AGGTRADES,
    /** Best bid and ask as the exchange publishes them (where it has such a channel). */
    BBO,
    /** The L3 (order-by-order) book, where the exchange has one. */
    ORDERS;

    /** What is followed when the user names no channel (those of them an exchange has). */
    static final Set<DataChannel> DEFAULT = EnumSet.of(BOOK, TRADES, BBO);

    /** @throws Main.UserException naming the word that is not a channel */
    static Set<DataChannel> parse(List<String> words) {
        Set<DataChannel> channels = EnumSet.noneOf(DataChannel.class);
        for (String word : words) {
            try {
                channels.add(valueOf(word.trim().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw new Main.UserException("'" + word + "' is not a channel (have: book, trades, aggtrades, bbo, orders)");
            }
        }
        return channels;
    }
}
