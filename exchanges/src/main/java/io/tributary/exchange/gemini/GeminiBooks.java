package io.tributary.exchange.gemini;

import com.alibaba.fastjson2.JSONObject;
import io.tributary.book.L2Update;
import io.tributary.book.SymbolBook;
import io.tributary.exchange.gemini.GeminiDecoder.Kind;
import java.util.Collection;
import java.util.List;
import java.util.function.Consumer;

/** The books of one Gemini connector, as v1 or v2 keeps them: what the connector's book thread drives. */
interface GeminiBooks {

    /** A socket opened carrying {@code symbols}, before any of its messages. */
    default void socketOpened(long socketId, List<String> symbols) {
    }

    /** Handles one message of socket {@code socketId}; trades it carries go to {@code trades}. */
    Kind onMessage(long socketId, JSONObject message, Consumer<GeminiTrade> trades);

    /** @param replaced true if another socket carrying the same symbols is live (a rotation) */
    void socketLost(long socketId, boolean replaced);

    /** Frames were lost on the way to the book thread (its queue overflowed): no book can be trusted. */
    void framesLost();

    /** @return the last decoded book message (reused) */
    L2Update lastUpdate();

    /** @return the symbol's book, or null if never seen */
    SymbolBook book(String symbol);

    Collection<SymbolBook> books();

    /** @return messages the decoder rejected */
    long rejected();
}
