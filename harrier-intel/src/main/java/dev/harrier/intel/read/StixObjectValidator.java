package dev.harrier.intel.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harrier.core.StixIds;
import dev.harrier.core.StixTypes;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks one STIX object (2.0 or 2.1) against the rules a reader can check without other objects: the common
 * properties ({@code type}, {@code id} matching the type, {@code spec_version}, {@code created}/{@code modified}),
 * the properties each kind requires (relationship, sighting, indicator) and the JSON types of the properties the
 * specification defines. Custom ({@code x_}) properties and unknown object types are not judged.
 */
final class StixObjectValidator {

    /** A problem at a JSON path. */
    record Problem(String path, String message) {}

    private static final Set<String> STRINGS = Set.of(
            "name",
            "description",
            "lang",
            "relationship_type",
            "pattern",
            "pattern_type",
            "pattern_version",
            "identity_class",
            "contact_information",
            "definition_type",
            "abstract",
            "content",
            "explanation",
            "opinion",
            "context",
            "objective",
            "sophistication",
            "resource_level",
            "primary_motivation",
            "tool_version",
            "result",
            "region",
            "country",
            "administrative_area",
            "city",
            "street_address",
            "postal_code");

    private static final Set<String> STRING_LISTS = Set.of(
            "labels",
            "aliases",
            "sectors",
            "roles",
            "goals",
            "secondary_motivations",
            "personal_motivations",
            "malware_types",
            "tool_types",
            "indicator_types",
            "report_types",
            "threat_actor_types",
            "infrastructure_types",
            "architecture_execution_envs",
            "implementation_languages",
            "capabilities",
            "authors",
            "protocols");

    private static final Set<String> BOOLEANS = Set.of("revoked", "is_family", "defanged", "summary", "is_multipart");

    private static final Set<String> TIMESTAMPS = Set.of(
            "created",
            "modified",
            "first_seen",
            "last_seen",
            "valid_from",
            "valid_until",
            "published",
            "first_observed",
            "last_observed");

    Optional<Problem> validate(ObjectNode o, String path) {
        JsonNode typeNode = o.get("type");
        if (typeNode == null) {
            return problem(path, "type", "missing required property 'type'");
        }
        if (!typeNode.isTextual()) {
            return problem(path, "type", "'type' must be a string");
        }
        String type = typeNode.asText();
        if (!StixSyntax.isType(type)) {
            return problem(path, "type", "'" + clip(type) + "' is not a valid STIX type name");
        }
        JsonNode idNode = o.get("id");
        if (idNode == null) {
            return problem(path, "id", "missing required property 'id'");
        }
        if (!idNode.isTextual()) {
            return problem(path, "id", "'id' must be a string");
        }
        if (!StixSyntax.isId(idNode.asText(), type)) {
            return problem(
                    path,
                    "id",
                    "'" + clip(idNode.asText()) + "' is not an identifier of the form " + type + "--<UUID>");
        }
        JsonNode spec = o.get("spec_version");
        if (spec != null
                && !(spec.isTextual()
                        && (spec.asText().equals("2.1") || spec.asText().equals("2.0")))) {
            return problem(path, "spec_version", "unsupported spec_version " + clip(spec.toString()));
        }
        boolean standard = StixTypes.isStandard(type);
        boolean sdoOrSro = StixTypes.SDO.contains(type) || StixTypes.SRO.contains(type);
        if (sdoOrSro || type.equals("marking-definition")) {
            if (o.get("created") == null) {
                return problem(path, "created", "missing required property 'created'");
            }
        }
        if (sdoOrSro && o.get("modified") == null) {
            return problem(path, "modified", "missing required property 'modified'");
        }
        for (Map.Entry<String, JsonNode> e : o.properties()) {
            Optional<Problem> p = property(path, e.getKey(), e.getValue(), standard);
            if (p.isPresent()) {
                return p;
            }
        }
        JsonNode created = o.get("created");
        JsonNode modified = o.get("modified");
        if (created != null && modified != null) {
            if (StixSyntax.compare(modified.asText(), created.asText()) < 0) {
                return problem(path, "modified", "'modified' is earlier than 'created'");
            }
        }
        return required(o, path, type);
    }

