package io.tributary.exchange.binance;

import io.tributary.core.connection.Inbound;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The socket thread's fast path for {@link BinanceProtocol#inspect}: classifies the frames that make up nearly all
 * of the traffic (diff depth, trades, aggregate trades, book tickers, combined or raw) by walking the bytes once,
 * without building a JSON tree. A full parse of every frame here cost the socket thread more than the whole book
 * thread's work and produced most of the garbage. Like the full parse it accepts only the combined wrapper (raw
 * events carry no stream name). Anything it is not sure about (control replies,
 * {@code serverShutdown}, unknown events, escapes, a quoted or fractional id, malformed JSON) it leaves to the
 * full parse, which has the final word. One instance per thread.
 */
final class FrameClassifier {

    private static final byte[] DATA = bytes("data");
    private static final long BROKEN = -2;
    private static final byte[] DEPTH_UPDATE = bytes("depthUpdate");
    private static final byte[] TRADE = bytes("trade");
    private static final byte[] AGG_TRADE = bytes("aggTrade");
    private static final byte[] SERVER_SHUTDOWN = bytes("serverShutdown");

    private byte[] frame;
    private int at;
    // fields of the event object found by the last scan
    private int typeStart;
    private int typeEnd;
    private int symbolStart;
    private int symbolEnd;
    private long u;
    private long t;
    private long a;
    private boolean hasB;
    private boolean sawData;
    // the field visitors, made once: a lambda per frame was a visible share of the socket thread's garbage
    private final FieldVisitor frameField = this::frameField;
    private final FieldVisitor eventField = this::eventField;
    // symbol → stream keys, reused while the symbol repeats (most frames of a busy stream)
    private byte[] lastSymbol = new byte[0];
    private String depthKey;
    private String tradeKey;
    private String aggTradeKey;
    private String bookTickerKey;

    /** @return the verdict for a well-formed market-data frame, or null to let the full parse decide */
    Inbound classify(byte[] bytes) {
        frame = bytes;
        at = 0;
        typeStart = -1;
        symbolStart = -1;
        u = -1;
        t = -1;
        a = -1;
        hasB = false;
        try {
            if (!scanFrame()) {
                return null;
            }
        } catch (ArrayIndexOutOfBoundsException truncated) {
            return null;
        }
        if (symbolStart < 0) {
            return null;
        }
        if (typeStart < 0) {
            return hasB && u >= 0 ? Inbound.data(keys().bookTickerKey, u) : null;
        }
        if (is(DEPTH_UPDATE)) {
            return u >= 0 ? Inbound.data(keys().depthKey, u) : null;
        }
        if (is(TRADE)) {
            return t >= 0 ? Inbound.data(keys().tradeKey, t) : null;
        }
        if (is(AGG_TRADE)) {
            return a >= 0 ? Inbound.data(keys().aggTradeKey, a) : null;
        }
        // any other event (a futures bookTicker, a kline, ...) is unkeyed data, except the one that rotates
        return is(SERVER_SHUTDOWN) ? null : Inbound.data();
    }

    /** A combined frame {@code {"stream":..,"data":{event}}}, well formed to its last byte. */
    private boolean scanFrame() {
        skipWhitespace();
        if (frame[at++] != '{') {
            return false;
        }
        sawData = false;
        boolean ok = forEachField(frameField);
        skipWhitespace();
        return ok && sawData && at == frame.length;
    }

    private boolean frameField(int keyStart, int keyEnd) {
        if (keyEnd - keyStart == DATA.length && regionEquals(keyStart, DATA) && frame[at] == '{') {
            sawData = true;
            return scanEvent();
        }
        return skipValue();
    }

    /** The event object at {@code at}: notes {@code e}, {@code s}, {@code u}, {@code t}, {@code a}, {@code b}. */
    private boolean scanEvent() {
        at++;
        return forEachField(eventField);
    }

    private boolean eventField(int keyStart, int keyEnd) {
        skipWhitespace();
        if (keyEnd - keyStart != 1) {
            return skipValue();
        }
        switch (frame[keyStart]) {
            case 'e' -> {
                if (!readPlainString()) {
                    return false;
                }
                typeStart = stringStart;
                typeEnd = stringEnd;
                return true;
            }
            case 's' -> {
                if (!readPlainString()) {
                    return false;
                }
                symbolStart = stringStart;
                symbolEnd = stringEnd;
                return true;
            }
            case 'u' -> {
                u = readId();
                return u != BROKEN;
            }
            case 't' -> {
                t = readId();
                return t != BROKEN;
            }
            case 'a' -> {
                a = readId(); // also the best ask price of a bookTicker: a string, skipped
                return a != BROKEN;
            }
            case 'b' -> {
                hasB = true;
                return skipValue();
            }
            default -> {
                return skipValue();
            }
        }
    }

