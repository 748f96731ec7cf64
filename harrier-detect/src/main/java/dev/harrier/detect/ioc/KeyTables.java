package dev.harrier.detect.ioc;

import org.jspecify.annotations.Nullable;

/**
 * Open-addressing hash tables from a key to the first entry (an index into the index's entry arrays) of the chain
 * of entries with that key; no boxing, no nodes, no key strings. Each keeps {@code head + 1} in an {@code int[]}
 * ({@code head + 2} in the domain table, whose keys may have no entry: -1, a label suffix of some indicator
 * domain), so 0 marks an empty slot.
 */
final class KeyTables {
    private KeyTables() {}

    /** Entry heads by {@code int} key (IPv4 addresses, masked network addresses). */
    static final class Ints {
        /** Key at {@code 2i}, head + 1 at {@code 2i + 1}: a probe reads one cache line. */
        private int[] slots = new int[32];

        private int size;
        private @Nullable Filter filter;

        /** The head entry of {@code key}, or -1. */
        int get(int key) {
            Filter f = filter;
            if (f != null && !f.mayContain(Filter.fmix(key))) {
                return -1;
            }
            int[] t = slots;
            int mask = (t.length >>> 1) - 1;
            for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
                int h = t[2 * i + 1];
                if (h == 0) {
                    return -1;
                }
                if (t[2 * i] == key) {
                    return h - 1;
                }
            }
        }

        /** Sets the head of {@code key} when it has none; answers the existing head or -1. */
        int putIfAbsent(int key, int head) {
            if ((size + 1) * 4 > slots.length) {
                grow();
            }
            int[] t = slots;
            int mask = (t.length >>> 1) - 1;
            for (int i = mix(key) & mask; ; i = (i + 1) & mask) {
                int h = t[2 * i + 1];
                if (h == 0) {
                    t[2 * i] = key;
                    t[2 * i + 1] = head + 1;
                    size++;
                    return -1;
                }
                if (t[2 * i] == key) {
                    return h - 1;
                }
            }
        }

        boolean isEmpty() {
            return size == 0;
        }

        /** Puts a {@link Filter} in front of a large table; call when no more keys come. */
        void freeze() {
            if (size >= Filter.MIN_KEYS) {
                Filter f = new Filter(size);
                for (int i = 0; i < slots.length; i += 2) {
                    if (slots[i + 1] != 0) {
                        f.add(Filter.fmix(slots[i]));
                    }
                }
                filter = f;
            }
        }

        private void grow() {
            int[] old = slots;
            slots = new int[old.length * 2];
            size = 0;
            for (int i = 0; i < old.length; i += 2) {
                if (old[i + 1] != 0) {
                    putIfAbsent(old[i], old[i + 1] - 1);
                }
            }
        }