    private static Optional<Problem> required(ObjectNode o, String path, String type) {
        switch (type) {
            case "relationship" -> {
                for (String p : new String[] {"relationship_type", "source_ref", "target_ref"}) {
                    if (o.get(p) == null) {
                        return problem(path, p, "a relationship requires '" + p + "'");
                    }
                }
                return Optional.empty();
            }
            case "sighting" -> {
                if (o.get("sighting_of_ref") == null) {
                    return problem(path, "sighting_of_ref", "a sighting requires 'sighting_of_ref'");
                }
                return Optional.empty();
            }
            case "indicator" -> {
                if (o.get("pattern") == null) {
                    return problem(path, "pattern", "an indicator requires 'pattern'");
                }
                return Optional.empty();
            }
            default -> {
                return Optional.empty();
            }
        }
    }

    /** A JSON path built only when a problem needs it. */
    private static final class At {
        private final @Nullable At parent;
        private final @Nullable String base;
        private final @Nullable String name;
        private final long index;

        private At(@Nullable At parent, @Nullable String base, @Nullable String name, long index) {
            this.parent = parent;
            this.base = base;
            this.name = name;
            this.index = index;
        }

        static At root(String path) {
            return new At(null, path, null, -1);
        }

        At field(String n) {
            return new At(this, null, n, -1);
        }

        At index(long i) {
            return new At(this, null, null, i);
        }

        @Override
        public String toString() {
            if (parent == null) {
                return base == null ? "$" : base;
            }
            return name != null ? JsonInput.field(parent.toString(), name) : JsonInput.index(parent.toString(), index);
        }
    }

    private static Optional<Problem> fail(At at, String message) {
        return Optional.of(new Problem(at.toString(), message));
    }

    private static Optional<Problem> property(String path, String name, JsonNode v, boolean standardType) {
        if (name.startsWith("x_")) {
            return Optional.empty();
        }
        At at = At.root(path).field(name);
        if (TIMESTAMPS.contains(name)) {
            if (!v.isTextual() || !StixSyntax.isTimestamp(v.asText())) {
                return fail(at, "'" + name + "' is not a valid timestamp: " + clip(v.toString()));
            }
            return Optional.empty();
        }
        switch (name) {
            case "external_references" -> {
                return externalReferences(at, v);
            }
            case "kill_chain_phases" -> {
                return killChainPhases(at, v);
            }
            case "granular_markings" -> {
                return granularMarkings(at, v);
            }
            case "object_marking_refs" -> {
                return idList(at, name, v, "marking-definition");
            }
            case "created_by_ref" -> {
                return id(at, name, v, "identity");
            }
            case "confidence" -> {
                return integer(at, name, v, 0, 100);
            }
            case "extensions" -> {
                return v.isObject() ? Optional.empty() : fail(at, "'extensions' must be an object");
            }
            default -> {}
        }
        if (standardType) {
            switch (name) {
                case "number_observed" -> {
                    return integer(at, name, v, 1, 999_999_999);
                }
                case "count" -> {
                    return integer(at, name, v, 0, 999_999_999);
                }
                case "hashes" -> {
                    return v.isObject() ? Optional.empty() : fail(at, "'hashes' must be an object");
                }
                default -> {}
            }
        }
        if (STRINGS.contains(name) && (standardType || name.equals("name") || name.equals("description"))) {
            return v.isTextual() ? Optional.empty() : fail(at, "'" + name + "' must be a string");
        }
        if (BOOLEANS.contains(name) && (standardType || name.equals("revoked"))) {
            return v.isBoolean() ? Optional.empty() : fail(at, "'" + name + "' must be a boolean");
        }
        if (STRING_LISTS.contains(name) && (standardType || name.equals("labels") || name.equals("aliases"))) {
            return stringList(at, name, v);
        }
        if (name.endsWith("_refs")) {
            return idList(at, name, v, null);
        }
        if (name.endsWith("_ref")) {
            return id(at, name, v, null);
        }
        return Optional.empty();
    }

