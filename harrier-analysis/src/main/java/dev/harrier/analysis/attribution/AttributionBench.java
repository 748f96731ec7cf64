package dev.harrier.analysis.attribution;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * The "partial novelty" attribution benchmark (issue 6) on a knowledge base such as ATT&amp;CK Enterprise.
 *
 * <p>Closed set: for each actor with at least {@code minRelations} known technique/software relations and each
 * seed, {@code incidentSize} of its relations form the incident; {@code novel} of those are removed from its profile
 * for that trial (behaviour never seen from it); {@code noise} items are added, drawn from the {@code commonPool}
 * relations most common across all actors that this actor is not known for. All actors are ranked by the model and,
 * on the same trials, by Jaccard similarity of the incident with each profile. Open set: per seed a share of the
 * eligible actors is removed from the knowledge base entirely; their incidents (same draw, nothing to remove) should
 * be abstained on, the remaining actors' incidents (closed-set protocol on the reduced knowledge base) attributed.
 *
 * <p>The calibration (temperature, unknown prior) is fitted on the same protocol with the calibration seeds, which
 * must be disjoint from the reported seeds; the reported figures use that fit.
 */
public final class AttributionBench {
    /** Calibration seeds used unless others are given. */
    public static final List<Long> DEFAULT_CALIBRATION_SEEDS = List.of(101L, 102L, 103L, 104L, 105L);

    /**
     * The protocol's parameters.
     *
     * @param seeds reported seeds
     * @param calibrationSeeds seeds for fitting the calibration, disjoint from {@code seeds}
     * @param minRelations actors with fewer relations yield no incidents
     * @param incidentSize relations drawn per incident
     * @param novel drawn relations removed from the actor's profile
     * @param noise common items added
     * @param commonPool size of the pool of common relations the noise comes from
     * @param removedShare share of eligible actors removed in the open-set run
     */
    public record Options(
            List<Long> seeds,
            List<Long> calibrationSeeds,
            int minRelations,
            int incidentSize,
            int novel,
            int noise,
            int commonPool,
            double removedShare) {
        /** Checks the parameters. */
        public Options {
            seeds = List.copyOf(seeds);
            calibrationSeeds = List.copyOf(calibrationSeeds);
            if (seeds.isEmpty()) {
                throw new IllegalArgumentException("at least one seed is needed");
            }
            for (Long s : seeds) {
                if (calibrationSeeds.contains(s)) {
                    throw new IllegalArgumentException(
                            "seed " + s + " is also a calibration seed: reported seeds must be disjoint from them");
                }
            }
            if (calibrationSeeds.isEmpty()) {
                throw new IllegalArgumentException("at least one calibration seed is needed");
            }
            if (incidentSize < 1 || novel < 0 || novel > incidentSize || noise < 0 || minRelations < incidentSize) {
                throw new IllegalArgumentException("inconsistent protocol parameters");
            }
            if (!(removedShare > 0 && removedShare < 1)) {
                throw new IllegalArgumentException("removed share must be between 0 and 1");
            }
        }

        /** The protocol with these seeds. */
        public static Options protocol(List<Long> seeds) {
            return new Options(seeds, DEFAULT_CALIBRATION_SEEDS, 15, 10, 3, 3, 200, 0.2);
        }
    }

    /**
     * Closed-set ranking quality.
     *
     * @param trials incidents ranked
     * @param top1 share with the true actor first
     * @param top5 share with the true actor in the first five
     * @param mrr mean reciprocal rank
     * @param ece expected calibration error of the top candidate's probability among the known actors (the
     *     closed-set question: which known actor?); NaN for the baseline, which has no probabilities
     * @param eceWithUnknown the same with the unknown-actor hypothesis in the posterior (its mass lowers every
     *     candidate's probability; in a closed set it is always wrong)
     */
    public record Metrics(int trials, double top1, double top5, double mrr, double ece, double eceWithUnknown) {}

