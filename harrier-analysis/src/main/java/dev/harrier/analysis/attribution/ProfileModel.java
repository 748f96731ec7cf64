package dev.harrier.analysis.attribution;

import java.util.Arrays;

/**
 * A smoothed generative model of each actor's behaviour, P(item | actor), over the vocabulary of techniques and
 * software, against a background P(item) and an unknown-actor hypothesis.
 *
 * <p>For actor g with known items D (n of them), the expanded profile is {@code q = stay·u_D + (1−stay)·u_D·M}
 * where u_D is uniform over D and M spreads each item to related items: its parent, children and sibling
 * sub-techniques; the techniques a piece of software implements and the software implementing a technique; the
 * items that co-occur with it in actors' profiles, by conditional frequency. Then {@code P(x|g) = (n·q(x) +
 * prior·bg(x)) / (n + prior)}: Dirichlet smoothing towards the background {@code bg(x) ∝ df(x) + ½} (df = actors
 * using x), so an actor with few known items stays close to "anyone". Each item's weight for g is the
 * log-likelihood ratio {@code log P(x|g) − log bg(x)}: rare items carry more (IDF-like).
 *
 * <p>The unknown actor is modelled the same way, with the rest of the incident as its profile: each item is
 * predicted from the other observed items through the same relations (leave one out). It explains coherent
 * behaviour that the population of actors shows, but no known actor's profile in particular.
 *
 * <p>Weights are computed per incident, only for its items: about |D| × |incident| operations per actor.
 */
final class ProfileModel {
    /** The smallest vocabulary the background assumes (about ATT&amp;CK Enterprise's techniques and software). */
    static final int MIN_VOCABULARY = 1000;

    final KnowledgeSnapshot kb;
    final ModelParameters p;
    final double[] background;
    /** Number of actors using each item. */
    final int[] df;

    private final Cooccurrence co;
    /** Per item u, the spreading weight towards each hierarchy neighbour, software neighbour, and per co-count. */
    private final double[] hierarchyShare;

    private final double[] softwareShare;
    private final double[] cooccurrenceShare;
    private final boolean[] isolated;

    ProfileModel(KnowledgeSnapshot kb, ModelParameters p) {
        this(kb, p, Cooccurrence.of(kb));
    }

    ProfileModel(KnowledgeSnapshot kb, ModelParameters p, Cooccurrence co) {
        this.kb = kb;
        this.p = p;
        this.co = co;
        int v = kb.size();
        long total = 0;
        df = new int[v];
        for (KnowledgeSnapshot.Group group : kb.groups) {
            for (int x : group.items()) {
                df[x]++;
                total++;
            }
        }
        background = new double[v];
        // the pseudo-counts cover at least a catalogue the size of ATT&CK's, so that a case holding only part of
        // it (a few sample techniques) does not make every known item look common
        double norm = total + 0.5 * Math.max(v, MIN_VOCABULARY);
        for (int x = 0; x < v; x++) {
            background[x] = (df[x] + 0.5) / norm;
        }
        hierarchyShare = new double[v];
        softwareShare = new double[v];
        cooccurrenceShare = new double[v];
        isolated = new boolean[v];
        for (int u = 0; u < v; u++) {
            int nh = hierarchy(u).length;
            int ns = software(u).length;
            long nc = co.rowSum(u);
            double wh = nh > 0 ? p.hierarchy() : 0;
            double ws = ns > 0 ? p.software() : 0;
            double wc = nc > 0 ? p.cooccurrence() : 0;
            double sum = wh + ws + wc;
            if (sum == 0) {
                isolated[u] = true;
                continue;
            }
            hierarchyShare[u] = nh > 0 ? wh / sum / nh : 0;
            softwareShare[u] = ns > 0 ? ws / sum / ns : 0;
            cooccurrenceShare[u] = nc > 0 ? wc / sum / nc : 0;
        }
    }

