package io.tributary.exchange.huobi;

/**
 * A parsed HTX topic such as {@code market.btcusdt.mbp.150}: the symbol and which channel it is.
 *
 * @param symbol  the exchange's symbol as written in the topic ({@code btcusdt}, swaps {@code BTC-USD})
 * @param channel the channel, or null for a topic this connector does not handle
 */
record HuobiTopic(String symbol, HuobiChannel channel) {

    /** @return the topic's parts, or null if it is not a {@code market.<symbol>.<channel>} topic */
    static HuobiTopic parse(String topic) {
        if (topic == null || !topic.startsWith("market.")) {
            return null;
        }
        int dot = topic.indexOf('.', 7);
        if (dot < 0) {
            return null;
        }
        String symbol = topic.substring(7, dot);
        String rest = topic.substring(dot + 1);
        return new HuobiTopic(symbol, HuobiChannel.ofSuffix(rest));
    }
}
