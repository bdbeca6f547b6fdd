package io.tributary.exchange.json;

import com.alibaba.fastjson2.JSONException;
import com.alibaba.fastjson2.JSONFactory;
import com.alibaba.fastjson2.JSONReader;
import io.tributary.book.L2Update;
import io.tributary.model.DecimalParser;
import io.tributary.model.DecimalResult;
import io.tributary.model.Side;
import java.util.Arrays;

/**
 * A fastjson2 {@link JSONReader} over one message's bytes plus the exact, allocation-free readers the decoders need:
 * decimals into scaled {@code long}s (quoted or bare; plain text on a fast path, everything else through
 * {@link DecimalParser}), whole levels arrays in one pass, whole numbers from quoted or bare text, and interned
 * symbols. One instance per decoder (single thread), re-pointed at each message.
 *
 * <p>Every method throws {@link MalformedMessageException} (or fastjson2's {@link JSONException}) on a shape it
 * does not expect; decoders catch both at their boundary and count a rejection.
 */
public final class JsonCursor {

    private final JSONReader.Context context = JSONFactory.createReadContext();
    private final PlainDecimalParser plain = new PlainDecimalParser();
    private final DecimalParser decimals = new DecimalParser();
    private int lastDecimals;
    private JSONReader reader;
    private byte[] bytes;
    private int limit;

    /** Points the cursor at {@code bytes[offset, offset + length)}, closing the previous reader. */
    public JsonCursor reset(byte[] bytes, int offset, int length) {
        close();
        this.bytes = bytes;
        this.limit = offset + length;
        this.reader = JSONReader.of(bytes, offset, length, context);
        return this;
    }

    /** The underlying reader for structure: objects, arrays, field-name hashes, skipping. */
    public JSONReader reader() {
        return reader;
    }

    /** Releases the reader's pooled buffers. */
    public void close() {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }

    /** @return how many fraction digits the last decimal read wrote on the wire ({@code "0.00000500"}: 8) */
    public int lastDecimals() {
        return lastDecimals;
    }

    /** Reads a whole number, optionally negative, written bare ({@code 157}) or quoted ({@code "974947235"}). */
    public long readLong() {
        int start = valueStart();
        int end = scalarEnd(start);
        int from = start;
        int to = end;
        if (bytes[start] == '"') {
            from++;
            to--;
        }
        boolean negative = from < to && bytes[from] == '-';
        if (negative) {
            from++;
        }
        int digits = to - from;
        if (digits <= 0 || digits > 19) {
            throw new MalformedMessageException("expected a whole number that fits a long");
        }
        long value = 0;
        for (int i = from; i < to; i++) {
            int digit = bytes[i] - '0';
            if (digit < 0 || digit > 9) {
                throw new MalformedMessageException("expected a whole number");
            }
            // up to 18 digits cannot overflow; only a 19-digit number needs the exact arithmetic
            value = digits < 19 ? value * 10 + digit : addDigitExact(value, digit);
        }
        continueAfter(end);
        return negative ? -value : value;
    }

    private static long addDigitExact(long value, int digit) {
        try {
            return Math.addExact(Math.multiplyExact(value, 10L), digit);
        } catch (ArithmeticException overflow) {
            throw new MalformedMessageException("whole number does not fit a long");
        }
    }

    /** Reads a string value through the table, allocating only the first time a text is seen. */
    public String readSymbol(SymbolTable table) {
        int start = valueStart();
        if (bytes[start] != '"') {
            throw new MalformedMessageException("expected a string");
        }
        int end = scalarEnd(start);
        String symbol = table.intern(bytes, start + 1, end - 1);
        continueAfter(end);
        return symbol;
    }