    @FunctionalInterface
    private interface FieldVisitor {
        /** Reads or skips the value at {@code at}; false if the frame is not what the fast path handles. */
        boolean visit(int keyStart, int keyEnd);
    }

    /** Walks the fields of the object whose {@code {} was just consumed, through its closing brace. */
    private boolean forEachField(FieldVisitor visitor) {
        skipWhitespace();
        if (frame[at] == '}') {
            at++;
            return true;
        }
        while (true) {
            skipWhitespace();
            if (!readPlainString()) {
                return false;
            }
            int keyStart = stringStart;
            int keyEnd = stringEnd;
            skipWhitespace();
            if (frame[at++] != ':') {
                return false;
            }
            skipWhitespace();
            if (!visitor.visit(keyStart, keyEnd)) {
                return false;
            }
            skipWhitespace();
            byte next = frame[at++];
            if (next == '}') {
                return true;
            }
            if (next != ',') {
                return false;
            }
        }
    }

    private int stringStart;
    private int stringEnd;

    /** A string without escapes; its content range goes to {@link #stringStart}/{@link #stringEnd}. */
    private boolean readPlainString() {
        if (frame[at] != '"') {
            return false;
        }
        int start = ++at;
        while (frame[at] != '"') {
            if (frame[at] == '\\') {
                return false;
            }
            at++;
        }
        stringStart = start;
        stringEnd = at++;
        return true;
    }

    /**
     * An id: a bare non-negative integer of at most 18 digits; -1 for any other value (skipped: the full parse decides
     * about a string, say); {@link #BROKEN} for a number that is not such an integer (signed, fractional, too long).
     */
    private long readId() {
        if (frame[at] < '0' || frame[at] > '9') {
            return skipValue() ? -1 : BROKEN;
        }
        long value = 0;
        int digits = 0;
        while (frame[at] >= '0' && frame[at] <= '9') {
            value = value * 10 + (frame[at++] - '0');
            if (++digits > 18) {
                return BROKEN;
            }
        }
        byte next = frame[at];
        return next == ',' || next == '}' || next <= ' ' ? value : BROKEN;
    }

    /** Skips one value: a string (escapes allowed), an array or object (nested), or a bare token. */
    private boolean skipValue() {
        skipWhitespace();
        byte first = frame[at];
        if (first == '"') {
            return skipString();
        }
        if (first == '[' || first == '{') {
            int depth = 0;
            do {
                byte c = frame[at];
                if (c == '"') {
                    if (!skipString()) {
                        return false;
                    }
                    continue;
                }
                if (c == '[' || c == '{') {
                    depth++;
                } else if (c == ']' || c == '}') {
                    depth--;
                }
                at++;
            } while (depth > 0);
            return true;
        }
        int start = at;
        while (frame[at] != ',' && frame[at] != '}' && frame[at] != ']' && frame[at] > ' ') {
            at++;
        }
        return at > start;
    }

    private boolean skipString() {
        at++;
        while (frame[at] != '"') {
            at += frame[at] == '\\' ? 2 : 1;
        }
        at++;
        return true;
    }

    private void skipWhitespace() {
        while (at < frame.length && (frame[at] == ' ' || frame[at] == '\n' || frame[at] == '\r' || frame[at] == '\t')) {
            at++;
        }
    }

    private boolean is(byte[] type) {
        return typeEnd - typeStart == type.length && regionEquals(typeStart, type);
    }

    private boolean regionEquals(int start, byte[] expected) {
        for (int i = 0; i < expected.length; i++) {
            if (frame[start + i] != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /** The stream keys of the current symbol, as the full parse would build them ({@code "depth:" + symbol}). */
    private FrameClassifier keys() {
        int length = symbolEnd - symbolStart;
        if (length != lastSymbol.length || !regionEquals(symbolStart, lastSymbol)) {
            lastSymbol = Arrays.copyOfRange(frame, symbolStart, symbolEnd);
            String symbol = new String(lastSymbol, StandardCharsets.UTF_8);
            depthKey = "depth:" + symbol;
            tradeKey = "trade:" + symbol;
            aggTradeKey = "aggTrade:" + symbol;
            bookTickerKey = "bookTicker:" + symbol;
        }
        return this;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}
