package dev.harrier.analysis.attribution;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Ranks the known actors for an {@link Evidence} set: posterior probability per actor and for an unknown actor, an
 * abstain decision, graded evidence per candidate and the competing-hypotheses table.
 *
 * <pre>{@code
 * Attributor attributor = new Attributor(AttributionKnowledge.load(store));
 * Attribution a = attributor.attribute(Evidence.of(List.of("T1059.001", "T1105"), List.of("S0154")));
 * a.candidates().get(0).name();   // the most probable actor
 * a.abstain();                    // true when an unknown actor is at least as likely
 * }</pre>
 *
 * <p>Built once per knowledge base (tens of milliseconds for ATT&amp;CK Enterprise); {@link #attribute} is then a
 * few microseconds of arithmetic per actor. Thread-safe.
 */
public final class Attributor {
    /** Candidates shown in the competing-hypotheses table. */
    static final int TABLE_COLUMNS = 5;

    private final KnowledgeSnapshot kb;
    private final ProfileModel model;
    private final VictimologyModel victims;
    private final Calibration calibration;

    /** An attributor with the calibration {@link Calibration#forKnowledge} chooses. */
    public Attributor(AttributionKnowledge knowledge) {
        this(knowledge, Calibration.forKnowledge(knowledge));
    }

    /** An attributor with the given calibration. */
    public Attributor(AttributionKnowledge knowledge, Calibration calibration) {
        this(knowledge.snapshot, ModelParameters.DEFAULT, calibration);
    }

    Attributor(KnowledgeSnapshot snapshot, ModelParameters parameters, Calibration calibration) {
        this.kb = profiled(snapshot);
        this.model = new ProfileModel(kb, parameters);
        this.victims = new VictimologyModel(kb, parameters.placePrior());
        this.calibration = calibration;
    }

    /** The snapshot without actors that have no known technique or software (nothing to score them on). */
    static KnowledgeSnapshot profiled(KnowledgeSnapshot snapshot) {
        Set<Integer> empty = new java.util.HashSet<>();
        for (int i = 0; i < snapshot.groups.size(); i++) {
            if (snapshot.groups.get(i).items().length == 0) {
                empty.add(i);
            }
        }
        return empty.isEmpty() ? snapshot : snapshot.withoutGroups(empty);
    }

    /** Number of actors ranked. */
    public int actors() {
        return kb.groups.size();
    }

    /** Attributes, listing the 10 leading candidates. */
    public Attribution attribute(Evidence evidence) {
        return attribute(evidence, 10);
    }

    /** Attributes, listing up to {@code maxCandidates} leading candidates. */
    public Attribution attribute(Evidence evidence, int maxCandidates) {
        EvidenceResolver.Resolved r = EvidenceResolver.resolve(kb, evidence);
        List<String> used = new ArrayList<>();
        for (int x : r.items()) {
            used.add(label(x));
        }
        r.countries().forEach(c -> used.add("country " + c));
        r.sectors().forEach(s -> used.add("sector " + s));
        if (r.isEmpty() || kb.groups.isEmpty()) {
            String why = kb.groups.isEmpty()
                    ? "Abstain: the case's knowledge base has no actor with known techniques or software"
                            + " (import ATT&CK with 'harrier intel import')."
                    : "Abstain: no usable evidence (give techniques, software, countries or sectors).";
            return new Attribution(
                    evidence,
                    used,
                    r.problems(),
                    kb.groups.size(),
                    List.of(),
                    1.0,
                    true,
                    why,
                    List.of(),
                    new Hypotheses(List.of("unknown actor"), List.of()),
                    calibration);
        }
        double[][] weights = model.weights(r.items());
        double[] scores = scores(r, weights);
        Posterior post = Posterior.of(scores, calibration);
        Integer[] order = IntStream.range(0, kb.groups.size()).boxed().toArray(Integer[]::new);
        java.util.Arrays.sort(order, Comparator.comparingDouble((Integer g) -> -post.actors[g]));
        List<Candidate> candidates = new ArrayList<>();
        for (int k = 0; k < Math.min(maxCandidates, order.length); k++) {
            int g = order[k];
            candidates.add(candidate(k + 1, g, scores[g] - scores[kb.groups.size()], post.actors[g], r, weights));
        }
        boolean abstain = post.abstains();
        Candidate top = candidates.get(0);
        String decision = abstain
                ? String.format(
                        Locale.ROOT,
                        "Abstain: no known actor is credible (unknown actor %.1f%%; best candidate %s %.1f%%).",
                        100 * post.unknown,
                        top.name(),
                        100 * top.probability())
                : String.format(
                        Locale.ROOT,
                        "Most probable: %s%s with probability %.1f%% (unknown actor %.1f%%).",
                        top.name(),
                        top.attackId().isEmpty() ? "" : " (" + top.attackId() + ")",
                        100 * top.probability(),
                        100 * post.unknown);
        return new Attribution(
                evidence,
                used,
                r.problems(),
                kb.groups.size(),
                candidates,
                post.unknown,
                abstain,
                decision,
                sponsors(post),
                hypotheses(candidates),
                calibration);
    }

    /** Scores of the actors, then the unknown actor (victimology is neutral for it). */
    double[] scores(EvidenceResolver.Resolved r, double[][] weights) {
        double[] scores = new double[kb.groups.size() + 1];
        for (int g = 0; g < scores.length; g++) {
            double s = 0;
            for (double w : weights[g]) {
                s += w;
            }
            if (g == kb.groups.size()) {
                scores[g] = s;
                break;
            }
            for (String c : r.countries()) {
                s += victims.country(g, c);
            }
            for (String sec : r.sectors()) {
                s += victims.sector(g, sec);
            }
            scores[g] = s;
        }
        return scores;
    }

    private Candidate candidate(
            int rank, int g, double score, double probability, EvidenceResolver.Resolved r, double[][] weights) {
        KnowledgeSnapshot.Group group = kb.groups.get(g);
        List<EvidenceItem> items = new ArrayList<>();
        int unknown = kb.groups.size();
        for (int j = 0; j < r.items().length; j++) {
            double w = (weights[g][j] - weights[unknown][j]) / calibration.temperature();
            items.add(EvidenceExplainer.item(model, g, r.items()[j], w));
        }
        for (String c : r.countries()) {
            items.add(EvidenceExplainer.place(
                    group,
                    EvidenceItem.Kind.COUNTRY,
                    c,
                    kb.countryNames.getOrDefault(c, c),
                    victims.country(g, c) / calibration.temperature(),
                    victims.hasCountries(g),
                    group.countries().contains(c)));
        }
        for (String s : r.sectors()) {
            boolean hit = group.sectors().stream().anyMatch(k -> VictimologyModel.matches(k, s));
            items.add(EvidenceExplainer.place(
                    group,
                    EvidenceItem.Kind.SECTOR,
                    s,
                    s,
                    victims.sector(g, s) / calibration.temperature(),
                    victims.hasSectors(g),
                    hit));
        }
        List<EvidenceItem> supports = items.stream()
                .filter(i -> i.weight() > 0)
                .sorted(Comparator.comparingDouble(i -> -i.weight()))
                .toList();
        List<EvidenceItem> contradicts = items.stream()
                .filter(i -> i.weight() < 0)
                .sorted(Comparator.comparingDouble(EvidenceItem::weight))
                .toList();
        List<EvidenceItem> neutral = items.stream().filter(i -> i.weight() == 0).toList();
        List<Candidate.ChainStep> chain = group.chain().stream()
                .map(c -> new Candidate.ChainStep(c.fromName(), c.toId(), c.toName(), c.toType(), c.source()))
                .toList();
        return new Candidate(
                rank,
                group.id(),
                group.name(),
                group.attackId(),
                probability,
                score / calibration.temperature(),
                supports,
                contradicts,
                neutral,
                chain,
                group.source());
    }

    private List<Attribution.Sponsor> sponsors(Posterior post) {
        Map<String, double[]> mass = new LinkedHashMap<>();
        Map<String, KnowledgeSnapshot.Chain> info = new LinkedHashMap<>();
        for (int g = 0; g < kb.groups.size(); g++) {
            Set<String> seen = new java.util.HashSet<>();
            for (KnowledgeSnapshot.Chain c : kb.groups.get(g).chain()) {
                if (seen.add(c.toId())) {
                    mass.computeIfAbsent(c.toId(), k -> new double[1])[0] += post.actors[g];
                    info.putIfAbsent(c.toId(), c);
                }
            }
        }
        return mass.entrySet().stream()
                .map(e -> {
                    KnowledgeSnapshot.Chain c = info.get(e.getKey());
                    return new Attribution.Sponsor(e.getKey(), c.toName(), c.toType(), e.getValue()[0]);
                })
                .sorted(Comparator.comparingDouble(s -> -s.probability()))
                .limit(10)
                .toList();
    }

    private Hypotheses hypotheses(List<Candidate> candidates) {
        List<Candidate> cols = candidates.subList(0, Math.min(TABLE_COLUMNS, candidates.size()));
        List<String> heads = new ArrayList<>();
        cols.forEach(c -> heads.add(c.name()));
        heads.add("unknown actor");
        Map<String, List<Double>> byEvidence = new LinkedHashMap<>();
        for (Candidate c : cols) {
            List<EvidenceItem> all = new ArrayList<>(c.supports());
            all.addAll(c.contradicts());
            all.addAll(c.neutral());
            for (EvidenceItem i : all) {
                byEvidence.computeIfAbsent(rowLabel(i), k -> new ArrayList<>());
            }
        }
        List<Hypotheses.Row> rows = new ArrayList<>();
        for (String key : byEvidence.keySet()) {
            List<Double> weights = new ArrayList<>();
            List<String> marks = new ArrayList<>();
            for (Candidate c : cols) {
                double w = weightOf(c, key);
                weights.add(w);
                marks.add(Hypotheses.mark(w));
            }
            weights.add(0.0);
            marks.add("0");
            rows.add(new Hypotheses.Row(key, marks, weights));
        }
        return new Hypotheses(heads, rows);
    }

    private static double weightOf(Candidate c, String key) {
        for (EvidenceItem i : c.supports()) {
            if (rowLabel(i).equals(key)) {
                return i.weight();
            }
        }
        for (EvidenceItem i : c.contradicts()) {
            if (rowLabel(i).equals(key)) {
                return i.weight();
            }
        }
        return 0.0;
    }

    private static String rowLabel(EvidenceItem i) {
        return switch (i.kind()) {
            case COUNTRY -> "country " + i.name();
            case SECTOR -> "sector " + i.name();
            default -> i.id().contains("--") ? i.name() : i.id() + " " + i.name();
        };
    }

    private String label(int x) {
        return kb.items.get(x).label();
    }
}