    /**
     * The open-set run.
     *
     * @param removedActors actors removed per seed
     * @param removedIncidents incidents of removed actors
     * @param abstainOnRemoved share of those the model abstained on
     * @param knownIncidents incidents of actors still in the knowledge base
     * @param knownTop1 share of those attributed to the true actor without abstaining
     * @param knownTop1IgnoringAbstention share with the true actor ranked first, abstention ignored
     * @param abstainOnKnown share of known-actor incidents abstained on
     * @param ece expected calibration error of the decision (best candidate or unknown) over all open-set incidents
     * @param operatingPoints abstention and known-actor top-1 with the unknown prior's log-odds shifted by -6 to +2
     *     from the fitted value (same scores)
     */
    public record OpenSet(
            int removedActors,
            int removedIncidents,
            double abstainOnRemoved,
            int knownIncidents,
            double knownTop1,
            double knownTop1IgnoringAbstention,
            double abstainOnKnown,
            double ece,
            List<OperatingPoint> operatingPoints) {}

    /**
     * The open-set trade-off at one unknown prior.
     *
     * @param unknownPrior the prior
     * @param logOddsShift its log-odds minus those of the fitted prior
     * @param abstainOnRemoved share of removed-actor incidents abstained on
     * @param knownTop1 share of known-actor incidents attributed correctly without abstaining
     */
    public record OperatingPoint(double unknownPrior, double logOddsShift, double abstainOnRemoved, double knownTop1) {}

    /**
     * One seed's figures.
     *
     * @param seed the seed
     * @param model closed-set figures of the model
     * @param jaccard closed-set figures of the baseline
     * @param openSet open-set figures
     */
    public record SeedResult(long seed, Metrics model, Metrics jaccard, OpenSet openSet) {}

    /**
     * The benchmark's result.
     *
     * @param actors actors ranked (with at least one known relation)
     * @param eligibleActors actors with enough relations to draw incidents from
     * @param options the protocol
     * @param calibration the calibration fitted on the calibration seeds and used for the figures
     * @param calibrationIncidents incidents the calibration was fitted on
     * @param model closed-set figures of the model, all seeds
     * @param jaccard closed-set figures of the Jaccard baseline on the same trials
     * @param openSet open-set figures, all seeds
     * @param perSeed figures per seed
     * @param targets each target of the issue and whether it is met
     * @param seconds wall time
     */
    public record Report(
            int actors,
            int eligibleActors,
            Options options,
            Calibration calibration,
            int calibrationIncidents,
            Metrics model,
            Metrics jaccard,
            OpenSet openSet,
            List<SeedResult> perSeed,
            Map<String, Boolean> targets,
            double seconds) {}

    /** One reported closed-set trial. */
    private static final class Closed {
        private final double[] scores;
        private final double[] jaccard;
        private final int truth;

        Closed(double[] scores, double[] jaccard, int truth) {
            this.scores = scores;
            this.jaccard = jaccard;
            this.truth = truth;
        }

        double[] scores() {
            return scores;
        }

        double[] jaccard() {
            return jaccard;
        }

        int truth() {
            return truth;
        }
    }

    /** One reported open-set trial (truth -1: the actor was removed). */
    private static final class Open {
        private final double[] scores;
        private final int truth;

        Open(double[] scores, int truth) {
            this.scores = scores;
            this.truth = truth;
        }

        double[] scores() {
            return scores;
        }

        int truth() {
            return truth;
        }
    }

    private final KnowledgeSnapshot base;
    private final Options options;
    private final ModelParameters parameters;
    private final int[] common;
    private final Cooccurrence baseCounts;
    private final List<Integer> eligible = new ArrayList<>();

    private AttributionBench(KnowledgeSnapshot snapshot, Options options, ModelParameters parameters) {
        this.base = Attributor.profiled(snapshot);
        this.options = options;
        this.parameters = parameters;
        this.common = TrialDraw.mostCommon(base, options.commonPool());
        this.baseCounts = Cooccurrence.of(base);
        for (int g = 0; g < base.groups.size(); g++) {
            if (base.groups.get(g).items().length >= options.minRelations()) {
                eligible.add(g);
            }
        }
    }

    /** Runs the benchmark; {@code progress} receives a line per phase. */
    public static Report run(AttributionKnowledge knowledge, Options options, Consumer<String> progress) {
        return run(knowledge.snapshot, options, ModelParameters.DEFAULT, progress);
    }

