package dev.harrier.detect.pattern;

/**
 * Which edition of STIX patterning a pattern is written in.
 *
 * <p>The two differ in little: STIX 2.1 added {@code EXISTS} and requires {@code t'...'} timestamp literals after
 * {@code START}/{@code STOP}, where STIX 2.0 takes plain string literals holding a timestamp. Everything else
 * (operators, qualifiers, object paths, literals, precedence) is the same.
 */
public enum PatternDialect {
    /** STIX 2.0, Part 5: STIX Patterning. */
    STIX_2_0,
    /** STIX 2.1, section 9: STIX Patterning. */
    STIX_2_1;

    /**
     * The dialect of an object's {@code spec_version} ({@code "2.0"} for objects without one, as STIX 2.0 objects
     * carry none); any version other than 2.0 reads as 2.1.
     */
    public static PatternDialect ofSpecVersion(String specVersion) {
        return "2.0".equals(specVersion) ? STIX_2_0 : STIX_2_1;
    }
}
