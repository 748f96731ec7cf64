package dev.harrier.core;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The Traffic Light Protocol 2.0 levels, ordered from least to most restricted.
 *
 * <p>Objects name their marking through {@code object_marking_refs}. Both the TLP 1.0 marking definitions of the
 * STIX 2.1 specification (section 7.2.1.4) and the TLP 2.0 definitions published by the OASIS CTI TC are
 * recognised; TLP:WHITE maps to {@link #CLEAR}. MISP tags ({@code tlp:amber+strict}, {@code tlp:white}) map the same
 * way. An object with no TLP marking has no level here; callers decide what that means (the CLI treats it as
 * {@link #CLEAR}, since unmarked intel such as ATT&amp;CK is public).
 */
public enum Tlp {
    CLEAR("marking-definition--94868c89-83c2-464b-929b-a1a8aa3c8487", "TLP:CLEAR"),
    GREEN("marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb", "TLP:GREEN"),
    AMBER("marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421", "TLP:AMBER"),
    AMBER_STRICT("marking-definition--939a9414-2ddd-4d32-a0cd-375ea402b003", "TLP:AMBER+STRICT"),
    RED("marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1", "TLP:RED");

    private static final Map<String, Tlp> BY_REF = Map.of(
            CLEAR.markingId,
            CLEAR,
            GREEN.markingId,
            GREEN,
            AMBER.markingId,
            AMBER,
            AMBER_STRICT.markingId,
            AMBER_STRICT,
            RED.markingId,
            RED,
            // TLP 1.0, STIX 2.1 specification section 7.2.1.4
            "marking-definition--613f2e26-407d-48c7-9eca-b8e91df99dc9",
            CLEAR,
            "marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da",
            GREEN,
            "marking-definition--f88d31f6-486f-44da-b317-01333bde0b82",
            AMBER,
            "marking-definition--5e57c739-391a-4eb3-b6be-7d15ca92d5ed",
            RED);

    private final String markingId;
    private final String label;

    Tlp(String markingId, String label) {
        this.markingId = markingId;
        this.label = label;
    }

    /** The id of the TLP 2.0 marking-definition object for this level. */
    public String markingId() {
        return markingId;
    }

    /** The display label, e.g. {@code TLP:AMBER+STRICT}. */
    public String label() {
        return label;
    }

    /** The level a marking-definition id stands for, if it is a TLP marking. */
    public static Optional<Tlp> fromMarkingRef(String ref) {
        return Optional.ofNullable(BY_REF.get(ref));
    }

    /**
     * Parses a user or MISP spelling: {@code tlp:amber}, {@code TLP:AMBER+STRICT}, {@code amber-strict}, {@code
     * white}.
     */
    public static Optional<Tlp> parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("tlp:")) {
            t = t.substring(4);
        } else if (t.startsWith("tlp-") || t.startsWith("tlp_")) {
            t = t.substring(4);
        }
        t = t.replace('_', '+').replace('-', '+').replace(' ', '+');
        switch (t) {
            case "clear":
            case "white":
                return Optional.of(CLEAR);
            case "green":
                return Optional.of(GREEN);
            case "amber":
                return Optional.of(AMBER);
            case "amber+strict":
                return Optional.of(AMBER_STRICT);
            case "red":
                return Optional.of(RED);
            default:
                return Optional.empty();
        }
    }

    /** Whether an object at this level may be shown to someone cleared up to {@code max}. */
    public boolean allowedUnder(Tlp max) {
        return compareTo(max) <= 0;
    }

    /** The most restrictive TLP level among an object's {@code object_marking_refs}, if any. */
    public static Optional<Tlp> highestOf(StixObject o) {
        Tlp best = null;
        for (String ref : o.markingRefs()) {
            Tlp t = BY_REF.get(ref);
            if (t != null && (best == null || t.compareTo(best) > 0)) {
                best = t;
            }
        }
        return Optional.ofNullable(best);
    }

    /** The TLP 2.0 marking-definition object for this level, as published by the OASIS CTI TC. */
    public StixObject definition() {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("type", "marking-definition");
        n.put("spec_version", "2.1");
        n.put("id", markingId);
        n.put("created", "2022-10-01T00:00:00.000Z");
        n.put("name", label);
        ObjectNode ext =
                n.putObject("extensions").putObject("extension-definition--60a3c5c5-0d10-413e-aab3-9e08dde9e88d");
        ext.put("extension_type", "property-extension");
        ext.put("tlp_2_0", name().toLowerCase(Locale.ROOT).replace('_', '+'));
        return StixObject.of(n);
    }
}
