package io.tributary.book;

import io.tributary.model.AsciiBuffer;
import io.tributary.model.Decimals;
import io.tributary.model.Side;

import java.util.zip.CRC32;

/**
 * Bitfinex v2 aggregated (P0..P4) book checksum (exchange-protocols.md §11.7, §12.3): for levels 0..24, bid then
 * ask, each {@code price:amount}, joined with {@code :}; ask amounts negative; a side that runs out lets the other
 * continue. Numbers are rendered the JavaScript way ({@code 7255}, {@code 1e-8}); prices first go through
 * bfx-api-node-models' {@code preparePrice} (5 significant digits, never exponent form). CRC32, signed.
 */
public final class BitfinexChecksum implements BookChecksum {

    private static final int LEVELS = 25;
    private static final int PRICE_SIGNIFICANT_DIGITS = 5;

    private final AsciiBuffer text = new AsciiBuffer(2048);
    private final CRC32 crc = new CRC32();

    @Override
    public long compute(L2Book book) {
        text.clear();
        int bids = Math.min(LEVELS, book.depth(Side.BID));
        int asks = Math.min(LEVELS, book.depth(Side.ASK));
        for (int level = 0; level < LEVELS; level++) {
            if (level < bids) {
                appendLevel(book.price(Side.BID, level), book.size(Side.BID, level), book);
            }
            if (level < asks) {
                appendLevel(book.price(Side.ASK, level), -book.size(Side.ASK, level), book);
            }
        }
        crc.reset();
        crc.update(text.array(), 0, text.length());
        return (int) crc.getValue();
    }

    /** @return the string that was hashed by the last {@link #compute} (for diagnostics) */
    public String lastInput() {
        return text.toString();
    }

    private void appendLevel(long price, long amount, L2Book book) {
        if (text.length() > 0) {
            text.append(':');
        }
        appendPrice(text, price, book.priceScale());
        text.append(':');
        text.appendJs(amount, book.sizeScale());
    }

    /**
     * {@code preparePrice}: JS {@code toPrecision(5)} (round half away from zero), back to a number, printed in
     * plain notation even where JS would use an exponent.
     */
    static void appendPrice(AsciiBuffer text, long price, int scale) {
        long magnitude = Math.abs(price);
        int digits = 1;
        for (long rest = magnitude; rest >= 10; rest /= 10) {
            digits++;
        }
        if (digits > PRICE_SIGNIFICANT_DIGITS) {
            long unit = Decimals.pow10(digits - PRICE_SIGNIFICANT_DIGITS);
            long rounded = magnitude / unit + (magnitude % unit * 2 >= unit ? 1 : 0);
            magnitude = rounded * unit;
        }
        text.appendPlain(price < 0 ? -magnitude : magnitude, scale, 0);
    }
}
