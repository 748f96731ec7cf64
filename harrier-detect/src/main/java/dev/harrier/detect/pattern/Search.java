package dev.harrier.detect.pattern;

import dev.harrier.detect.pattern.PatternAst.ObservationOperator;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Finds one binding of a pattern's observation expressions to observations.
 *
 * <p>A binding assigns distinct observations to the bracketed observation expressions (REPEATS n counts as n
 * copies). One observed-data object stands for {@code number_observed} observations, all at some time within
 * [{@code first_observed}, {@code last_observed}]; so a binding is kept as a multiset of observed-data objects
 * ({@link Binding}: how many of each object's observations it uses, never more than {@code number_observed}), and the
 * latest {@code first_observed} and earliest {@code last_observed} of its members, which is all the temporal
 * qualifiers need:
 *
 * <ul>
 *   <li>{@code a FOLLOWEDBY b}: timestamps can be chosen so that each of b's is at or after each of a's, i.e.
 *       latest first(a) ≤ earliest last(b);
 *   <li>{@code WITHIN w}: timestamps can be chosen that all lie in a window shorter than w, i.e. latest first −
 *       earliest last &lt; w (STIX 2.1 9.4.1: the latest "MUST NOT be equal to or later than" earliest + w);
 *   <li>{@code START s STOP e}: every member can have a timestamp in [s, e): first &lt; e and last ≥ s.
 * </ul>
 *
 * <p>The search is a depth-first enumeration that stops at the first complete binding. WITHIN and START/STOP are
 * pushed down into their operand (a partial binding that already violates them cannot be completed), REPEATS
 * enumerates combinations, not permutations, and prunes by remaining capacity. Every step costs one unit of a budget;
 * a search that runs out reports itself {@linkplain MatchResult#incomplete() incomplete} instead of running for
 * hours (the reference matcher has no such bound).
 */
final class Search {
    /** A compiled observation expression. */
    abstract static class Node {}

    static final class Atom extends Node {
        final int id;
        final Cond cond;

        Atom(int id, Cond cond) {
            this.id = id;
            this.cond = cond;
        }
    }

    static final class Join extends Node {
        final ObservationOperator op;
        final Node[] kids;

        Join(ObservationOperator op, Node[] kids) {
            this.op = op;
            this.kids = kids;
        }
    }

    static final class Within extends Node {
        final Node inner;
        final Duration window;

        Within(Node inner, Duration window) {
            this.inner = inner;
            this.window = window;
        }
    }

    static final class Repeats extends Node {
        final Node inner;
        final int times;

        Repeats(Node inner, int times) {
            this.inner = inner;
            this.times = times;
        }
    }

    static final class StartStop extends Node {
        final Node inner;
        final Instant start;
        final Instant stop;

        StartStop(Node inner, Instant start, Instant stop) {
            this.inner = inner;
            this.start = start;
            this.stop = stop;
        }
    }

    /** A multiset of observation positions with the aggregate times. */
    static final class Binding {
        final int[] pos;
        final long[] cnt;
        final Instant maxFirst;
        final Instant minLast;

        Binding(int[] pos, long[] cnt, Instant maxFirst, Instant minLast) {
            this.pos = pos;
            this.cnt = cnt;
            this.maxFirst = maxFirst;
            this.minLast = minLast;
        }
    }

    /** Thrown when the budget is spent. */
    static final class OutOfBudget extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutOfBudget() {
            super("search budget exhausted", null, false, false);
        }
    }

    private interface Sink {
        boolean accept(Binding b);
    }

    /** Constraints pushed down from enclosing WITHIN and START/STOP qualifiers. */
    private static final class Limit {
        final @Nullable Duration window;
        final @Nullable Instant start;
        final @Nullable Instant stop;
        final @Nullable Limit outer;

        Limit(@Nullable Duration window, @Nullable Instant start, @Nullable Instant stop, @Nullable Limit outer) {
            this.window = window;
            this.start = start;
            this.stop = stop;
            this.outer = outer;
        }
    }

    private final Obs[] obs;
    private final int atomCount;
    private final int[][] atomMatches;
    private long budget;
    private @Nullable Binding found;

    Search(Obs[] obs, int atomCount, long budget) {
        this.obs = obs;
        this.atomCount = atomCount;
        this.atomMatches = new int[atomCount][];
        this.budget = budget;
    }

    /** The first binding found, or null; throws {@link OutOfBudget}. */
    @Nullable
    Binding run(Node root) {
        found = null;
        run(root, null, b -> {
            found = b;
            return true;
        });
        return found;
    }

    private void step() {
        if (--budget < 0) {
            throw new OutOfBudget();
        }
    }

    private static boolean allowed(Binding b, @Nullable Limit lim) {
        for (Limit l = lim; l != null; l = l.outer) {
            if (l.window != null && b.maxFirst.isAfter(b.minLast)) {
                if (Duration.between(b.minLast, b.maxFirst).compareTo(l.window) >= 0) {
                    return false;
                }
            }
            if (l.start != null && (b.minLast.isBefore(l.start) || !b.maxFirst.isBefore(l.stop))) {
                return false;
            }
        }
        return true;
    }

    private int[] matches(Atom a) {
        int[] m = atomMatches[a.id];
        if (m == null) {
            int[] tmp = new int[obs.length];
            int n = 0;
            // not charged to the budget: linear, and the index evaluates on fewer observations than a lone match
            for (int i = 0; i < obs.length; i++) {
                if (Cond.matches(a.cond, obs[i])) {
                    tmp[n++] = i;
                }
            }
            m = Arrays.copyOf(tmp, n);
            atomMatches[a.id] = m;
        }
        return m;
    }

    private Binding single(int p) {
        return new Binding(new int[] {p}, new long[] {1}, obs[p].first, obs[p].last);
    }

    /** {@code a} plus {@code times} copies of {@code b}; null when an observed-data object runs out of observations. */
    private @Nullable Binding merge(@Nullable Binding a, Binding b, long times) {
        if (a == null) {
            long[] cnt = new long[b.cnt.length];
            for (int i = 0; i < cnt.length; i++) {
                cnt[i] = b.cnt[i] * times;
                if (cnt[i] > obs[b.pos[i]].count) {
                    return null;
                }
            }
            return new Binding(b.pos, cnt, b.maxFirst, b.minLast);
        }
        int[] pos = new int[a.pos.length + b.pos.length];
        long[] cnt = new long[pos.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < a.pos.length || j < b.pos.length) {
            if (j >= b.pos.length || (i < a.pos.length && a.pos[i] < b.pos[j])) {
                pos[k] = a.pos[i];
                cnt[k++] = a.cnt[i++];
            } else if (i >= a.pos.length || b.pos[j] < a.pos[i]) {
                pos[k] = b.pos[j];
                cnt[k++] = b.cnt[j++] * times;
                if (cnt[k - 1] > obs[pos[k - 1]].count) {
                    return null;
                }
            } else {
                pos[k] = a.pos[i];
                cnt[k] = a.cnt[i++] + b.cnt[j++] * times;
                if (cnt[k] > obs[pos[k]].count) {
                    return null;
                }
                k++;
            }
        }
        Instant maxFirst = a.maxFirst.isAfter(b.maxFirst) ? a.maxFirst : b.maxFirst;
        Instant minLast = a.minLast.isBefore(b.minLast) ? a.minLast : b.minLast;
        return new Binding(
                k == pos.length ? pos : Arrays.copyOf(pos, k),
                k == cnt.length ? cnt : Arrays.copyOf(cnt, k),
                maxFirst,
                minLast);
    }

    /** Enumerates the bindings of {@code n} that satisfy {@code lim}; true when {@code sink} stopped the search. */
    private boolean run(Node n, @Nullable Limit lim, Sink sink) {
        if (n instanceof Atom a) {
            for (int p : matches(a)) {
                step();
                Binding b = single(p);
                if (allowed(b, lim) && sink.accept(b)) {
                    return true;
                }
            }
            return false;
        }
        if (n instanceof Within w) {
            Limit inner = new Limit(w.window, null, null, lim);
            return run(w.inner, inner, sink);
        }
        if (n instanceof StartStop s) {
            if (!s.start.isBefore(s.stop)) {
                return false;
            }
            return run(s.inner, new Limit(null, s.start, s.stop, lim), sink);
        }
        if (n instanceof Repeats r) {
            return repeats(r, lim, sink);
        }
        Join j = (Join) n;
        if (j.op == ObservationOperator.OR) {
            for (Node k : j.kids) {
                if (run(k, lim, sink)) {
                    return true;
                }
            }
            return false;
        }
        return join(j, 0, null, lim, sink);
    }

    private boolean join(Join j, int i, @Nullable Binding acc, @Nullable Limit lim, Sink sink) {
        if (i == j.kids.length) {
            return sink.accept(acc);
        }
        boolean followed = j.op == ObservationOperator.FOLLOWEDBY;
        return run(j.kids[i], lim, b -> {
            step();
            if (followed && acc != null && acc.maxFirst.isAfter(b.minLast)) {
                return false;
            }
            Binding m = merge(acc, b, 1);
            return m != null && allowed(m, lim) && join(j, i + 1, m, lim, sink);
        });
    }

    private static final class Frame {
        final int start;
        int i = -1;
        long m;
        final @Nullable Binding acc;
        final long rem;

        Frame(int start, @Nullable Binding acc, long rem) {
            this.start = start;
            this.acc = acc;
            this.rem = rem;
        }
    }

    private boolean repeats(Repeats r, @Nullable Limit lim, Sink sink) {
        List<Binding> all = new ArrayList<>();
        run(r.inner, lim, b -> {
            all.add(b);
            return false;
        });
        if (all.isEmpty()) {
            return false;
        }
        // the most copies each binding could supply alone, summed from the end: a capacity bound for pruning
        long[] suffix = new long[all.size() + 1];
        for (int i = all.size() - 1; i >= 0; i--) {
            suffix[i] = Math.min((long) Integer.MAX_VALUE, suffix[i + 1] + maxCopies(null, all.get(i), r.times));
        }
        Deque<Frame> stack = new ArrayDeque<>();
        stack.push(new Frame(0, null, r.times));
        while (!stack.isEmpty()) {
            step();
            Frame f = stack.peek();
            if (f.rem == 0) {
                stack.pop();
                if (sink.accept(f.acc)) {
                    return true;
                }
                continue;
            }
            if (f.m <= 1) {
                f.i = f.i < 0 ? f.start : f.i + 1;
                if (f.i >= all.size() || suffix[f.i] < f.rem) {
                    stack.pop();
                    continue;
                }
                f.m = maxCopies(f.acc, all.get(f.i), f.rem) + 1;
                if (f.m <= 1) {
                    f.m = 0;
                    continue;
                }
            }
            f.m--;
            step();
            Binding next = merge(f.acc, all.get(f.i), f.m);
            if (next != null && allowed(next, lim)) {
                stack.push(new Frame(f.i + 1, next, f.rem - f.m));
            }
        }
        return false;
    }

    /** How many more copies of {@code b} fit next to {@code acc}, at most {@code want}. */
    private long maxCopies(@Nullable Binding acc, Binding b, long want) {
        long best = want;
        for (int i = 0; i < b.pos.length; i++) {
            long used = 0;
            if (acc != null) {
                int k = Arrays.binarySearch(acc.pos, b.pos[i]);
                used = k >= 0 ? acc.cnt[k] : 0;
            }
            long free = obs[b.pos[i]].count - used;
            best = Math.min(best, free / b.cnt[i]);
        }
        return Math.max(0, best);
    }

    int atomCount() {
        return atomCount;
    }
}
