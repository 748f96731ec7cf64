package dev.harrier.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import dev.harrier.core.Json;
import dev.harrier.store.Sighting;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * ATT&amp;CK Navigator layers (format 4.5) of a case: the techniques its sightings carry, scored by the number of
 * sightings, and a comparison layer of those techniques against an actor's known techniques.
 *
 * <p>Both layers validate against {@code navigator-layer-4.5.schema.json} (next to this class), a JSON Schema
 * written from the layer format definition; {@link #validate} checks a layer against it.
 */
public final class NavigatorLayers {
    /** The Navigator version the layers declare (the format needs at least 4.9.0). */
    public static final String NAVIGATOR_VERSION = "4.9.1";

    /** Colour of techniques seen in the case and known for the actor. */
    public static final String BOTH = "#d62728";

    /** Colour of techniques seen in the case but not known for the actor. */
    public static final String CASE_ONLY = "#ff9f1c";

    /** Colour of techniques known for the actor but not seen in the case. */
    public static final String ACTOR_ONLY = "#9ecae1";

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final int MAX_RULES_IN_COMMENT = 5;

    /** Per technique: sightings and the rules that produced them. */
    private record Tally(long sightings, Set<String> rules) {}

    /** Collects techniques from sightings, one at a time (so sightings can be streamed from a store). */
    public static final class Collector {
        private final Map<String, long[]> counts = new TreeMap<>();
        private final Map<String, Set<String>> rules = new TreeMap<>();

        /** Adds the techniques of {@code s}. */
        public void add(Sighting s) {
            for (String t : s.techniques()) {
                String id = t.toUpperCase(java.util.Locale.ROOT);
                if (!id.matches("T[0-9]{4}(\\.[0-9]{3})?")) {
                    continue;
                }
                counts.computeIfAbsent(id, k -> new long[1])[0]++;
                Set<String> r = rules.computeIfAbsent(id, k -> new TreeSet<>());
                if (r.size() < MAX_RULES_IN_COMMENT) {
                    r.add(s.ruleTitle());
                }
            }
        }

        /** Technique id → number of sightings. */
        public Map<String, Long> counts() {
            Map<String, Long> out = new TreeMap<>();
            counts.forEach((k, v) -> out.put(k, v[0]));
            return out;
        }

        Map<String, Tally> tallies() {
            Map<String, Tally> out = new TreeMap<>();
            counts.forEach((k, v) -> out.put(k, new Tally(v[0], rules.getOrDefault(k, Set.of()))));
            return out;
        }
    }

    private NavigatorLayers() {}

    /** A layer of the collected techniques, scored by sightings (white → red gradient from 0 to the maximum). */
    public static ObjectNode caseLayer(String name, String description, Collector techniques) {
        ObjectNode layer = header(name, description);
        long max = 1;
        ArrayNode list = layer.putArray("techniques");
        for (Map.Entry<String, Tally> e : techniques.tallies().entrySet()) {
            Tally t = e.getValue();
            max = Math.max(max, t.sightings());
            ObjectNode n = list.addObject();
            n.put("techniqueID", e.getKey());
            n.put("score", t.sightings());
            n.put(
                    "comment",
                    t.sightings() + " sighting" + (t.sightings() == 1 ? "" : "s") + "; rules: "
                            + String.join("; ", t.rules()));
            n.put("enabled", true);
            if (e.getKey().contains(".")) {
                continue;
            }
            n.put("showSubtechniques", true);
        }
        ObjectNode gradient = layer.putObject("gradient");
        gradient.putArray("colors").add("#ffffff").add("#ff6666");
        gradient.put("minValue", 0);
        gradient.put("maxValue", max);
        ArrayNode legend = layer.putArray("legendItems");
        legend.addObject().put("label", "seen in the case (score = sightings)").put("color", "#ff6666");
        return layer;
    }

    /**
     * A layer comparing the case's techniques with an actor's: {@link #BOTH}, {@link #CASE_ONLY} and {@link
     * #ACTOR_ONLY} colours with a legend; the score is 2 for both, 1 for one side only.
     */
    public static ObjectNode comparisonLayer(
            String name, String actorName, Collection<String> caseTechniques, Collection<String> actorTechniques) {
        ObjectNode layer = header(name, "Techniques seen in the case compared with those known for " + actorName + ".");
        Set<String> all = new TreeSet<>(caseTechniques);
        all.addAll(actorTechniques);
        ArrayNode list = layer.putArray("techniques");
        for (String t : all) {
            boolean inCase = caseTechniques.contains(t);
            boolean inActor = actorTechniques.contains(t);
            ObjectNode n = list.addObject();
            n.put("techniqueID", t);
            n.put("score", inCase && inActor ? 2 : 1);
            n.put("color", inCase && inActor ? BOTH : inCase ? CASE_ONLY : ACTOR_ONLY);
            n.put(
                    "comment",
                    inCase && inActor
                            ? "seen in the case; known for " + actorName
                            : inCase
                                    ? "seen in the case; not known for " + actorName
                                    : "known for " + actorName + "; not seen in the case");
        }
        ArrayNode legend = layer.putArray("legendItems");
        legend.addObject().put("label", "case and " + actorName).put("color", BOTH);
        legend.addObject().put("label", "case only (new for " + actorName + ")").put("color", CASE_ONLY);
        legend.addObject().put("label", actorName + " only").put("color", ACTOR_ONLY);
        return layer;
    }

    /** Problems of {@code layer} against the format 4.5 schema; empty when valid. */
    public static List<String> validate(JsonNode layer) {
        List<String> out = new ArrayList<>();
        for (ValidationMessage m : Schema.SCHEMA.validate(layer)) {
            out.add(m.getMessage());
        }
        return out;
    }

    private static ObjectNode header(String name, String description) {
        ObjectNode layer = F.objectNode();
        layer.put("name", name);
        ObjectNode versions = layer.putObject("versions");
        versions.put("navigator", NAVIGATOR_VERSION);
        versions.put("layer", "4.5");
        layer.put("domain", "enterprise-attack");
        layer.put("description", description);
        ObjectNode layout = layer.putObject("layout");
        layout.put("layout", "side");
        layout.put("showID", true);
        layout.put("showName", true);
        layout.put("expandedSubtechniques", "annotated");
        layer.put("hideDisabled", false);
        return layer;
    }

    /** The schema, loaded once. */
    private static final class Schema {
        static final JsonSchema SCHEMA = load();

        private static JsonSchema load() {
            try (InputStream in = NavigatorLayers.class.getResourceAsStream("navigator-layer-4.5.schema.json")) {
                if (in == null) {
                    throw new IllegalStateException("navigator-layer-4.5.schema.json is missing from the classpath");
                }
                JsonNode schema = Json.mapper().readTree(in);
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                        .getSchema(schema);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