    static Report run(
            KnowledgeSnapshot snapshot, Options options, ModelParameters parameters, Consumer<String> progress) {
        long start = System.nanoTime();
        AttributionBench bench = new AttributionBench(snapshot, options, parameters);
        if (bench.eligible.size() < 2) {
            throw new IllegalArgumentException("the knowledge base has " + bench.eligible.size()
                    + " actor(s) with at least " + options.minRelations()
                    + " technique/software relations; the benchmark needs several (import ATT&CK Enterprise)");
        }
        progress.accept("fitting the calibration on seeds " + options.calibrationSeeds() + " ...");
        CalibrationFit fit = new CalibrationFit();
        for (long seed : options.calibrationSeeds()) {
            bench.closedSet(seed, (scores, jac, truth) -> fit.add(scores, truth, false));
            bench.openSet(seed, (scores, truth) -> fit.add(scores, truth, true));
        }
        Calibration cal = fit.fit("this knowledge base, calibration seeds " + options.calibrationSeeds());
        progress.accept(String.format(
                java.util.Locale.ROOT,
                "calibration: temperature %.3f, unknown prior %.4f (%d incidents)",
                cal.temperature(),
                cal.unknownPrior(),
                fit.size()));
        List<Closed> allClosed = new ArrayList<>();
        List<Open> allOpen = new ArrayList<>();
        List<SeedResult> perSeed = new ArrayList<>();
        for (long seed : options.seeds()) {
            progress.accept("seed " + seed + ": closed set and open set ...");
            List<Closed> closed = new ArrayList<>();
            List<Open> open = new ArrayList<>();
            bench.closedSet(seed, (scores, jac, truth) -> closed.add(new Closed(scores, jac, truth)));
            bench.openSet(seed, (scores, truth) -> open.add(new Open(scores, truth)));
            perSeed.add(new SeedResult(
                    seed, model(closed, cal), jaccard(closed), openSet(open, cal, bench.removedCount())));
            allClosed.addAll(closed);
            allOpen.addAll(open);
        }
        Metrics model = model(allClosed, cal);
        Metrics jaccard = jaccard(allClosed);
        OpenSet open = openSet(allOpen, cal, bench.removedCount());
        Map<String, Boolean> targets = new java.util.LinkedHashMap<>();
        targets.put("top-1 >= 80%", model.top1() >= 0.80);
        targets.put("top-5 >= 95%", model.top5() >= 0.95);
        targets.put("top-1 >= Jaccard top-1 + 15 points", model.top1() >= jaccard.top1() + 0.15);
        targets.put("ECE <= 0.05", model.ece() <= 0.05);
        targets.put("abstain on >= 80% of removed-actor incidents", open.abstainOnRemoved() >= 0.80);
        targets.put("top-1 >= 70% on known actors (open set)", open.knownTop1() >= 0.70);
        return new Report(
                bench.base.groups.size(),
                bench.eligible.size(),
                options,
                cal,
                fit.size(),
                model,
                jaccard,
                open,
                perSeed,
                targets,
                (System.nanoTime() - start) / 1e9);
    }

    private static Metrics model(List<Closed> trials, Calibration cal) {
        RankStats stats = new RankStats();
        RankStats withUnknown = new RankStats();
        for (Closed t : trials) {
            int actors = t.scores().length - 1;
            stats.add(java.util.Arrays.copyOf(t.scores(), actors), t.truth());
            Posterior post = Posterior.of(t.scores(), cal);
            int best = post.best();
            withUnknown.addCalibration(post.actors[best], best == t.truth());
            double[] among = t.scores().clone();
            among[actors] = Double.NEGATIVE_INFINITY;
            Posterior known = Posterior.of(among, cal.temperature(), 0.5);
            stats.addCalibration(known.actors[best] / (1 - known.unknown), best == t.truth());
        }
        return new Metrics(stats.trials(), stats.top1(), stats.top5(), stats.mrr(), stats.ece(), withUnknown.ece());
    }

    private static Metrics jaccard(List<Closed> trials) {
        RankStats stats = new RankStats();
        for (Closed t : trials) {
            stats.add(t.jaccard(), t.truth());
        }
        return new Metrics(stats.trials(), stats.top1(), stats.top5(), stats.mrr(), Double.NaN, Double.NaN);
    }

