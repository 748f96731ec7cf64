package dev.harrier.intel.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/**
 * Upgrades a STIX 2.0 object to 2.1 in place, adding only what 2.1 requires and 2.0 did not have:
 *
 * <ul>
 *   <li>{@code spec_version: "2.1"} (placed after {@code type});
 *   <li>{@code created}/{@code modified} with whole seconds get millisecond precision ({@code ...:00Z} becomes
 *       {@code ...:00.000Z}: the same instant, as 2.1 requires);
 *   <li>indicators: {@code pattern_type: "stix"}, and {@code valid_from} (the {@code created} time) when missing;
 *   <li>malware: {@code is_family: true} when missing;
 *   <li>the 2.0 {@code labels} of malware, tool, indicator, report and threat-actor are copied to {@code
 *       malware_types}, {@code tool_types}, {@code indicator_types}, {@code report_types} and {@code
 *       threat_actor_types} when those are missing ({@code labels} stays);
 *   <li>a TLP marking definition gets the {@code name} 2.1 gives it ({@code TLP:GREEN}).
 * </ul>
 *
 * Everything else is kept as it was; an identity without {@code identity_class} stays without one.
 */
final class Stix20Upgrader {
    private Stix20Upgrader() {}

    /** The upgraded object: a new top-level node sharing the children of {@code o}. */
    static ObjectNode upgrade(ObjectNode o) {
        String type = o.path("type").asText();
        ObjectNode n = o.objectNode();
        n.set("type", o.get("type"));
        n.put("spec_version", "2.1");
        for (Map.Entry<String, JsonNode> e : o.properties()) {
            if (!e.getKey().equals("type") && !e.getKey().equals("spec_version")) {
                n.set(e.getKey(), e.getValue());
            }
        }
        millis(n, "created");
        millis(n, "modified");
        switch (type) {
            case "indicator" -> {
                if (!n.has("pattern_type")) {
                    n.put("pattern_type", "stix");
                }
                if (!n.has("valid_from") && n.path("created").isTextual()) {
                    n.put("valid_from", n.path("created").asText());
                }
                labelsTo(n, "indicator_types");
            }
            case "malware" -> {
                if (!n.has("is_family")) {
                    n.put("is_family", true);
                }
                labelsTo(n, "malware_types");
            }
            case "tool" -> labelsTo(n, "tool_types");
            case "report" -> labelsTo(n, "report_types");
            case "threat-actor" -> labelsTo(n, "threat_actor_types");
            case "marking-definition" -> {
                JsonNode tlp = n.path("definition").path("tlp");
                if (!n.has("name") && n.path("definition_type").asText().equals("tlp") && tlp.isTextual()) {
                    n.put("name", "TLP:" + tlp.asText().toUpperCase(java.util.Locale.ROOT));
                }
            }
            default -> {}
        }
        return n;
    }

    private static void labelsTo(ObjectNode n, String property) {
        JsonNode labels = n.get("labels");
        if (!n.has(property) && labels != null && labels.isArray() && labels.size() > 0) {
            n.set(property, labels.deepCopy());
        }
    }

    private static void millis(ObjectNode n, String property) {
        JsonNode v = n.get(property);
        if (v == null || !v.isTextual()) {
            return;
        }
        String s = v.asText();
        int len = s.length();
        // validated timestamps: yyyy-MM-ddTHH:mm:ss[.f]Z
        if (len == 20) {
            n.put(property, s.substring(0, 19) + ".000Z");
        } else if (len == 22 || len == 23) {
            n.put(property, s.substring(0, len - 1) + "0".repeat(24 - len) + "Z");
        }
    }
}
