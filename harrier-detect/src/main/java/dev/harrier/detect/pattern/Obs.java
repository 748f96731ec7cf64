package dev.harrier.detect.pattern;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One observed-data object, prepared for matching: its time interval, how many observations it stands for, the
 * cyber-observable objects patterns may start from ({@code objects} values in STIX 2.0, the SCOs named by
 * {@code object_refs} in STIX 2.1) and the table that resolves {@code _ref}/{@code _refs} values (the {@code objects}
 * keys, or the ids in {@code object_refs}).
 */
final class Obs {
    final String id;
    final Instant first;
    final Instant last;
    final long count;
    final JsonNode[] roots;
    final String[] rootTypes;
    private final Map<String, JsonNode> refs;

    Obs(String id, Instant first, Instant last, long count, JsonNode[] roots, Map<String, JsonNode> refs) {
        this.id = id;
        this.first = first;
        this.last = last;
        this.count = count;
        this.roots = roots;
        this.refs = refs;
        this.rootTypes = new String[roots.length];
        for (int i = 0; i < roots.length; i++) {
            JsonNode t = roots[i].get("type");
            rootTypes[i] = t != null && t.isTextual() ? t.textValue() : "";
        }
    }

    /** The object a reference names within this observation, or null (unresolved references select nothing). */
    @Nullable
    JsonNode resolve(JsonNode ref) {
        return ref.isTextual() ? refs.get(ref.textValue()) : null;
    }
}
