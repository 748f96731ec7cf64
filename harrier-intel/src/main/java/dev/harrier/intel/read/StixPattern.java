package dev.harrier.intel.read;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Builds STIX patterns from comparisons, escaping string literals as the patterning grammar requires. */
final class StixPattern {
    private static final Pattern SIMPLE_KEY = Pattern.compile("^[A-Za-z_][A-Za-z0-9_]*$");

    /**
     * One comparison expression, e.g. {@code file:hashes.'SHA-256' = '...'}.
     *
     * @param objectType the SCO type ({@code file})
     * @param path the object path after the colon ({@code hashes.'SHA-256'})
     * @param operator {@code =} or {@code ISSUBSET}
     * @param literal the rendered right-hand side (a quoted string or a number)
     */
    record Comparison(String objectType, String path, String operator, String literal) {
        String render() {
            return objectType + ":" + path + " " + operator + " " + literal;
        }
    }

    private StixPattern() {}

    /** {@code type:path = 'value'}. */
    static Comparison eq(String objectType, String path, String value) {
        return new Comparison(objectType, path, "=", quote(value));
    }

    /** {@code type:path = number}. */
    static Comparison eq(String objectType, String path, long value) {
        return new Comparison(objectType, path, "=", Long.toString(value));
    }

    /** {@code type:path ISSUBSET 'cidr'}. */
    static Comparison subset(String objectType, String path, String cidr) {
        return new Comparison(objectType, path, "ISSUBSET", quote(cidr));
    }

    /** A string literal: quoted, with backslashes and quotes escaped. */
    static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** The path of a dictionary key, quoted when it is not a plain name ({@code hashes.'SHA-256'}). */
    static String key(String prefix, String key) {
        return prefix + "." + (SIMPLE_KEY.matcher(key).matches() ? key : quote(key));
    }

    /**
     * The pattern: comparisons on the same object type are ANDed inside one observation expression, observation
     * expressions on different object types are ANDed together.
     */
    static String of(List<Comparison> comparisons) {
        Map<String, List<String>> byType = new LinkedHashMap<>();
        for (Comparison c : comparisons) {
            byType.computeIfAbsent(c.objectType(), k -> new ArrayList<>()).add(c.render());
        }
        List<String> observations = new ArrayList<>();
        for (List<String> group : byType.values()) {
            observations.add("[" + String.join(" AND ", group) + "]");
        }
        return String.join(" AND ", observations);
    }
}