    private static Optional<Problem> stringList(At at, String name, JsonNode v) {
        if (!v.isArray()) {
            return fail(at, "'" + name + "' must be a list of strings");
        }
        for (int i = 0; i < v.size(); i++) {
            if (!v.get(i).isTextual()) {
                return fail(at.index(i), "'" + name + "' must be a list of strings");
            }
        }
        return Optional.empty();
    }

    private static Optional<Problem> id(At at, String name, JsonNode v, @Nullable String requiredType) {
        if (!v.isTextual()) {
            return fail(at, "'" + name + "' must be an identifier string");
        }
        String s = v.asText();
        if (!StixSyntax.isId(s)) {
            return fail(at, "'" + name + "' is not an identifier: " + clip(s));
        }
        if (requiredType != null && !StixIds.typeOf(s).equals(requiredType)) {
            return fail(at, "'" + name + "' must refer to a " + requiredType + ": " + clip(s));
        }
        return Optional.empty();
    }

    private static Optional<Problem> idList(At at, String name, JsonNode v, @Nullable String requiredType) {
        if (!v.isArray()) {
            return fail(at, "'" + name + "' must be a list of identifiers");
        }
        for (int i = 0; i < v.size(); i++) {
            Optional<Problem> p = id(at.index(i), name, v.get(i), requiredType);
            if (p.isPresent()) {
                return p;
            }
        }
        return Optional.empty();
    }

    private static Optional<Problem> integer(At at, String name, JsonNode v, long min, long max) {
        // no conversion of decimals: a number such as 1e999999999 must not be expanded
        if (!v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            return fail(at, "'" + name + "' must be an integer from " + min + " to " + max);
        }
        return Optional.empty();
    }

    private static Optional<Problem> externalReferences(At at, JsonNode v) {
        if (!v.isArray()) {
            return fail(at, "'external_references' must be a list of objects");
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode r = v.get(i);
            if (!r.isObject()) {
                return fail(at.index(i), "an external reference must be an object");
            }
            JsonNode source = r.get("source_name");
            if (source == null || !source.isTextual()) {
                return fail(at.index(i).field("source_name"), "an external reference requires a string 'source_name'");
            }
            for (String p : new String[] {"description", "url", "external_id"}) {
                JsonNode x = r.get(p);
                if (x != null && !x.isTextual()) {
                    return fail(at.index(i).field(p), "'" + p + "' must be a string");
                }
            }
            JsonNode hashes = r.get("hashes");
            if (hashes != null && !hashes.isObject()) {
                return fail(at.index(i).field("hashes"), "'hashes' must be an object");
            }
        }
        return Optional.empty();
    }

    private static Optional<Problem> killChainPhases(At at, JsonNode v) {
        if (!v.isArray()) {
            return fail(at, "'kill_chain_phases' must be a list of objects");
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode k = v.get(i);
            if (!k.isObject()) {
                return fail(at.index(i), "a kill chain phase must be an object");
            }
            for (String p : new String[] {"kill_chain_name", "phase_name"}) {
                if (!k.path(p).isTextual()) {
                    return fail(at.index(i).field(p), "a kill chain phase requires a string '" + p + "'");
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Problem> granularMarkings(At at, JsonNode v) {
        if (!v.isArray()) {
            return fail(at, "'granular_markings' must be a list of objects");
        }
        for (int i = 0; i < v.size(); i++) {
            JsonNode g = v.get(i);
            At gi = at.index(i);
            if (!g.isObject()) {
                return fail(gi, "a granular marking must be an object");
            }
            Optional<Problem> sel = stringList(gi.field("selectors"), "selectors", g.path("selectors"));
            if (sel.isPresent()) {
                return sel;
            }
            JsonNode ref = g.get("marking_ref");
            if (ref != null) {
                Optional<Problem> p = id(gi.field("marking_ref"), "marking_ref", ref, "marking-definition");
                if (p.isPresent()) {
                    return p;
                }
            } else if (!g.path("lang").isTextual()) {
                return fail(gi, "a granular marking requires 'marking_ref' or 'lang'");
            }
        }
        return Optional.empty();
    }

    private static Optional<Problem> problem(String path, String property, String message) {
        return Optional.of(new Problem(JsonInput.field(path, property), message));
    }

    static String clip(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }
}
