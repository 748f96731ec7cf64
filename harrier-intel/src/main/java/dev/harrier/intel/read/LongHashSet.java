package dev.harrier.intel.read;

/** A set of longs with open addressing: 8 to 16 bytes per entry, for "seen before" checks over millions of ids. */
final class LongHashSet {
    private long[] slots = new long[1024];
    private boolean hasZero;
    private int size;

    /** Adds {@code v}; false when it was present. */
    boolean add(long v) {
        if (v == 0) {
            boolean added = !hasZero;
            hasZero = true;
            return added;
        }
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        if (insert(slots, v)) {
            size++;
            return true;
        }
        return false;
    }

    private static boolean insert(long[] table, long v) {
        int mask = table.length - 1;
        int i = (int) (mix(v) & mask);
        while (table[i] != 0) {
            if (table[i] == v) {
                return false;
            }
            i = (i + 1) & mask;
        }
        table[i] = v;
        return true;
    }

    private void grow() {
        long[] bigger = new long[slots.length * 2];
        for (long v : slots) {
            if (v != 0) {
                insert(bigger, v);
            }
        }
        slots = bigger;
    }

    private static long mix(long v) {
        long h = v * 0x9E3779B97F4A7C15L;
        return h ^ (h >>> 32);
    }
}