    /**
     * The weights of the incident's items: {@code [g][j]} = log P(item j | actor g) − log bg(item j); row
     * {@code groups} (the last) is the unknown actor. Items must be distinct.
     */
    double[][] weights(int[] incident) {
        int v = kb.size();
        int m = incident.length;
        double[][] columns = new double[m][];
        for (int j = 0; j < m; j++) {
            columns[j] = column(incident[j], v);
        }
        int groups = kb.groups.size();
        double[][] w = new double[groups + 1][m];
        double stay = p.stay();
        double prior = p.prior();
        for (int g = 0; g < groups; g++) {
            KnowledgeSnapshot.Group group = kb.groups.get(g);
            int[] items = group.items();
            int n = items.length;
            for (int j = 0; j < m; j++) {
                double[] col = columns[j];
                double s = 0;
                for (int u : items) {
                    s += col[u];
                }
                int x = incident[j];
                double q = n == 0 ? 0 : ((group.uses(x) ? stay : 0) + (1 - stay) * s) / n;
                double px = (n * q + prior * background[x]) / (n + prior);
                w[g][j] = Math.log(px / background[x]);
            }
        }
        int rest = m - 1;
        for (int j = 0; j < m; j++) {
            if (rest == 0) {
                break;
            }
            double s = 0;
            for (int k = 0; k < m; k++) {
                if (k != j) {
                    s += columns[j][incident[k]];
                }
            }
            int x = incident[j];
            double q = (1 - stay) * s / rest;
            double px = (rest * q + prior * background[x]) / (rest + prior);
            w[groups][j] = Math.log(px / background[x]);
        }
        return w;
    }

    /** Per hypothesis (actors, then the unknown actor), the sum of the incident's item weights. */
    double[] scores(int[] incident) {
        double[][] w = weights(incident);
        double[] s = new double[w.length];
        for (int h = 0; h < w.length; h++) {
            for (double x : w[h]) {
                s[h] += x;
            }
        }
        return s;
    }

    /** How much of an item u's spread mass reaches x, for every u (dense). The relations are symmetric. */
    private double[] column(int x, int v) {
        double[] col = new double[v];
        for (int u : hierarchy(x)) {
            col[u] += hierarchyShare[u];
        }
        for (int u : software(x)) {
            col[u] += softwareShare[u];
        }
        int[] its = co.items(x);
        int[] cs = co.counts(x);
        for (int k = 0; k < its.length; k++) {
            col[its[k]] += cooccurrenceShare[its[k]] * cs[k];
        }
        if (isolated[x]) {
            col[x] += 1;
        }
        return col;
    }

    /** Parent, children and siblings of a technique. */
    int[] hierarchy(int u) {
        int parent = kb.parent[u];
        if (parent >= 0) {
            int[] sib = kb.children[parent];
            int[] out = new int[sib.length];
            out[0] = parent;
            int n = 1;
            for (int s : sib) {
                if (s != u) {
                    out[n++] = s;
                }
            }
            return Arrays.copyOf(out, n);
        }
        return kb.children[u];
    }

    /** The techniques a piece of software implements, or the software implementing a technique. */
    int[] software(int u) {
        return kb.items.get(u).kind() == KnowledgeSnapshot.Kind.SOFTWARE
                ? kb.softwareTechniques[u]
                : kb.techniqueSoftware[u];
    }

    /** The relation by which group g's profile reaches item x, for explanations. */
    Relation relation(int g, int x, double weight) {
        KnowledgeSnapshot.Group group = kb.groups.get(g);
        if (group.uses(x)) {
            return Relation.DIRECT;
        }
        if (firstUsed(g, hierarchy(x)) >= 0) {
            return Relation.HIERARCHY;
        }
        if (firstUsed(g, software(x)) >= 0) {
            return Relation.SOFTWARE;
        }
        return weight > 0 ? Relation.COOCCURRENCE : Relation.NOT_KNOWN;
    }

    /** The first item of {@code candidates} group g uses, or -1. */
    int firstUsed(int g, int[] candidates) {
        for (int c : candidates) {
            if (kb.groups.get(g).uses(c)) {
                return c;
            }
        }
        return -1;
    }

    /** How an actor's profile reaches an evidence item. */
    enum Relation {
        /** The intel says the actor uses it. */
        DIRECT,
        /** The actor uses its parent technique, a sub-technique or a sibling sub-technique. */
        HIERARCHY,
        /** The actor uses software implementing the technique, or techniques the software implements. */
        SOFTWARE,
        /** Actors that use what this actor uses also use it. */
        COOCCURRENCE,
        /** Nothing links the actor to it. */
        NOT_KNOWN
    }
}