    /**
     * Consumes the current value and tells which of {@code choices} it equals as a string.
     *
     * @return the index of the matching choice, or -1 (also for a value that is not a string)
     */
    public int readStringMatch(byte[][] choices) {
        int start = valueStart();
        if (bytes[start] != '"') {
            reader.skipValue();
            return -1;
        }
        int end = scalarEnd(start);
        continueAfter(end);
        for (int i = 0; i < choices.length; i++) {
            byte[] choice = choices[i];
            if (Arrays.equals(bytes, start + 1, end - 1, choice, 0, choice.length)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Reads the current decimal, requiring it to fit: the value is returned and its written decimals are in
     * {@link #decimals()}.
     *
     * @throws MalformedMessageException naming what did not fit
     */
    public long readExactDecimal(int scale, String what) {
        int start = valueStart();
        int end = plain.parse(bytes, start, limit, scale);
        long value;
        if (end >= 0) {
            value = plain.value();
            lastDecimals = plain.decimals();
        } else {
            end = scalarEnd(start);
            value = parseSlowly(start, end, scale, what);
        }
        continueAfter(end);
        return value;
    }

    /**
     * Reads a whole array of price levels {@code [[price, size, ...], ...]} (prices and sizes quoted or bare; any
     * further elements of a level, such as Kraken's timestamp or OKX's order count, are ignored) into the update,
     * in array order. The hot loop of every L2 decoder: it scans the bytes itself, in one pass, instead of a reader
     * call per token.
     *
     * @throws MalformedMessageException if the array is not of that shape or a value does not fit its scale
     */
    public void readLevels(L2Update update, Side side, int priceScale, int sizeScale) {
        int p = valueStart();
        if (bytes[p] != '[') {
            throw new MalformedMessageException("levels are not an array");
        }
        p = skipWhitespace(p + 1);
        if (bytes[p] != ']') {
            while (true) {
                if (bytes[p] != '[') {
                    throw new MalformedMessageException("level is not an array");
                }
                int priceStart = skipWhitespace(p + 1);
                int priceEnd = plain.parse(bytes, priceStart, limit, priceScale);
                long price;
                if (priceEnd >= 0) {
                    price = plain.value();
                    lastDecimals = plain.decimals();
                } else {
                    priceEnd = scalarEnd(priceStart);
                    price = parseSlowly(priceStart, priceEnd, priceScale, "price");
                }
                int priceDecimals = lastDecimals;
                int sizeStart = skipWhitespace(priceEnd);
                if (bytes[sizeStart] != ',') {
                    throw new MalformedMessageException("level without a size");
                }
                sizeStart = skipWhitespace(sizeStart + 1);
                int sizeEnd = plain.parse(bytes, sizeStart, limit, sizeScale);
                long size;
                if (sizeEnd >= 0) {
                    size = plain.value();
                    lastDecimals = plain.decimals();
                } else {
                    sizeEnd = scalarEnd(sizeStart);
                    size = parseSlowly(sizeStart, sizeEnd, sizeScale, "size");
                }
                p = levelEnd(sizeEnd);
                update.add(side, price, priceDecimals, size, lastDecimals);
                p = skipWhitespace(p + 1);
                if (bytes[p] == ']') {
                    break;
                }
                if (bytes[p] != ',') {
                    throw new MalformedMessageException("levels not separated by commas");
                }
                p = skipWhitespace(p + 1);
            }
        }
        continueAfter(p + 1);
    }

    /**
     * Moves the reader past a value this cursor read from the bytes itself (ending just before {@code end}) and past
     * a following comma, to where fastjson2 would be after skipping it: the next token is the current character.
     * Saves fastjson2 scanning the same bytes again (its skip costs as much as reading them).
     */
    private void continueAfter(int end) {
        int p = end;
        while (p < limit && isWhitespace(bytes[p])) {
            p++;
        }
        if (p < limit && bytes[p] == ',') {
            p++;
            while (p < limit && isWhitespace(bytes[p])) {
                p++;
            }
        }
        if (p >= limit) {
            throw new MalformedMessageException("truncated message");
        }
        reader.reset(new Position(p + 1, bytes[p] & 0xFF)); // scalar-replaced once inlined: no allocation
    }

    /** fastjson2 keeps the current character and the offset just after it. */
    private static final class Position extends JSONReader.SavePoint {
        Position(int offset, int current) {
            super(offset, current);
        }
    }

    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\n' || b == '\r' || b == '\t';
    }

    /** Everything the plain fast path leaves: exponents, long digit strings, and the rejections. */
    private long parseSlowly(int start, int end, int scale, String what) {
        DecimalResult result = decimals.parse(bytes, start, end, scale);
        if (result != DecimalResult.OK) {
            throw new MalformedMessageException(what + " rejected at scale " + scale + ": " + result);
        }
        lastDecimals = decimals.decimals();
        return decimals.value();
    }

    /** Index of the {@code ]} closing the level whose remaining scalars start at {@code from}. */
    private int levelEnd(int from) {
        int i = from;
        while (i < limit && bytes[i] != ']') {
            if (bytes[i] == '"') {
                i = scalarEnd(i);
            } else if (bytes[i] == '[' || bytes[i] == '{') {
                throw new MalformedMessageException("nested value in a level");
            } else {
                i++;
            }
        }
        if (i >= limit) {
            throw new MalformedMessageException("unterminated level");
        }
        return i;
    }

    private int skipWhitespace(int from) {
        int i = from;
        while (i < limit && isWhitespace(bytes[i])) {
            i++;
        }
        if (i >= limit) {
            throw new MalformedMessageException("truncated message");
        }
        return i;
    }

    /** The message bytes and the byte range of the current string's content (without quotes). */
    public byte[] bytes() {
        return bytes;
    }

    /** Index of the first content byte of the current string value. */
    public int stringStart() {
        int start = valueStart();
        if (bytes[start] != '"') {
            throw new MalformedMessageException("expected a string");
        }
        return start + 1;
    }

    /** Index just past the last content byte of the current string value. */
    public int stringEnd() {
        return scalarEnd(valueStart()) - 1;
    }

    /** Index of the first byte of the current value (fastjson2 keeps it as the current character). */
    private int valueStart() {
        int start = reader.getOffset() - 1;
        if (start < 0 || start >= limit) {
            throw new MalformedMessageException("no value");
        }
        return start;
    }

    /** End (exclusive) of the scalar starting at {@code start}: past the closing quote, or past the bare token. */
    private int scalarEnd(int start) {
        int i = start;
        if (bytes[i] == '"') {
            i++;
            while (i < limit && bytes[i] != '"') {
                i += bytes[i] == '\\' ? 2 : 1;
            }
            if (i >= limit) {
                throw new MalformedMessageException("unterminated string");
            }
            return i + 1;
        }
        while (i < limit) {
            byte c = bytes[i];
            if (c == ',' || c == ']' || c == '}' || c == ' ' || c == '\n' || c == '\r' || c == '\t') {
                break;
            }
            i++;
        }
        return i;
    }
}
