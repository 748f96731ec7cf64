package dev.harrier.analysis.attribution;

/**
 * An Admiralty-style grade (NATO AJP-2.1): the reliability of the source (A completely reliable … E unreliable, F
 * cannot be judged) and the credibility of the information (1 confirmed … 5 improbable, 6 cannot be judged).
 *
 * <p>Attribution grades a knowledge-base statement by its publisher (ATT&amp;CK B: curated from public reporting;
 * a MISP galaxy C; anything else F) and the information by how directly it links actor and evidence: the intel
 * names the item for the actor (2, probably true), the link goes through a sub-technique, software or an
 * attributed actor (3, possibly true), it is only inferred from co-occurrence (4, doubtful); an item the intel never
 * links to the actor is graded 6, because absence in the intel is not proof of absence.
 *
 * @param reliability A to F
 * @param credibility 1 to 6
 */
public record Grade(char reliability, int credibility) {
    /** Checks the ranges. */
    public Grade {
        if (reliability < 'A' || reliability > 'F' || credibility < 1 || credibility > 6) {
            throw new IllegalArgumentException("not an Admiralty grade: " + reliability + credibility);
        }
    }

    /** The reliability the attribution assumes for a knowledge-base source label. */
    public static char reliabilityOf(String source) {
        if (source.contains("MITRE ATT&CK")) {
            return 'B';
        }
        if (source.startsWith("MISP galaxy")) {
            return 'C';
        }
        return 'F';
    }

    /** "B2". */
    @Override
    public String toString() {
        return "" + reliability + credibility;
    }
}
