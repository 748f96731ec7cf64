package dev.harrier.analysis.attribution;

/**
 * One piece of evidence for or against one candidate.
 *
 * @param kind what was observed
 * @param id the observed item (technique id, software id, country or sector key)
 * @param name its name
 * @param weight its contribution to the candidate's log-odds against an unknown actor, in nats, after calibration
 *     (positive supports, negative contradicts)
 * @param link how the knowledge base connects the candidate to it
 * @param explanation one sentence for the analyst
 * @param source the knowledge-base source of the statement (or of the observation where the intel is silent)
 * @param grade Admiralty grade of the statement
 */
public record EvidenceItem(
        Kind kind, String id, String name, double weight, Link link, String explanation, String source, Grade grade) {

    /** What was observed. */
    public enum Kind {
        TECHNIQUE,
        SOFTWARE,
        COUNTRY,
        SECTOR
    }

    /** How the knowledge base connects the candidate to the observation. */
    public enum Link {
        /** The intel says the actor uses it / targets it. */
        DIRECT,
        /** Through the technique hierarchy: parent, sub-technique or sibling sub-technique. */
        HIERARCHY,
        /** Through software: the actor's software implements the technique, or the software does what it does. */
        SOFTWARE,
        /** Actors using what this actor uses also use it. */
        COOCCURRENCE,
        /** Nothing links the actor to it. */
        NOT_KNOWN,
        /** The actor has no known victimology; neutral. */
        NO_VICTIMOLOGY
    }
}