    private static OpenSet openSet(List<Open> trials, Calibration cal, int removedActors) {
        RankStats calibration = new RankStats();
        int removed = 0;
        int removedAbstained = 0;
        int known = 0;
        int knownRight = 0;
        int knownFirst = 0;
        int knownAbstained = 0;
        for (Open t : trials) {
            Posterior post = Posterior.of(t.scores(), cal);
            boolean abstain = post.abstains();
            int best = post.best();
            boolean right = t.truth() < 0 ? abstain : !abstain && best == t.truth();
            calibration.addCalibration(abstain ? post.unknown : post.actors[best], right);
            if (t.truth() < 0) {
                removed++;
                removedAbstained += abstain ? 1 : 0;
            } else {
                known++;
                knownAbstained += abstain ? 1 : 0;
                knownFirst += best == t.truth() ? 1 : 0;
                knownRight += right ? 1 : 0;
            }
        }
        List<OperatingPoint> points = new ArrayList<>();
        double fitted = Math.log(cal.unknownPrior() / (1 - cal.unknownPrior()));
        for (double shift : new double[] {-6, -4, -2, -1, 0, 1, 2}) {
            double prior = 1 / (1 + Math.exp(-(fitted + shift)));
            int ra = 0;
            int kr = 0;
            for (Open t : trials) {
                Posterior post = Posterior.of(t.scores(), cal.temperature(), prior);
                if (t.truth() < 0) {
                    ra += post.abstains() ? 1 : 0;
                } else {
                    kr += !post.abstains() && post.best() == t.truth() ? 1 : 0;
                }
            }
            points.add(new OperatingPoint(prior, shift, ratio(ra, removed), ratio(kr, known)));
        }
        return new OpenSet(
                removedActors,
                removed,
                ratio(removedAbstained, removed),
                known,
                ratio(knownRight, known),
                ratio(knownFirst, known),
                ratio(knownAbstained, known),
                calibration.ece(),
                points);
    }

    private static double ratio(int a, int b) {
        return b == 0 ? 0 : (double) a / b;
    }

    private interface ClosedSink {
        void accept(double[] scores, double[] jaccard, int truth);
    }

    private interface OpenSink {
        void accept(double[] scores, int truth);
    }

    private int removedCount() {
        return (int) Math.max(1, Math.round(eligible.size() * options.removedShare()));
    }

    private void closedSet(long seed, ClosedSink sink) {
        for (int g : eligible) {
            TrialDraw d = draw(base.groups.get(g), seed, "closed");
            KnowledgeSnapshot trial = base.withoutItems(g, d.removed());
            ProfileModel m = new ProfileModel(
                    trial, parameters, baseCounts.minus(base.groups.get(g).items(), d.removed()));
            sink.accept(m.scores(d.incident()), TrialDraw.jaccard(trial, d.incident()), g);
        }
    }

    private void openSet(long seed, OpenSink sink) {
        List<Integer> shuffled = new ArrayList<>(eligible);
        SplittableRandom rnd = new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ 0x6F70656EL);
        for (int i = shuffled.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            Integer t = shuffled.get(i);
            shuffled.set(i, shuffled.get(j));
            shuffled.set(j, t);
        }
        Set<Integer> removed = new LinkedHashSet<>(shuffled.subList(0, removedCount()));
        KnowledgeSnapshot reduced = base.withoutGroups(removed);
        Map<Integer, Integer> newIndex = new HashMap<>();
        for (int g = 0, k = 0; g < base.groups.size(); g++) {
            if (!removed.contains(g)) {
                newIndex.put(g, k++);
            }
        }
        Cooccurrence reducedCounts = baseCounts;
        for (int g : removed) {
            int[] items = base.groups.get(g).items();
            Set<Integer> all = new java.util.HashSet<>();
            for (int x : items) {
                all.add(x);
            }
            reducedCounts = reducedCounts.minus(items, all);
        }
        ProfileModel reducedModel = new ProfileModel(reduced, parameters, reducedCounts);
        for (int g : removed) {
            TrialDraw d = draw(base.groups.get(g), seed, "open");
            sink.accept(reducedModel.scores(d.incident()), -1);
        }
        for (int g : eligible) {
            if (removed.contains(g)) {
                continue;
            }
            int ng = newIndex.get(g);
            TrialDraw d = draw(base.groups.get(g), seed, "open");
            KnowledgeSnapshot trial = reduced.withoutItems(ng, d.removed());
            Cooccurrence counts = reducedCounts.minus(reduced.groups.get(ng).items(), d.removed());
            sink.accept(new ProfileModel(trial, parameters, counts).scores(d.incident()), ng);
        }
    }

    private TrialDraw draw(KnowledgeSnapshot.Group group, long seed, String salt) {
        return TrialDraw.draw(group, seed, salt, options.incidentSize(), options.novel(), options.noise(), common);
    }
}
