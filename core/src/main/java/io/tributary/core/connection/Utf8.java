package io.tributary.core.connection;

/**
 * UTF-8 validation (RFC 3629): rejects overlong forms, surrogates, code points above U+10FFFF and truncated
 * sequences. Netty's own validator closes the connection on failure; ours lets the connection count the frame and
 * go on. ASCII, the bulk of exchange JSON, takes a fast path.
 */
final class Utf8 {

    private Utf8() {
    }

    static boolean isValid(byte[] bytes) {
        int i = 0;
        int length = bytes.length;
        while (i < length) {
            int b = bytes[i];
            if (b >= 0) {
                i++;
                continue;
            }
            int lead = b & 0xFF;
            int need;
            int min;
            if (lead >= 0xC2 && lead <= 0xDF) {
                need = 1;
                min = 0x80;
            } else if (lead >= 0xE0 && lead <= 0xEF) {
                need = 2;
                min = 0x800;
            } else if (lead >= 0xF0 && lead <= 0xF4) {
                need = 3;
                min = 0x10000;
            } else {
                return false; // continuation byte as lead, C0/C1 overlong leads, F5..FF
            }
            if (i + need >= length) {
                return false;
            }
            int codePoint = lead & (0x3F >> need);
            for (int k = 1; k <= need; k++) {
                int c = bytes[i + k] & 0xFF;
                if ((c & 0xC0) != 0x80) {
                    return false;
                }
                codePoint = (codePoint << 6) | (c & 0x3F);
            }
            if (codePoint < min || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
                return false;
            }
            i += need + 1;
        }
        return true;
    }
}
