package dev.harrier.analysis.attribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The "partial novelty" protocol's draws for one actor and seed: {@code size} of its relations form the incident,
 * the first {@code novel} of them are removed from its profile for the trial, and {@code noise} items are drawn
 * from the most common relations across all actors that the actor is not known for. Deterministic in (seed, actor
 * id), independent of the order of actors.
 * The incident holds the actor's drawn relations, then the noise.
 */
final class TrialDraw {
    private final int[] incident;
    private final Set<Integer> removed;

    private TrialDraw(int[] incident, Set<Integer> removed) {
        this.incident = incident;
        this.removed = removed;
    }

    int[] incident() {
        return incident;
    }

    Set<Integer> removed() {
        return removed;
    }

    static TrialDraw draw(
            KnowledgeSnapshot.Group group, long seed, String salt, int size, int novel, int noise, int[] common) {
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ (group.id() + salt).hashCode());
        int[] own = shuffled(group.items().clone(), rnd);
        int take = Math.min(size, own.length);
        Set<Integer> removed = new LinkedHashSet<>();
        for (int i = 0; i < Math.min(novel, take); i++) {
            removed.add(own[i]);
        }
        List<Integer> pool = new ArrayList<>();
        for (int c : common) {
            if (!group.uses(c)) {
                pool.add(c);
            }
        }
        int[] candidates = shuffled(pool.stream().mapToInt(Integer::intValue).toArray(), rnd);
        int n = Math.min(noise, candidates.length);
        int[] incident = new int[take + n];
        System.arraycopy(own, 0, incident, 0, take);
        System.arraycopy(candidates, 0, incident, take, n);
        return new TrialDraw(incident, removed);
    }

    /** The {@code n} items used by most actors (ties by key), the protocol's noise pool. */
    static int[] mostCommon(KnowledgeSnapshot kb, int n) {
        int[] df = new int[kb.size()];
        for (KnowledgeSnapshot.Group g : kb.groups) {
            for (int x : g.items()) {
                df[x]++;
            }
        }
        return IntStream.range(0, kb.size())
                .filter(x -> df[x] > 0)
                .boxed()
                .sorted(Comparator.comparingInt((Integer x) -> -df[x])
                        .thenComparing(x -> kb.items.get(x).key()))
                .limit(n)
                .mapToInt(Integer::intValue)
                .toArray();
    }

    /** Jaccard similarity of the incident with every actor's profile: the baseline. */
    static double[] jaccard(KnowledgeSnapshot kb, int[] incident) {
        Set<Integer> in = new HashSet<>();
        for (int x : incident) {
            in.add(x);
        }
        double[] s = new double[kb.groups.size()];
        for (int g = 0; g < s.length; g++) {
            int[] items = kb.groups.get(g).items();
            int inter = 0;
            for (int x : items) {
                if (in.contains(x)) {
                    inter++;
                }
            }
            int union = items.length + in.size() - inter;
            s[g] = union == 0 ? 0 : (double) inter / union;
        }
        return s;
    }

    private static int[] shuffled(int[] a, SplittableRandom rnd) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
