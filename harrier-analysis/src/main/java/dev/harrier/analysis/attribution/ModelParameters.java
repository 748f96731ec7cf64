package dev.harrier.analysis.attribution;

/**
 * The fixed settings of the generative profile model (chosen a priori and checked on calibration seeds, never on
 * the reported benchmark seeds; see docs/attribution.md).
 *
 * @param stay share of an actor's item distribution kept on the items the intel reports (the rest is spread over
 *     related items: sub-/parent techniques, software ↔ techniques, techniques that co-occur across actors)
 * @param prior Dirichlet prior strength, in items, pulling an actor's distribution towards the background: an actor
 *     with few known items stays close to "anyone", so it is not favoured by chance
 * @param hierarchy weight of sub-technique/technique links in the spreading step
 * @param software weight of software ↔ technique links
 * @param cooccurrence weight of co-occurrence across actors
 * @param placePrior Dirichlet prior strength for targeted countries and sectors
 */
record ModelParameters(
        double stay, double prior, double hierarchy, double software, double cooccurrence, double placePrior) {
    static final ModelParameters DEFAULT = new ModelParameters(0.6, 8.0, 1.0, 1.0, 1.0, 2.0);
}
