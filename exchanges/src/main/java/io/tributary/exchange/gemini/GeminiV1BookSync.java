package io.tributary.exchange.gemini;

import com.alibaba.fastjson2.JSONObject;
import io.tributary.book.BookChecksum;
import io.tributary.book.L2Book;
import io.tributary.book.L2Update;
import io.tributary.book.SequenceTracker;
import io.tributary.book.SymbolBook;
import io.tributary.book.SyncListener;
import io.tributary.book.SyncState;
import io.tributary.book.Unsequenced;
import io.tributary.exchange.Scales;
import io.tributary.exchange.SymbolBooks;
import io.tributary.exchange.gemini.GeminiDecoder.Kind;
import io.tributary.model.GapReason;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Keeps the Gemini v1 books, one socket per symbol. A socket's messages are numbered by {@code socket_sequence}
 * from 0, heartbeats included: a session is one socket whose numbers run without a hole. A hole (or a socket whose
 * first number is not 0), or a numbered message that cannot be read, puts that symbol alone out of sync and asks
 * for its socket to be replaced; the new socket starts at 0 with the whole book as {@code reason:"initial"}
 * changes, which makes the book live again. Book changes from an abandoned socket are ignored; its trades are still
 * real and are handed on (deduplicated by the caller). Single writer thread.
 */
public final class GeminiV1BookSync implements GeminiBooks {

    private static final long NO_SOCKET = Long.MIN_VALUE;

    private final GeminiV1Decoder decoder;
    private final L2Update update = new L2Update();
    private final SymbolBooks books;
    private final LongConsumer replaceSocket;
    private final Map<Long, String> symbolBySocket = new HashMap<>();
    private final Map<String, Session> sessions = new HashMap<>();
    private long crossedResyncs;
    private long ignoredFrames;
    private boolean socketGone;

    /**
     * @param replaceSocket asked to replace a socket (by id) whose sequence or book broke
     * @param listener      told about every gap and resync; may be null
     */
    public GeminiV1BookSync(Scales scales, LongConsumer replaceSocket, SyncListener listener) {
        this.decoder = new GeminiV1Decoder(scales);
        this.replaceSocket = replaceSocket;
        this.books = new SymbolBooks("gemini", new SymbolBooks.Factory() {
            @Override
            public L2Book book(String symbol) {
                return new L2Book(symbol, scales.priceScale(symbol), scales.sizeScale(symbol));
            }

            @Override
            public SequenceTracker tracker() {
                return new Unsequenced(); // the sequence is the socket's, checked here across heartbeats
            }

            @Override
            public BookChecksum checksum() {
                return null;
            }
        }, (symbol, firstSync) -> {
            if (!firstSync) {
                abandon(symbol);
            }
        }, listener, false);
    }

    /** A socket for {@code symbol} opened (before any of its messages). */
    @Override
    public void socketOpened(long socketId, List<String> symbols) {
        if (!symbols.isEmpty()) {
            symbolBySocket.put(socketId, symbols.getFirst());
        }
    }

    @Override
    public Kind onMessage(long socketId, JSONObject message, Consumer<GeminiTrade> trades) {
        String symbol = symbolBySocket.get(socketId);
        return symbol == null ? Kind.OTHER : onMessage(symbol, socketId, message, trades);
    }

    /** Handles one message of {@code symbol}'s socket {@code socketId}; trades it carries go to {@code trades}. */
    public Kind onMessage(String symbol, long socketId, JSONObject message, Consumer<GeminiTrade> trades) {
        if (!(message.get("socket_sequence") instanceof Number number)) {
            return Kind.REJECTED; // the protocol already counted it
        }
        long sequence = number.longValue();
        Session session = sessions.computeIfAbsent(symbol, s -> new Session());
        SymbolBook book = books.bookFor(symbol);
        if (session.socket != socketId) {
            if (sequence == 0) {
                // a new socket: its first message starts the session; the sockets before it have delivered
                symbolBySocket.remove(session.socket);
                symbolBySocket.remove(session.abandoned);
                session.socket = socketId;
                session.next = 0;
            } else if (session.abandoned == socketId) {
                ignoredFrames++;
                return decoder.decode(symbol, message, update, trades) == Kind.REJECTED ? Kind.REJECTED : Kind.OTHER;
            } else {
                session.socket = socketId; // a socket whose first message is not 0 missed the start
                session.next = 0;
            }
        }
        if (sequence != session.next) {
            book.markOutOfSync(GapReason.SEQUENCE_GAP, session.next, sequence); // abandons the socket
            decoder.decode(symbol, message, update, trades); // its trades happened all the same
            return Kind.OTHER;
        }
        session.next = sequence + 1;
        Kind kind = decoder.decode(symbol, message, update, trades);
        if (kind == Kind.REJECTED) {
            // numbered but unreadable: it may have changed the book, which can no longer be trusted
            book.markOutOfSync(GapReason.VALUE_REJECTED, L2Update.NONE, L2Update.NONE);
        } else if (kind == Kind.BOOK) {
            books.onUpdate(update);
            if (book.state() == SyncState.LIVE && book.book().isCrossed()) {
                crossedResyncs++; // a lost change the sequence did not show
                book.markOutOfSync(GapReason.SEQUENCE_GAP, L2Update.NONE, L2Update.NONE);
            }
        }
        return kind;
    }

    /**
     * The socket went away: if it carried its symbol's session and no replacement is live, that book is stale until
     * the reconnect's book. Its frames still queued are then treated as an abandoned socket's.
     */
    @Override
    public void socketLost(long socketId, boolean replaced) {
        String symbol = symbolBySocket.get(socketId);
        Session session = symbol == null ? null : sessions.get(symbol);
        if (replaced || session == null || session.socket != socketId) {
            return; // a rotation (the new socket's book replaces this one's), or a socket that never delivered
        }
        socketGone = true; // nothing to replace: the feed reconnects
        try {
            books.bookFor(symbol).markOutOfSync(GapReason.SEQUENCE_GAP, L2Update.NONE, L2Update.NONE);
        } finally {
            socketGone = false;
        }
    }

    /** Frames were lost before they reached this thread: every book is stale and every socket is replaced. */
    @Override
    public void framesLost() {
        for (SymbolBook book : List.copyOf(books.all())) {
            if (book.state() == SyncState.LIVE) {
                book.markOutOfSync(GapReason.SEQUENCE_GAP, L2Update.NONE, L2Update.NONE);
            }
        }
    }

    private void abandon(String symbol) {
        Session session = sessions.get(symbol);
        if (session == null || session.socket == NO_SOCKET) {
            return;
        }
        session.abandoned = session.socket;
        session.socket = NO_SOCKET;
        if (!socketGone) {
            replaceSocket.accept(session.abandoned);
        }
    }

    @Override
    public L2Update lastUpdate() {
        return update;
    }

    @Override
    public SymbolBook book(String symbol) {
        return books.get(symbol);
    }

    @Override
    public Collection<SymbolBook> books() {
        return books.all();
    }

    /** @return times an update left a book crossed (a lost message) and the symbol's socket was replaced */
    public long crossedResyncs() {
        return crossedResyncs;
    }

    /** @return frames of abandoned sockets whose book changes were ignored */
    public long ignoredFrames() {
        return ignoredFrames;
    }

    @Override
    public long rejected() {
        return decoder.rejected();
    }

    /** One symbol's socket session: the socket that carries it and the socket_sequence expected next. */
    private static final class Session {
        long socket = NO_SOCKET;
        long abandoned = NO_SOCKET;
        long next;
    }
}
