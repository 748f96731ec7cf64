package dev.harrier.detect.pattern;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harrier.core.Json;
import dev.harrier.core.StixObject;
import java.util.ArrayList;
import java.util.List;

/** Builds observed-data objects for tests. */
final class Observations {
    private final List<StixObject> objects = new ArrayList<>();

    /** Adds a STIX 2.0 observed-data with the given embedded objects map (JSON text of the map). */
    Observations v20(String id, String first, String last, int count, String objectsJson) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("type", "observed-data");
        n.put("id", "observed-data--" + id);
        n.put("first_observed", first);
        n.put("last_observed", last);
        n.put("number_observed", count);
        n.set("objects", StixObject.parse(objectsJson).json());
        objects.add(StixObject.of(n));
        return this;
    }

    /** Shorthand: one observation at one time, count 1. */
    Observations v20(String id, String time, String objectsJson) {
        return v20(id, time, time, 1, objectsJson);
    }

    /** Adds a STIX 2.1 observed-data referencing the given SCOs (which are added too). */
    Observations v21(String id, String first, String last, int count, String... scos) {
        ObjectNode n = Json.mapper().createObjectNode();
        n.put("type", "observed-data");
        n.put("spec_version", "2.1");
        n.put("id", "observed-data--" + id);
        n.put("first_observed", first);
        n.put("last_observed", last);
        n.put("number_observed", count);
        var refs = n.putArray("object_refs");
        for (String sco : scos) {
            StixObject o = StixObject.parse(sco);
            refs.add(o.id());
            objects.add(o);
        }
        objects.add(StixObject.of(n));
        return this;
    }

    /** Adds an SCO that no observed-data names by itself (a reference target). */
    Observations sco(String json) {
        objects.add(StixObject.parse(json));
        return this;
    }

    List<StixObject> objects() {
        return objects;
    }

    PatternMatcher matcher() {
        return PatternMatcher.of(objects);
    }

    static CompiledPattern compile(String pattern) {
        try {
            return new PatternCompiler().compile(pattern);
        } catch (PatternException e) {
            throw new AssertionError(e.getMessage() + "\n" + e.caret(), e);
        }
    }

    static CompiledPattern compile20(String pattern) {
        try {
            return new PatternCompiler().compile(pattern, PatternDialect.STIX_2_0);
        } catch (PatternException e) {
            throw new AssertionError(e.getMessage() + "\n" + e.caret(), e);
        }
    }

    boolean matches(String pattern) {
        return matcher().match(compile(pattern)).matched();
    }

    List<String> ids(String pattern) {
        return matcher().match(compile(pattern)).observationIds();
    }
}
