package dev.harrier.analysis.attribution;

/**
 * Turns the model's log-likelihood ratios into probabilities: each actor's log-odds against an unknown actor are
 * divided by {@code temperature} (the naive-Bayes independence assumption overcounts correlated techniques), and the
 * unknown-actor hypothesis gets prior probability {@code unknownPrior} (the rest is shared evenly by the actors).
 *
 * <p>Both are fitted by maximum likelihood on simulated incidents ({@link AttributionBench}'s protocol, closed-set
 * and open-set trials) with calibration seeds disjoint from the seeds a benchmark reports.
 *
 * @param temperature divides the log-likelihood ratios, > 0
 * @param unknownPrior prior probability of an actor the knowledge base does not know, in (0, 1)
 * @param fittedOn how the values were obtained
 */
public record Calibration(double temperature, double unknownPrior, String fittedOn) {
    /**
     * The values fitted on ATT&amp;CK Enterprise v18.1 with calibration seeds 101–105 ({@code harrier bench
     * attribution} prints the fit). The prior is close to 1 because the unknown actor's leave-one-out likelihood is
     * systematically lower than a known actor's: the prior absorbs that offset and is not a literal base rate.
     */
    public static final Calibration DEFAULT =
            new Calibration(0.964, 0.9992, "ATT&CK Enterprise v18.1, calibration seeds 101-105");

    /**
     * For knowledge bases too small to calibrate on (fewer than {@link #MIN_ACTORS} actors with 15 or more known
     * relations): no temperature, even odds for the unknown actor. Probabilities are then the model's raw ones.
     */
    public static final Calibration UNCALIBRATED = new Calibration(
            1.0,
            0.5,
            "not calibrated: too few actors with 15+ known relations; temperature 1, even"
                    + " prior for an unknown actor");

    /** Actors with 15 or more relations a knowledge base needs for {@link #DEFAULT} to apply. */
    public static final int MIN_ACTORS = 20;

    /** {@link #DEFAULT} for knowledge bases like the one it was fitted on, else {@link #UNCALIBRATED}. */
    public static Calibration forKnowledge(AttributionKnowledge knowledge) {
        long rich = knowledge.snapshot.groups.stream()
                .filter(g -> g.items().length >= 15)
                .count();
        return rich >= MIN_ACTORS ? DEFAULT : UNCALIBRATED;
    }

    /** Checks the ranges. */
    public Calibration {
        if (!(temperature > 0) || !(unknownPrior > 0 && unknownPrior < 1)) {
            throw new IllegalArgumentException("calibration needs temperature > 0 and 0 < unknown prior < 1: "
                    + temperature + ", " + unknownPrior);
        }
    }
}
