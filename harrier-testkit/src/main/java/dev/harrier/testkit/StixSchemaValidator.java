package dev.harrier.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates STIX 2.1 JSON against the OASIS schemas in {@code ../shared/data/stix2-json-schemas}, offline.
 *
 * <p>Each object is checked against the schema of its type (SDO, SRO, SCO or meta object); objects of custom types
 * against {@code common/core.json}; a bundle against {@code common/bundle.json} and then object by object. The
 * schemas' {@code $id}s point at raw.githubusercontent.com; they are mapped to the local files.
 */
public final class StixSchemaValidator {
    private static final String REMOTE_PREFIX =
            "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";

    private final Path schemas;
    private final JsonSchemaFactory factory;
    private final Map<String, JsonSchema> cache = new HashMap<>();

    private StixSchemaValidator(Path schemas) {
        this.schemas = schemas;
        String local = schemas.toUri().toString();
        this.factory = JsonSchemaFactory.getInstance(
                SpecVersion.VersionFlag.V202012,
                b -> b.schemaMappers(m -> m.mapPrefix(REMOTE_PREFIX, local)
                        .mapPrefix(REMOTE_PREFIX.replace("http://", "https://"), local)));
    }

    /** A validator over the shared schemas; skips the calling test when they are absent. */
    public static StixSchemaValidator fromSharedData() {
        return new StixSchemaValidator(SharedData.require("stix2-json-schemas/schemas"));
    }

    /** Problems of one object, each prefixed with its id; empty when valid. */
    public List<String> validateObject(JsonNode object) {
        String type = object.path("type").asText("");
        String rel = schemaFor(type);
        Set<ValidationMessage> msgs = schema(rel).validate(object);
        List<String> out = new ArrayList<>();
        for (ValidationMessage m : msgs) {
            out.add(object.path("id").asText("?") + " (" + rel + "): " + m.getMessage());
        }
        return out;
    }

    /** Problems of a bundle and of every object in it; empty when valid. */
    public List<String> validateBundle(JsonNode bundle) {
        List<String> out = new ArrayList<>();
        // the envelope is checked with one object (the bundle schema's anyOf over every type is slow on 25k objects);
        // every object is then checked against its own type's schema
        com.fasterxml.jackson.databind.node.ObjectNode envelope = bundle.deepCopy();
        com.fasterxml.jackson.databind.node.ArrayNode first = envelope.putArray("objects");
        if (bundle.path("objects").size() > 0) {
            first.add(bundle.path("objects").get(0));
        }
        for (ValidationMessage m : schema("common/bundle.json").validate(envelope)) {
            out.add("bundle: " + m.getMessage());
        }
        for (JsonNode o : bundle.path("objects")) {
            out.addAll(validateObject(o));
        }
        return out;
    }

    private String schemaFor(String type) {
        for (String dir : new String[] {"sdos", "sros", "observables", "common"}) {
            if (!type.isEmpty() && Files.exists(schemas.resolve(dir).resolve(type + ".json"))) {
                if (dir.equals("common")
                        && !Set.of("marking-definition", "language-content", "extension-definition")
                                .contains(type)) {
                    continue;
                }
                return dir + "/" + type + ".json";
            }
        }
        return "common/core.json";
    }

    private JsonSchema schema(String rel) {
        return cache.computeIfAbsent(
                rel,
                r -> factory.getSchema(
                        SchemaLocation.of(schemas.resolve(r).toUri().toString())));
    }
}
