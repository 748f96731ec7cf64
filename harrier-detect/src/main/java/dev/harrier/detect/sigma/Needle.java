package dev.harrier.detect.sigma;

/**
 * A prefilter needle: a lower-case ASCII literal that occurs in the value of {@code field} whenever the match it was
 * taken from is true. {@code field} is empty for keyword searches, whose needles may occur in any field's value.
 */
record Needle(String field, String text) {
    /** Whether this is a keyword needle (searched in every field). */
    boolean keyword() {
        return field.isEmpty();
    }
}
