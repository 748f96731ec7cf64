package dev.harrier.intel;

import dev.harrier.core.StixObject;

/** Recognises objects of MITRE ATT&amp;CK and reads their ATT&amp;CK-specific properties. */
final class AttackData {
    /** MITRE's identity, the {@code created_by_ref} of every ATT&amp;CK object. */
    static final String MITRE_IDENTITY = "identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5";

    private AttackData() {}

    /** Whether the object comes from an ATT&amp;CK release (not from another source that cites ATT&amp;CK ids). */
    static boolean isAttack(StixObject o) {
        return MITRE_IDENTITY.equals(o.text("created_by_ref").orElse(""))
                || o.get("x_mitre_domains").isArray();
    }

    /** Whether an attack-pattern is a sub-technique. */
    static boolean isSubtechnique(StixObject o) {
        return o.get("x_mitre_is_subtechnique").asBoolean(false);
    }
}
