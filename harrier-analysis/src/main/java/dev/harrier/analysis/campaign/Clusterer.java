package dev.harrier.analysis.campaign;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Links incidents by shared features and joins them with union-find.
 *
 * <p>A strong feature (indicator, infrastructure) links the incidents that share it in a chain ordered by time,
 * breaking the chain where two consecutive incidents are further apart than the window. Weak features (rules,
 * techniques) add their weight to each pair of incidents within the window that shares them; a pair whose summed
 * weight of one kind reaches the threshold is linked (rules and techniques are summed apart, since a rule's
 * technique tags repeat what the rule says). A weak feature's weight is its kind's base weight times the normalised
 * inverse document frequency {@code ln(n/df) / ln n}: 1 for a feature of one incident, 0 for one of all n, so that
 * coincidences in a large case weigh less than in a small one.
 * A rule, technique or address shared by more than half of at least {@value #MIN_INCIDENTS_FOR_UBIQUITY} incidents
 * is ignored and reported.
 */
final class Clusterer {
    /**
     * A rule, technique or external address shared by more than this share of the incidents (when there are at least
     * {@link #MIN_INCIDENTS_FOR_UBIQUITY}) is no evidence. Indicators are never ignored: they are specific by
     * definition.
     */
    static final double UBIQUITOUS_SHARE = 0.5;

    /**
     * The fewest incidents for which "shared by most" means "ubiquitous": in a case of a few incidents that are all one
     * campaign, their common C2 is evidence, not background.
     */
    static final int MIN_INCIDENTS_FOR_UBIQUITY = 8;

    private final List<IncidentAccumulator> incidents;
    private final List<String> ids;
    private final FeatureTable table;
    private final CampaignOptions options;
    private final UnionFind sets;
    private final int[] linksKept;
    private final long[] linksOmitted;
    private final List<LinkAt> links = new ArrayList<>();
    private final List<SharedFeature> ignored = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final double[] weights;

    /** A kept link between incident indexes. */
    record LinkAt(int a, int b, Link link) {}

    /**
     * A weak pair's running scores, one per kind (rules, techniques), and up to four features behind each. The kinds
     * are not summed: a rule's own technique tags say nothing beyond the rule.
     */
    private static final class Pair {
        final double[] score = new double[2];
        final int[][] features = new int[2][4];
        final int[] n = new int[2];

        int best() {
            return score[1] > score[0] ? 1 : 0;
        }
    }

    Clusterer(List<IncidentAccumulator> incidents, List<String> ids, FeatureTable table, CampaignOptions options) {
        this.incidents = incidents;
        this.ids = ids;
        this.table = table;
        this.options = options;
        this.sets = new UnionFind(incidents.size());
        this.linksKept = new int[incidents.size()];
        this.linksOmitted = new long[incidents.size()];
        this.weights = new double[table.size()];
    }

    UnionFind sets() {
        return sets;
    }

    List<LinkAt> links() {
        return links;
    }

    long omitted(int incident) {
        return linksOmitted[incident];
    }

    List<SharedFeature> ignored() {
        return ignored;
    }

    List<String> notes() {
        return notes;
    }

    /** The linking weight of a feature (valid after {@link #run()}). */
    double weight(int feature) {
        return weights[feature];
    }

    void run() {
        int n = incidents.size();
        int f = table.size();
        int[] df = new int[f];
        for (IncidentAccumulator inc : incidents) {
            for (int id : inc.features) {
                df[id]++;
            }
        }
        int[][] postings = new int[f][];
        for (int i = 0; i < f; i++) {
            postings[i] = new int[df[i]];
        }
        int[] fill = new int[f];
        for (int k = 0; k < n; k++) {
            for (int id : incidents.get(k).features) {
                postings[id][fill[id]++] = k;
            }
        }
        Map<Long, Pair> pairs = new HashMap<>();
        long tooCommon = 0;
        List<String> tooCommonExamples = new ArrayList<>();
        List<Integer> ignoredIds = new ArrayList<>();
        for (int id = 0; id < f; id++) {
            FeatureKind kind = table.kind(id);
            double w = kind.base();
            if (kind.ubiquityIgnored() && n >= MIN_INCIDENTS_FOR_UBIQUITY && df[id] > UBIQUITOUS_SHARE * n) {
                w = 0;
                ignoredIds.add(id);
            } else if (kind.discounted() && n > 1) {
                w *= Math.log((double) n / df[id]) / Math.log(n);
            }
            weights[id] = w;
            if (df[id] < 2 || w <= 0) {
                continue;
            }
            int[] p = postings[id];
            if (w >= options.linkThreshold()) {
                chain(id, p);
            } else if (p.length > options.maxPairedIncidents()) {
                tooCommon++;
                if (tooCommonExamples.size() < 5) {
                    tooCommonExamples.add(kind.label() + " " + table.value(id) + " (" + p.length + " incidents)");
                }
            } else {
                for (int x = 0; x < p.length; x++) {
                    for (int y = x + 1; y < p.length; y++) {
                        int a = p[x];
                        int b = p[y];
                        if (!withinWindow(a, b)) {
                            continue;
                        }
                        Pair pair = pairs.computeIfAbsent((long) a * n + b, k -> new Pair());
                        int slot = kind == FeatureKind.TECHNIQUE ? 1 : 0;
                        pair.score[slot] += w;
                        if (pair.n[slot] < 4) {
                            pair.features[slot][pair.n[slot]++] = id;
                        }
                    }
                }
            }
        }
        List<Map.Entry<Long, Pair>> strong = new ArrayList<>();
        for (Map.Entry<Long, Pair> e : pairs.entrySet()) {
            Pair p = e.getValue();
            if (p.score[p.best()] >= options.linkThreshold() - 1e-9) {
                strong.add(e);
            }
        }
        strong.sort(Map.Entry.comparingByKey());
        for (Map.Entry<Long, Pair> e : strong) {
            int a = (int) (e.getKey() / n);
            int b = (int) (e.getKey() % n);
            Pair p = e.getValue();
            int k = p.best();
            List<String> what = new ArrayList<>();
            for (int i = 0; i < p.n[k]; i++) {
                what.add(table.value(p.features[k][i]));
            }
            link(
                    a,
                    b,
                    k == 1 ? "techniques" : "rules",
                    String.join(", ", what),
                    Math.round(p.score[k] * 1000) / 1000.0);
        }
        if (tooCommon > 0) {
            notes.add(String.format(
                    Locale.ROOT,
                    "%,d weak features shared by more than %,d incidents were not paired (cap maxPairedIncidents),"
                            + " e.g. %s",
                    tooCommon,
                    options.maxPairedIncidents(),
                    String.join("; ", tooCommonExamples)));
        }
        ignoredIds.sort(Comparator.comparingInt((Integer id) -> -df[id]).thenComparing(table::value));
        for (int id : ignoredIds.subList(0, Math.min(ignoredIds.size(), CampaignOptions.MAX_SHARED_FEATURES_LISTED))) {
            ignored.add(new SharedFeature(table.kind(id).label(), table.value(id), table.label(id), df[id], 0));
        }
        if (ignoredIds.size() > CampaignOptions.MAX_SHARED_FEATURES_LISTED) {
            notes.add(String.format(
                    Locale.ROOT,
                    "%,d features shared by most incidents were ignored as evidence; %d listed",
                    ignoredIds.size(),
                    CampaignOptions.MAX_SHARED_FEATURES_LISTED));
        }
    }

    /** Links the incidents of a strong feature in time order, breaking where the window is exceeded. */
    private void chain(int feature, int[] posting) {
        Integer[] order = new Integer[posting.length];
        for (int i = 0; i < posting.length; i++) {
            order[i] = posting[i];
        }
        Arrays.sort(
                order,
                Comparator.comparingLong((Integer k) -> incidents.get(k).start())
                        .thenComparing(k -> ids.get(k)));
        int prev = order[0];
        long chainEnd = incidents.get(prev).end();
        for (int i = 1; i < order.length; i++) {
            int cur = order[i];
            IncidentAccumulator c = incidents.get(cur);
            if (gapOk(chainEnd, c.start())) {
                link(
                        prev,
                        cur,
                        table.kind(feature).label(),
                        table.value(feature),
                        table.kind(feature).base());
                chainEnd = Math.max(chainEnd, c.end());
            } else {
                chainEnd = c.end();
            }
            prev = cur;
        }
    }

    private boolean withinWindow(int a, int b) {
        IncidentAccumulator x = incidents.get(a);
        IncidentAccumulator y = incidents.get(b);
        return x.start() <= y.start() ? gapOk(x.end(), y.start()) : gapOk(y.end(), x.start());
    }

    /** Whether something ending at {@code end} and something starting at {@code start} are within the window. */
    private boolean gapOk(long end, long start) {
        if (end == Long.MAX_VALUE || start == Long.MAX_VALUE) {
            return true; // untimed incidents are not kept apart by time
        }
        return start - end <= options.window().toSeconds();
    }

    private void link(int a, int b, String kind, String value, double weight) {
        sets.union(a, b);
        if (linksKept[a] < options.maxLinksPerIncident() && linksKept[b] < options.maxLinksPerIncident()) {
            linksKept[a]++;
            linksKept[b]++;
            links.add(new LinkAt(a, b, new Link(kind, value, ids.get(a), ids.get(b), weight)));
        } else {
            linksOmitted[a]++;
        }
    }
}
