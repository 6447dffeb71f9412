package org.physicsofai.atlas.trace;

import java.util.Arrays;

/**
 * An open-addressing map from non-negative ints to longs, for the per-search bookkeeping that would
 * otherwise box millions of keys. Sized for the region one search visits, not for the whole graph.
 */
final class IntLongMap {

    private static final int FREE = -1;

    private int[] keys;
    private long[] values;
    private int size;
    private int mask;

    IntLongMap() {
        this(64);
    }

    IntLongMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(16, expected * 2) - 1) << 1;
        keys = new int[capacity];
        values = new long[capacity];
        Arrays.fill(keys, FREE);
        mask = capacity - 1;
    }

    int size() {
        return size;
    }

    boolean containsKey(int key) {
        return keys[slot(key)] == key;
    }

    long get(int key, long absent) {
        int at = slot(key);
        return keys[at] == key ? values[at] : absent;
    }

    void put(int key, long value) {
        int at = slot(key);
        if (keys[at] != key) {
            keys[at] = key;
            if (++size * 2 > keys.length) {
                values[at] = value;
                grow();
                return;
            }
        }
        values[at] = value;
    }

    private int slot(int key) {
        int at = mix(key) & mask;
        while (keys[at] != FREE && keys[at] != key) {
            at = (at + 1) & mask;
        }
        return at;
    }

    private static int mix(int key) {
        int h = key * 0x9E3779B9;
        return h ^ (h >>> 16);
    }

    private void grow() {
        int[] oldKeys = keys;
        long[] oldValues = values;
        keys = new int[oldKeys.length * 2];
        values = new long[oldKeys.length * 2];
        Arrays.fill(keys, FREE);
        mask = keys.length - 1;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != FREE) {
                int at = slot(oldKeys[i]);
                keys[at] = oldKeys[i];
                values[at] = oldValues[i];
            }
        }
    }
}
