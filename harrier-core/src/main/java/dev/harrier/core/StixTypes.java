package dev.harrier.core;

import java.util.Set;

/** The object types of the STIX 2.1 specification, grouped as the specification groups them. */
public final class StixTypes {
    /** STIX Domain Objects. */
    public static final Set<String> SDO = Set.of(
            "attack-pattern",
            "campaign",
            "course-of-action",
            "grouping",
            "identity",
            "incident",
            "indicator",
            "infrastructure",
            "intrusion-set",
            "location",
            "malware",
            "malware-analysis",
            "note",
            "observed-data",
            "opinion",
            "report",
            "threat-actor",
            "tool",
            "vulnerability");

    /** STIX Relationship Objects. */
    public static final Set<String> SRO = Set.of("relationship", "sighting");

    /** STIX Cyber-observable Objects. */
    public static final Set<String> SCO = Set.of(
            "artifact",
            "autonomous-system",
            "directory",
            "domain-name",
            "email-addr",
            "email-message",
            "file",
            "ipv4-addr",
            "ipv6-addr",
            "mac-addr",
            "mutex",
            "network-traffic",
            "process",
            "software",
            "url",
            "user-account",
            "windows-registry-key",
            "x509-certificate");

    /** STIX Meta Objects. */
    public static final Set<String> META = Set.of("marking-definition", "language-content", "extension-definition");

    private StixTypes() {}

    /** Whether {@code type} is defined by the STIX 2.1 specification. */
    public static boolean isStandard(String type) {
        return SDO.contains(type) || SRO.contains(type) || SCO.contains(type) || META.contains(type);
    }

    /** Whether objects of this type are versioned with {@code created}/{@code modified} (SDOs, SROs, extension definitions, custom). */
    public static boolean isVersioned(String type) {
        return !SCO.contains(type) && !"marking-definition".equals(type);
    }
}
