package dev.harrier.analysis.attribution;

import java.util.Arrays;
import java.util.Set;

/**
 * Which items appear together in actors' profiles: co(u, v) counts the actors that use both, stored as sparse
 * rows. P(v | u) = co(u, v) / Σ co(u, ·). Derived counts for a trial's modified knowledge ({@link #minus}) copy only
 * the rows that change.
 */
final class Cooccurrence {
    private final int[][] items;
    private final int[][] counts;
    private final long[] rowSum;

    private Cooccurrence(int[][] items, int[][] counts, long[] rowSum) {
        this.items = items;
        this.counts = counts;
        this.rowSum = rowSum;
    }

    static Cooccurrence of(KnowledgeSnapshot kb) {
        int v = kb.size();
        int[] df = new int[v];
        for (KnowledgeSnapshot.Group g : kb.groups) {
            for (int x : g.items()) {
                df[x]++;
            }
        }
        int[][] groupsOf = new int[v][];
        int[] fill = new int[v];
        for (int x = 0; x < v; x++) {
            groupsOf[x] = new int[df[x]];
        }
        for (int g = 0; g < kb.groups.size(); g++) {
            for (int x : kb.groups.get(g).items()) {
                groupsOf[x][fill[x]++] = g;
            }
        }
        int[][] items = new int[v][];
        int[][] counts = new int[v][];
        long[] rowSum = new long[v];
        int[] count = new int[v];
        int[] touched = new int[v];
        for (int u = 0; u < v; u++) {
            int nt = 0;
            long sum = 0;
            for (int g : groupsOf[u]) {
                for (int x : kb.groups.get(g).items()) {
                    if (x != u) {
                        if (count[x]++ == 0) {
                            touched[nt++] = x;
                        }
                        sum++;
                    }
                }
            }
            int[] its = Arrays.copyOf(touched, nt);
            Arrays.sort(its);
            int[] c = new int[nt];
            for (int k = 0; k < nt; k++) {
                c[k] = count[its[k]];
                count[its[k]] = 0;
            }
            items[u] = its;
            counts[u] = c;
            rowSum[u] = sum;
        }
        return new Cooccurrence(items, counts, rowSum);
    }

    /**
     * The counts after removing items from one actor's profile ({@code removed} ⊆ {@code groupItems}; removing all
     * of them removes the actor). Pairs within the actor's profile that involve a removed item lose one count.
     */
    Cooccurrence minus(int[] groupItems, Set<Integer> removed) {
        int[][] its = items.clone();
        int[][] cs = counts.clone();
        long[] sums = rowSum.clone();
        boolean[] copied = new boolean[items.length];
        for (int u : groupItems) {
            boolean uRemoved = removed.contains(u);
            for (int v : groupItems) {
                if (u == v || !(uRemoved || removed.contains(v))) {
                    continue;
                }
                if (!copied[u]) {
                    cs[u] = cs[u].clone();
                    copied[u] = true;
                }
                int k = Arrays.binarySearch(its[u], v);
                if (k >= 0 && cs[u][k] > 0) {
                    cs[u][k]--;
                    sums[u]--;
                }
            }
        }
        return new Cooccurrence(its, cs, sums);
    }

    /** The items co-occurring with u (some counts may be 0 after {@link #minus}). */
    int[] items(int u) {
        return items[u];
    }

    int[] counts(int u) {
        return counts[u];
    }

    long rowSum(int u) {
        return rowSum[u];
    }
}