        private static int mix(int key) {
            int h = key * 0x9E3779B9;
            return h ^ (h >>> 16);
        }
    }

    /** Entry heads by 64-bit hash (domain label suffixes); a key may have no entry (head -1, an inner suffix). */
    static final class Longs {
        /** Head value of a key present without entries. */
        static final int INNER = -1;

        /** Answer of {@link #get} for a key not present. */
        static final int MISSING = -2;

        /** Stands for key 0, which marks empty slots (a collision with it only costs a confirmation). */
        private static final long ZERO = 0x9E3779B97F4A7C15L;

        private long[] keys = new long[16];
        private int[] heads = new int[16];
        private int size;
        private @Nullable Filter filter;

        /** The head entry of {@code key}, {@link #INNER} when present without one, or {@link #MISSING}. */
        int get(long key) {
            long k = key == 0 ? ZERO : key;
            Filter f = filter;
            if (f != null && !f.mayContain((int) (k >>> 40))) {
                return MISSING;
            }
            long[] ks = keys;
            int mask = ks.length - 1;
            for (int i = mix(k) & mask; ; i = (i + 1) & mask) {
                long x = ks[i];
                if (x == k) {
                    return heads[i] - 2;
                }
                if (x == 0) {
                    return MISSING;
                }
            }
        }

        /**
         * Adds {@code key}: with head {@code head} (or {@link #INNER}); an inner key given a head takes it. Answers
         * the head it had before ({@link #INNER}, {@link #MISSING}, or an entry, which is kept).
         */
        int put(long key, int head) {
            if ((size + 1) * 2 > keys.length) {
                grow();
            }
            long k = key == 0 ? ZERO : key;
            int mask = keys.length - 1;
            for (int i = mix(k) & mask; ; i = (i + 1) & mask) {
                long x = keys[i];
                if (x == 0) {
                    keys[i] = k;
                    heads[i] = head + 2;
                    size++;
                    return MISSING;
                }
                if (x == k) {
                    int h = heads[i];
                    if (h - 2 == INNER && head != INNER) {
                        heads[i] = head + 2;
                    }
                    return h - 2;
                }
            }
        }

        boolean isEmpty() {
            return size == 0;
        }

        /** Puts a {@link Filter} in front of a large table; call when no more keys come. */
        void freeze() {
            if (size >= Filter.MIN_KEYS) {
                Filter f = new Filter(size);
                for (long k : keys) {
                    if (k != 0) {
                        f.add((int) (k >>> 40));
                    }
                }
                filter = f;
            }
        }

        private void grow() {
            long[] k = keys;
            int[] h = heads;
            keys = new long[k.length * 2];
            heads = new int[k.length * 2];
            size = 0;
            for (int i = 0; i < k.length; i++) {
                if (k[i] != 0) {
                    put(k[i], h[i] - 2);
                }
            }
        }

        private static int mix(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h >>> 32) ^ (int) h;
        }
    }

    /**
     * A one-hash bit set in front of a large table, 16 bits per key (about 6 % of absent keys pass): a clear bit
     * proves a key absent from an array small enough to stay in cache, where a probe of the table itself would
     * mostly miss it.
     */
    static final class Filter {
        /** Tables smaller than this do without. */
        static final int MIN_KEYS = 16_384;

        private final long[] bits;
        private final int mask;

        Filter(int keys) {
            int n = Integer.highestOneBit(Math.max(64, keys * 16 - 1)) << 1;
            bits = new long[n >>> 6];
            mask = n - 1;
        }

        void add(int hash) {
            int b = hash & mask;
            bits[b >>> 6] |= 1L << b;
        }

        /** MurmurHash3's finaliser: every input bit reaches the low bits the filter uses. */
        static int fmix(int x) {
            int h = x;
            h ^= h >>> 16;
            h *= 0x85EBCA6B;
            h ^= h >>> 13;
            h *= 0xC2B2AE35;
            return h ^ (h >>> 16);
        }

        boolean mayContain(int hash) {
            int b = hash & mask;
            return (bits[b >>> 6] & (1L << b)) != 0;
        }
    }

    /**
     * Entry heads by string (hashes, URLs and the other exact values). The keys are not stored: a slot holds the
     * key's hash and the head entry, whose value in the pool is the key.
     */
    static final class Texts {
        private final TextPool values;
        private int[] hashes = new int[16];
        private int[] heads = new int[16];
        private int size;

        Texts(TextPool values) {
            this.values = values;
        }

        /** The head entry of {@code key}, or -1. */
        int get(String key) {
            int hash = key.hashCode();
            int mask = hashes.length - 1;
            for (int i = mix(hash) & mask; ; i = (i + 1) & mask) {
                int h = heads[i];
                if (h == 0) {
                    return -1;
                }
                if (hashes[i] == hash && values.equalsAt(h - 1, key)) {
                    return h - 1;
                }
            }
        }

        /** Sets the head of {@code key} (the value of entry {@code head}) when it has none; answers the existing head or -1. */
        int putIfAbsent(String key, int head) {
            if ((size + 1) * 2 > hashes.length) {
                grow();
            }
            int hash = key.hashCode();
            int mask = hashes.length - 1;
            for (int i = mix(hash) & mask; ; i = (i + 1) & mask) {
                int h = heads[i];
                if (h == 0) {
                    hashes[i] = hash;
                    heads[i] = head + 1;
                    size++;
                    return -1;
                }
                if (hashes[i] == hash && values.equalsAt(h - 1, key)) {
                    return h - 1;
                }
            }
        }

        boolean isEmpty() {
            return size == 0;
        }

        private void grow() {
            int[] k = hashes;
            int[] h = heads;
            hashes = new int[k.length * 2];
            heads = new int[k.length * 2];
            int mask = hashes.length - 1;
            for (int j = 0; j < k.length; j++) {
                if (h[j] != 0) {
                    int i = mix(k[j]) & mask;
                    while (heads[i] != 0) {
                        i = (i + 1) & mask;
                    }
                    hashes[i] = k[j];
                    heads[i] = h[j];
                }
            }
        }

        private static int mix(int hash) {
            int h = hash * 0x9E3779B9;
            return h ^ (h >>> 16);
        }
    }
}
