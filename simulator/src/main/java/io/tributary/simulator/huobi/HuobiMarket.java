package io.tributary.simulator.huobi;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * One symbol's generated market: a price-level book that is never crossed (bids below the starting mid, asks at
 * it and above), a {@code seqNum} that jumps by 1 to 3 per increment (HTX numbers are not contiguous), a depth version and
 * trade ids. Guarded by the twin's lock.
 */
final class HuobiMarket {

    private static final BigDecimal TICK = new BigDecimal("0.01");
    /** The starting mid when none is given. */
    static final BigDecimal DEFAULT_MID = new BigDecimal("100.00");

    final String symbol;
    final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
    final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
    long seqNum;
    long version;
    long tradeId;
    String lastTrade; // the last trade's JSON object, repeated after a subscription (§4.8)
    private final Random random;
    private final BigDecimal mid;

    HuobiMarket(String symbol, long seed, BigDecimal mid) {
        this.symbol = symbol;
        this.mid = mid;
        this.random = new Random(seed);
        this.seqNum = 100_000_000L + random.nextInt(1000);
        this.version = 10_000L;
        this.tradeId = 1_000_000L;
        for (int i = 1; i <= 20; i++) {
            bids.put(mid.subtract(TICK.multiply(BigDecimal.valueOf(i))), size());
            asks.put(mid.add(TICK.multiply(BigDecimal.valueOf(i - 1))), size());
        }
    }

    /** One change: a level set or removed on one side. @return {@code [side ("bids"/"asks"), price, size]} */
    Object[] change() {
        boolean bid = random.nextBoolean();
        TreeMap<BigDecimal, BigDecimal> side = bid ? bids : asks;
        BigDecimal offset = TICK.multiply(BigDecimal.valueOf(random.nextInt(25)));
        BigDecimal price = bid ? mid.subtract(TICK).subtract(offset) : mid.add(offset);
        BigDecimal size = side.size() > 5 && side.containsKey(price) && random.nextInt(4) == 0 ? BigDecimal.ZERO
                : size();
        if (size.signum() == 0) {
            side.remove(price);
        } else {
            side.put(price, size);
        }
        long prev = seqNum;
        seqNum += 1 + random.nextInt(3);
        version++;
        return new Object[] {bid ? "bids" : "asks", price, size, prev};
    }

    /** @return a new trade: {@code [tradeId, price, amount, direction]} */
    Object[] trade() {
        boolean buy = random.nextBoolean();
        Map.Entry<BigDecimal, BigDecimal> best = buy ? asks.firstEntry() : bids.firstEntry();
        return new Object[] {++tradeId, best.getKey(), size(), buy ? "buy" : "sell"};
    }

    private BigDecimal size() {
        return BigDecimal.valueOf(1 + random.nextInt(100_000), 4); // e.g. 3.1416: exact, four decimals
    }
}
