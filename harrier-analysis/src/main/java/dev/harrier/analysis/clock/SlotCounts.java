package dev.harrier.analysis.clock;

import java.util.Arrays;

/**
 * Event counts per UTC quarter-hour slot (slot = epoch second / 900, floored): an open-addressing hash map from slot to
 * count, so that a million timestamps shrink to at most one entry per quarter-hour of the active span.
 */
final class SlotCounts {
    private static final long EMPTY = Long.MIN_VALUE;

    private long[] keys = newKeys(1024);
    private int[] values = new int[1024];
    private int size;

    private static long[] newKeys(int capacity) {
        long[] k = new long[capacity];
        Arrays.fill(k, EMPTY);
        return k;
    }

    /** Adds {@code n} events to {@code slot}. */
    void add(long slot, int n) {
        if ((size + 1) * 4L > keys.length * 3L) {
            grow();
        }
        int i = index(slot, keys.length);
        while (keys[i] != EMPTY && keys[i] != slot) {
            i = (i + 1) & (keys.length - 1);
        }
        if (keys[i] == EMPTY) {
            keys[i] = slot;
            size++;
        }
        values[i] += n;
    }

    /** The number of distinct slots. */
    int size() {
        return size;
    }

    /** The slots in ascending order with their counts: {@code slots[i]} holds {@code counts[i]} events. */
    Sorted sorted() {
        long[] s = new long[size];
        int n = 0;
        for (long k : keys) {
            if (k != EMPTY) {
                s[n++] = k;
            }
        }
        Arrays.sort(s);
        int[] c = new int[size];
        for (int j = 0; j < size; j++) {
            c[j] = get(s[j]);
        }
        return new Sorted(s, c);
    }

    private int get(long slot) {
        int i = index(slot, keys.length);
        while (keys[i] != slot) {
            if (keys[i] == EMPTY) {
                return 0;
            }
            i = (i + 1) & (keys.length - 1);
        }
        return values[i];
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = newKeys(oldKeys.length * 2);
        values = new int[oldKeys.length * 2];
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldKeys[j] != EMPTY) {
                int i = index(oldKeys[j], keys.length);
                while (keys[i] != EMPTY) {
                    i = (i + 1) & (keys.length - 1);
                }
                keys[i] = oldKeys[j];
                values[i] = oldValues[j];
            }
        }
    }

    private static int index(long key, int capacity) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h >>> 40) & (capacity - 1);
    }

    /** Slots in ascending order and their event counts (parallel arrays). */
    @SuppressWarnings("ArrayRecordComponent") // internal, never compared
    record Sorted(long[] slots, int[] counts) {
        int size() {
            return slots.length;
        }
    }
}
