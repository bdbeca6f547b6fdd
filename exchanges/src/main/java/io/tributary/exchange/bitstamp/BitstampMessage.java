package io.tributary.exchange.bitstamp;

import com.alibaba.fastjson2.JSONObject;

/**
 * One Bitstamp v2 frame, sorted by what it carries (exchange-protocols.md §5): the channel names both the stream
 * and the market ({@code diff_order_book_btcusd}), the event names what happened.
 */
public record BitstampMessage(Kind kind, String symbol, String event, JSONObject data) {

    public enum Kind {
        /** {@code diff_order_book_{m}}: changed levels, absolute sizes. */
        DIFF("diff_order_book_"),
        /** {@code order_book_{m}}: top-100 snapshot (the check against a lost diff). */
        TOP_BOOK("order_book_"),
        /** {@code detail_order_book_{m}}: top-100 orders per side, {@code [price, amount, id]}. */
        DETAIL_BOOK("detail_order_book_"),
        /** {@code live_orders_{m}}: {@code order_created} / {@code order_changed} / {@code order_deleted}. */
        ORDER("live_orders_"),
        /** {@code live_trades_{m}}: {@code trade}. */
        TRADE("live_trades_"),
        /** {@code bts:*} replies, heartbeats, reconnect requests and errors. */
        CONTROL(null),
        /** Anything else (a channel we do not follow). */
        OTHER(null);

        final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    private static final Kind[] CHANNELS = {Kind.DIFF, Kind.DETAIL_BOOK, Kind.TOP_BOOK, Kind.ORDER, Kind.TRADE};

    /**
     * @return the frame sorted by channel, or null if it is not a JSON object with an {@code event}
     */
    public static BitstampMessage of(Object json) {
        if (!(json instanceof JSONObject frame) || !(frame.get("event") instanceof String event)) {
            return null;
        }
        JSONObject data = frame.get("data") instanceof JSONObject object ? object : null;
        if (event.startsWith("bts:")) {
            return new BitstampMessage(Kind.CONTROL, null, event, data);
        }
        String channel = frame.getString("channel");
        if (channel != null) {
            for (Kind kind : CHANNELS) {
                if (channel.startsWith(kind.prefix) && channel.length() > kind.prefix.length()) {
                    return new BitstampMessage(kind, channel.substring(kind.prefix.length()), event, data);
                }
            }
        }
        return new BitstampMessage(Kind.OTHER, null, event, data);
    }
}
