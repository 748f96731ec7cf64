package dev.harrier.analysis.clock;

/** What an activity timestamp records. */
public enum ActivitySource {
    /** An interactive event of the operators (a detection hit on a logged event). */
    INTERACTIVE_EVENT("events"),
    /** The compile timestamp of a sample (PE header). */
    COMPILE_TIMESTAMP("compile"),
    /** The registration time of a domain the operators registered. */
    DOMAIN_REGISTRATION("domain-registration");

    private final String label;

    ActivitySource(String label) {
        this.label = label;
    }

    /** A short lower-case name for messages and JSON. */
    public String label() {
        return label;
    }
}
