package dev.harrier.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Deterministic identifiers of cyber-observable objects as STIX 2.1 (section 2.9) defines them: a UUIDv5 in the
 * STIX namespace over the canonical JSON (RFC 8785) of the type's id-contributing properties.
 */
public final class ScoIds {
    /** The namespace STIX 2.1 defines for cyber-observable ids. */
    public static final UUID STIX_SCO_NAMESPACE = UUID.fromString("00abedb4-aa42-466c-9c01-fed23315a9b7");

    private ScoIds() {}

    /** The id of {@code sco}, from the properties STIX lists for its type (all properties for other types). */
    public static String of(ObjectNode sco) {
        String type = sco.path("type").asText();
        ObjectNode contributing = sco.objectNode();
        for (String p : contributing(type)) {
            JsonNode v = sco.get(p);
            if (v == null) {
                continue;
            }
            if (p.equals("hashes") && v.isObject()) {
                contributing.set(p, oneHash((ObjectNode) v));
            } else {
                contributing.set(p, v);
            }
        }
        if (contributing.isEmpty()) {
            Iterator<String> names = sco.fieldNames();
            while (names.hasNext()) {
                String n = names.next();
                if (!n.equals("type") && !n.equals("id") && !n.equals("spec_version")) {
                    contributing.set(n, sco.get(n));
                }
            }
        }
        return type + "--" + StixIds.uuid5(STIX_SCO_NAMESPACE, canonical(contributing));
    }

    private static List<String> contributing(String type) {
        return switch (type) {
            case "ipv4-addr", "ipv6-addr", "domain-name", "url", "email-addr", "mac-addr" -> List.of("value");
            case "file" -> List.of("hashes", "name", "extensions", "parent_directory_ref");
            case "mutex" -> List.of("name");
            case "autonomous-system" -> List.of("number");
            case "windows-registry-key" -> List.of("key", "values");
            case "x509-certificate" -> List.of("hashes", "serial_number");
            case "email-message" -> List.of("from_ref", "subject", "body");
            case "network-traffic" ->
                List.of("start", "end", "src_ref", "dst_ref", "src_port", "dst_port", "protocols", "extensions");
            default -> List.of();
        };
    }

    /** STIX: only one hash contributes, the first of MD5, SHA-1, SHA-256, SHA-512, else the first by name. */
    private static ObjectNode oneHash(ObjectNode hashes) {
        ObjectNode one = hashes.objectNode();
        for (String k : new String[] {"MD5", "SHA-1", "SHA-256", "SHA-512"}) {
            if (hashes.has(k)) {
                one.set(k, hashes.get(k));
                return one;
            }
        }
        List<String> keys = new ArrayList<>();
        hashes.fieldNames().forEachRemaining(keys::add);
        if (!keys.isEmpty()) {
            Collections.sort(keys);
            one.set(keys.get(0), hashes.get(keys.get(0)));
        }
        return one;
    }

    /** RFC 8785 canonical JSON of strings, integers, booleans, objects and arrays. */
    public static String canonical(JsonNode n) {
        StringBuilder sb = new StringBuilder();
        write(n, sb);
        return sb.toString();
    }

    private static void write(JsonNode n, StringBuilder sb) {
        if (n.isObject()) {
            List<String> keys = new ArrayList<>();
            n.fieldNames().forEachRemaining(keys::add);
            Collections.sort(keys);
            sb.append('{');
            for (int i = 0; i < keys.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                string(keys.get(i), sb);
                sb.append(':');
                write(n.get(keys.get(i)), sb);
            }
            sb.append('}');
        } else if (n.isArray()) {
            sb.append('[');
            for (int i = 0; i < n.size(); i++) {
                if (i > 0) {
                    sb.append(',');
                }
                write(n.get(i), sb);
            }
            sb.append(']');
        } else if (n.isTextual()) {
            string(n.asText(), sb);
        } else if (n.isIntegralNumber() && n.canConvertToLong()) {
            sb.append(n.asLong());
        } else {
            sb.append(n.toString());
        }
    }

    private static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
