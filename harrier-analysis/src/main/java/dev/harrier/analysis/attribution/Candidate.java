package dev.harrier.analysis.attribution;

import java.util.List;

/**
 * One ranked actor.
 *
 * @param rank 1 for the most probable
 * @param id the STIX id of the actor (the primary of its alias-merged cluster)
 * @param name its name
 * @param attackId its ATT&amp;CK group id, or empty
 * @param probability posterior probability that this actor did it (the unknown-actor hypothesis takes the rest)
 * @param logOdds calibrated log-odds against an unknown actor (sum of the evidence weights)
 * @param supports evidence items that speak for it, strongest first
 * @param contradicts evidence items that speak against it, strongest first
 * @param neutral evidence items that bear on it neither way (e.g. victimology where the intel has none)
 * @param attributedTo the attributed-to chain of the intel (intrusion set → actor → sponsor)
 * @param source the source of its primary member
 */
public record Candidate(
        int rank,
        String id,
        String name,
        String attackId,
        double probability,
        double logOdds,
        List<EvidenceItem> supports,
        List<EvidenceItem> contradicts,
        List<EvidenceItem> neutral,
        List<ChainStep> attributedTo,
        String source) {

    /**
     * One attributed-to step.
     *
     * @param from the attributed object's name
     * @param toId the id it is attributed to
     * @param toName that object's name
     * @param toType its STIX type
     * @param source who says so
     */
    public record ChainStep(String from, String toId, String toName, String toType, String source) {}
}
