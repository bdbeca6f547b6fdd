package io.tributary.core.connection;

/** How an exchange compresses its binary frames. */
public enum Compression {
    /** Binary frames are delivered as binary messages, untouched. */
    NONE,
    /** Binary frames are gzip-compressed JSON text (e.g. HTX/Huobi market data). */
    GZIP,
    /** Binary frames are raw-deflate-compressed JSON text (e.g. OKX's old v3 API). */
    DEFLATE
}
