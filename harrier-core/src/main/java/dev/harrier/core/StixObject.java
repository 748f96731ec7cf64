package dev.harrier.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One STIX 2.1 object (SDO, SRO, SCO, marking definition or custom object), kept as its full JSON tree.
 *
 * <p>Instances are immutable: the tree is copied on the way in and on the way out. Typed accessors read the common
 * properties; everything else, including custom {@code x_} properties, stays in {@link #json()} so a re-export is
 * lossless. Accessors are lenient: a property of the wrong JSON type reads as absent (the readers reject such
 * objects before they get here).
 */
public final class StixObject {
    private final ObjectNode tree;
    private final String id;
    private final String type;

    private StixObject(ObjectNode tree) {
        this.tree = tree;
        this.type = tree.path("type").asText("");
        this.id = tree.path("id").asText("");
    }

    /** Wraps a copy of {@code tree}. */
    public static StixObject of(ObjectNode tree) {
        return new StixObject(tree.deepCopy());
    }

    /** Wraps {@code tree} without copying; the caller hands over ownership and must not change it afterwards. */
    public static StixObject adopt(ObjectNode tree) {
        return new StixObject(tree);
    }

    /** Parses one JSON object. */
    public static StixObject parse(String json) {
        try {
            JsonNode n = Json.mapper().readTree(json);
            if (!(n instanceof ObjectNode)) {
                throw new IllegalArgumentException("a STIX object must be a JSON object");
            }
            return new StixObject((ObjectNode) n);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("invalid JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The {@code id} property, e.g. {@code intrusion-set--899ce53f-13a0-479b-a0e4-67d46e241542}. */
    public String id() {
        return id;
    }

    /** The {@code type} property. */
    public String type() {
        return type;
    }

    /** The {@code spec_version} property; objects without one (STIX 2.0) read as {@code 2.0}. */
    public String specVersion() {
        return text("spec_version").orElse("2.0");
    }

    /** The {@code created} timestamp text, when present. */
    public Optional<String> created() {
        return text("created");
    }

    /** The {@code modified} timestamp text; for objects without one (SCOs, markings) the {@code created} value. */
    public Optional<String> modified() {
        Optional<String> m = text("modified");
        return m.isPresent() ? m : created();
    }

    /** The {@code name} property, when present. */
    public Optional<String> name() {
        return text("name");
    }

    /** The {@code description} property, when present. */
    public Optional<String> description() {
        return text("description");
    }

    /** Whether {@code revoked} is true. */
    public boolean revoked() {
        return tree.path("revoked").asBoolean(false);
    }

    /** Whether the object is deprecated ({@code x_mitre_deprecated} or {@code x_harrier_deprecated} is true). */
    public boolean deprecated() {
        return tree.path("x_mitre_deprecated").asBoolean(false)
                || tree.path("x_harrier_deprecated").asBoolean(false);
    }

    /** Whether the object is neither revoked nor deprecated. */
    public boolean active() {
        return !revoked() && !deprecated();
    }

    /** Whether the type is not one of the STIX 2.1 specification's types. */
    public boolean custom() {
        return !StixTypes.isStandard(type);
    }

    /**
     * Every name this object is known by: {@code name}, {@code aliases}, {@code x_mitre_aliases}, in order, without
     * duplicates.
     */
    public List<String> aliases() {
        Set<String> out = new LinkedHashSet<>();
        name().ifPresent(out::add);
        out.addAll(strings("aliases"));
        out.addAll(strings("x_mitre_aliases"));
        return List.copyOf(out);
    }

    /** The {@code object_marking_refs}. */
    public List<String> markingRefs() {
        return strings("object_marking_refs");
    }

    /** The {@code external_id}s of external references, optionally only those of one {@code source_name}. */
    public List<String> externalIds(@Nullable String sourceName) {
        List<String> out = new ArrayList<>();
        for (JsonNode ref : tree.path("external_references")) {
            JsonNode ext = ref.get("external_id");
            if (ext != null && ext.isTextual()) {
                if (sourceName == null
                        || sourceName.equals(ref.path("source_name").asText())) {
                    out.add(ext.asText());
                }
            }
        }
        return out;
    }

    /** The ATT&amp;CK id ({@code T1059.001}, {@code G0016}, {@code S0154}, {@code C0024}), when present. */
    public Optional<String> attackId() {
        for (JsonNode ref : tree.path("external_references")) {
            String src = ref.path("source_name").asText();
            if (src.startsWith("mitre-") && ref.path("external_id").isTextual()) {
                return Optional.of(ref.path("external_id").asText());
            }
        }
        return Optional.empty();
    }

    /** A top-level string property. */
    public Optional<String> text(String property) {
        JsonNode n = tree.get(property);
        return n != null && n.isTextual() ? Optional.of(n.asText()) : Optional.empty();
    }

    /** A top-level list-of-strings property; non-string items are skipped. */
    public List<String> strings(String property) {
        JsonNode n = tree.get(property);
        if (n == null || !n.isArray()) {
            return List.of();
        }
        List<String> out = new ArrayList<>(n.size());
        for (JsonNode item : n) {
            if (item.isTextual()) {
                out.add(item.asText());
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** A read-only view of a top-level property; {@code MissingNode} when absent. Do not modify. */
    public JsonNode get(String property) {
        return tree.path(property);
    }

    /** A copy of the JSON tree. */
    public ObjectNode json() {
        return tree.deepCopy();
    }

    /** The compact JSON text. */
    public String toJson() {
        try {
            return Json.mapper().writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof StixObject && ((StixObject) o).tree.equals(tree);
    }

    @Override
    public int hashCode() {
        return tree.hashCode();
    }

    @Override
    public String toString() {
        return id;
    }
}
