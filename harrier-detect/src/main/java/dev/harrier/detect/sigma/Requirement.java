package dev.harrier.detect.sigma;

import java.util.HashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A necessary condition for a (sub)condition to be true, used by the prefilter: at least one of {@code needles}
 * (lower-case ASCII literals, each in its field's value), and the event id is one of {@code eventIds}. {@code null}
 * means "no constraint known". Derived bottom-up: AND keeps the more selective side (and intersects event ids), OR
 * unites (any unconstrained side makes the union unconstrained), NOT gives no constraint.
 */
record Requirement(@Nullable Set<Needle> needles, @Nullable Set<Long> eventIds) {
    static final Requirement NONE = new Requirement(null, null);

    static Requirement and(Requirement a, Requirement b) {
        return new Requirement(better(a.needles, b.needles), intersect(a.eventIds, b.eventIds));
    }

    static Requirement or(Requirement a, Requirement b) {
        return new Requirement(union(a.needles, b.needles), union(a.eventIds, b.eventIds));
    }

    private static <T> @Nullable Set<T> union(@Nullable Set<T> a, @Nullable Set<T> b) {
        if (a == null || b == null) {
            return null;
        }
        Set<T> s = new HashSet<>(a);
        s.addAll(b);
        return s;
    }

    private static <T> @Nullable Set<T> intersect(@Nullable Set<T> a, @Nullable Set<T> b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        Set<T> s = new HashSet<>(a);
        s.retainAll(b);
        return s;
    }

    /** The more selective needle set: longer shortest needle first, then fewer needles. */
    private static @Nullable Set<Needle> better(@Nullable Set<Needle> a, @Nullable Set<Needle> b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        int ma = minLength(a);
        int mb = minLength(b);
        if (Math.min(ma, 8) != Math.min(mb, 8)) {
            return ma > mb ? a : b;
        }
        return a.size() <= b.size() ? a : b;
    }

    static int minLength(Set<Needle> s) {
        int m = Integer.MAX_VALUE;
        for (Needle x : s) {
            m = Math.min(m, x.text().length());
        }
        return m;
    }

    /** The longest run of ASCII characters of a lower-cased literal (ASCII folding is the same everywhere). */
    static String asciiNeedle(String lower) {
        int bestStart = 0;
        int bestLen = 0;
        int start = 0;
        for (int i = 0; i <= lower.length(); i++) {
            if (i == lower.length() || lower.charAt(i) >= 128) {
                if (i - start > bestLen) {
                    bestLen = i - start;
                    bestStart = start;
                }
                start = i + 1;
            }
        }
        return lower.substring(bestStart, bestStart + bestLen);
    }
}
