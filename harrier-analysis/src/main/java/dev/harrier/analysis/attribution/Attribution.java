package dev.harrier.analysis.attribution;

import java.util.List;

/**
 * The answer to "who did it?".
 *
 * @param evidence what was asked about
 * @param used the evidence items that were scored ("T1059.001 PowerShell", "S0154 Cobalt Strike", "country CN")
 * @param problems evidence that could not be used, and why (unknown technique ids, ...)
 * @param actorsScored how many actors of the knowledge base were ranked
 * @param candidates the leading actors, most probable first
 * @param unknownProbability probability that an actor the knowledge base does not know did it
 * @param abstain true when no candidate is credible: the unknown actor is at least as probable as the best
 *     candidate, or nothing usable was observed
 * @param decision one sentence stating the result
 * @param sponsors probability mass per object the candidates' attributed-to chains lead to (actor, sponsor)
 * @param hypotheses the competing-hypotheses table for the leading candidates
 * @param calibration the calibration used
 */
public record Attribution(
        Evidence evidence,
        List<String> used,
        List<String> problems,
        int actorsScored,
        List<Candidate> candidates,
        double unknownProbability,
        boolean abstain,
        String decision,
        List<Sponsor> sponsors,
        Hypotheses hypotheses,
        Calibration calibration) {

    /**
     * Where the attributed-to chains lead, with the summed probability of the candidates that lead there.
     *
     * @param id the object's STIX id
     * @param name its name
     * @param type its STIX type
     * @param probability summed probability
     */
    public record Sponsor(String id, String name, String type, double probability) {}
}
