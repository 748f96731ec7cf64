package dev.harrier.detect.ioc;

import java.time.Instant;
import java.util.Arrays;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The entries of an index in columns, numbered from 0: indicator ids of the usual {@code indicator--<uuid>} form as
 * two longs, names and values in {@link TextPool}s, kinds as bytes, validity bounds only when some entry has them.
 * {@link #get} rebuilds an {@link IocEntry} (only hits need one). Also holds the chains of entries that share a
 * key ({@link #next}).
 */
final class IocEntries {
    private static final String PREFIX = "indicator--";
    private static final IocKind[] KINDS = IocKind.values();

    private final TextPool names = new TextPool();
    private final TextPool values = new TextPool();
    private long[] idHigh = new long[16];
    private long[] idLow = new long[16];
    private @Nullable String @Nullable [] otherIds;
    private byte[] kinds = new byte[16];
    private int[] next = new int[16];
    private @Nullable Instant @Nullable [] from;
    private @Nullable Instant @Nullable [] until;
    private int size;

    /** Adds an entry (its value already normalised); answers its number. */
    int add(IocEntry e) {
        if (size == kinds.length) {
            int n = size * 2;
            idHigh = Arrays.copyOf(idHigh, n);
            idLow = Arrays.copyOf(idLow, n);
            kinds = Arrays.copyOf(kinds, n);
            next = Arrays.copyOf(next, n);
            if (otherIds != null) {
                otherIds = Arrays.copyOf(otherIds, n);
            }
            if (from != null) {
                from = Arrays.copyOf(from, n);
                until = Arrays.copyOf(until, n);
            }
        }
        int i = size++;
        if (!uuid(e.indicatorId(), i)) {
            if (otherIds == null) {
                otherIds = new String[kinds.length];
            }
            otherIds[i] = e.indicatorId();
        }
        names.add(e.name());
        values.add(e.value());
        kinds[i] = (byte) e.kind().ordinal();
        next[i] = -1;
        if (e.validFrom() != null || e.validUntil() != null) {
            if (from == null) {
                from = new Instant[kinds.length];
                until = new Instant[kinds.length];
            }
            from[i] = e.validFrom();
            until[i] = e.validUntil();
        }
        return i;
    }

    /**
     * Whether the id is exactly {@code indicator--} and a UUID in its canonical lower-case text (then its bits go to
     * {@link #idHigh} and {@link #idLow} at {@code i}, and {@code new UUID(high, low)} gives the same text back).
     */
    private boolean uuid(String id, int i) {
        if (id.length() != PREFIX.length() + 36 || !id.startsWith(PREFIX)) {
            return false;
        }
        long high = 0;
        long low = 0;
        int digits = 0;
        for (int k = 0; k < 36; k++) {
            char c = id.charAt(PREFIX.length() + k);
            if (k == 8 || k == 13 || k == 18 || k == 23) {
                if (c != '-') {
                    return false;
                }
                continue;
            }
            int d;
            if (c >= '0' && c <= '9') {
                d = c - '0';
            } else if (c >= 'a' && c <= 'f') {
                d = c - 'a' + 10;
            } else {
                return false;
            }
            if (digits < 16) {
                high = (high << 4) | d;
            } else {
                low = (low << 4) | d;
            }
            digits++;
        }
        idHigh[i] = high;
        idLow[i] = low;
        return true;
    }

    int size() {
        return size;
    }

    /** Appends entry {@code e} to the chain that starts at {@code head}. */
    void chain(int head, int e) {
        int i = head;
        while (next[i] >= 0) {
            i = next[i];
        }
        next[i] = e;
    }

    /** The entry after {@code i} with the same key, or -1. */
    int next(int i) {
        return next[i];
    }

    TextPool values() {
        return values;
    }

    IocKind kind(int i) {
        return KINDS[kinds[i]];
    }

    /** The indicator id of entry {@code i}. */
    String indicatorId(int i) {
        String[] o = otherIds;
        String s = o == null ? null : o[i];
        return s != null ? s : PREFIX + new UUID(idHigh[i], idLow[i]);
    }

    /** Whether entry {@code i} has a validity window (else it is valid at any time). */
    boolean bounded(int i) {
        Instant[] f = from;
        Instant[] u = until;
        return f != null && u != null && (f[i] != null || u[i] != null);
    }

    /** Entry {@code i} as an {@link IocEntry}. */
    IocEntry get(int i) {
        Instant[] f = from;
        Instant[] u = until;
        return new IocEntry(
                indicatorId(i), names.get(i), kind(i), values.get(i), f == null ? null : f[i], u == null ? null : u[i]);
    }

    /** Drops the room kept for growth. */
    void trim() {
        idHigh = Arrays.copyOf(idHigh, size);
        idLow = Arrays.copyOf(idLow, size);
        kinds = Arrays.copyOf(kinds, size);
        next = Arrays.copyOf(next, size);
        if (otherIds != null) {
            otherIds = Arrays.copyOf(otherIds, size);
        }
        if (from != null && until != null) {
            from = Arrays.copyOf(from, size);
            until = Arrays.copyOf(until, size);
        }
        names.trim();
        values.trim();
    }
}
