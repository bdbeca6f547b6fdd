package io.tributary.exchange.json;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Interns symbol texts read from message bytes: a symbol is allocated as a {@code String} the first time it is
 * seen, then found again by hash and byte comparison without allocating. Single-threaded; grows as needed.
 */
public final class SymbolTable {

    private byte[][] keys = new byte[64][];
    private String[] values = new String[64];
    private int size;

    /** @return the interned string for {@code bytes[from, to)} */
    public String intern(byte[] bytes, int from, int to) {
        int mask = keys.length - 1;
        int slot = hash(bytes, from, to) & mask;
        while (keys[slot] != null) {
            byte[] key = keys[slot];
            if (Arrays.equals(key, 0, key.length, bytes, from, to)) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
        byte[] key = Arrays.copyOfRange(bytes, from, to);
        String value = new String(key, StandardCharsets.UTF_8);
        keys[slot] = key;
        values[slot] = value;
        if (++size * 2 > keys.length) {
            grow();
        }
        return value;
    }

    private void grow() {
        byte[][] oldKeys = keys;
        String[] oldValues = values;
        keys = new byte[oldKeys.length * 2][];
        values = new String[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                int slot = hash(oldKeys[i], 0, oldKeys[i].length) & mask;
                while (keys[slot] != null) {
                    slot = (slot + 1) & mask;
                }
                keys[slot] = oldKeys[i];
                values[slot] = oldValues[i];
            }
        }
    }

    private static int hash(byte[] bytes, int from, int to) {
        int h = 0x811c9dc5;
        for (int i = from; i < to; i++) {
            h = (h ^ bytes[i]) * 0x01000193;
        }
        return h ^ (h >>> 16);
    }
}
