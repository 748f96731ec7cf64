package dev.harrier.intel.read;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harrier.core.ScoIds;
import dev.harrier.core.StixIds;
import dev.harrier.core.StixObject;
import dev.harrier.core.Tlp;
import dev.harrier.store.IncomingObject;
import java.util.Collection;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Builders for the STIX 2.1 objects Harrier derives from non-STIX sources. */
final class DerivedObjects {
    /**
     * The {@code created}/{@code modified} of derived objects whose source gives no time (galaxy values, IOC lines):
     * fixed, so that reading the same source twice gives the same objects.
     */
    static final String UNKNOWN_TIME = "1970-01-01T00:00:00.000Z";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private DerivedObjects() {}

    /** A domain or relationship object shell: type, spec_version, id, created, modified. */
    static ObjectNode sdo(String type, String id, String created, String modified) {
        ObjectNode n = NODES.objectNode();
        n.put("type", type);
        n.put("spec_version", "2.1");
        n.put("id", id);
        n.put("created", created);
        n.put("modified", modified);
        return n;
    }

    /** A cyber-observable with its properties; the id is computed from them as STIX defines. */
    static ObjectNode sco(String type, ObjectNode properties) {
        ObjectNode n = NODES.objectNode();
        n.put("type", type);
        n.put("spec_version", "2.1");
        n.put("id", "");
        n.setAll(properties);
        n.put("id", ScoIds.of(n));
        return n;
    }

    /** An empty object node. */
    static ObjectNode object() {
        return NODES.objectNode();
    }

    /** The id of the relationship {@code source --type--> target}: the same triple always gives the same id. */
    static String relationshipId(String relationshipType, String source, String target) {
        return StixIds.derived("relationship", relationshipType + "|" + source + "|" + target);
    }

    static ObjectNode relationship(
            String relationshipType, String source, String target, String created, String modified) {
        ObjectNode n = sdo("relationship", relationshipId(relationshipType, source, target), created, modified);
        n.put("relationship_type", relationshipType);
        n.put("source_ref", source);
        n.put("target_ref", target);
        return n;
    }

    static ArrayNode strings(Collection<String> values) {
        ArrayNode a = NODES.arrayNode();
        values.forEach(a::add);
        return a;
    }

    /** Sets {@code object_marking_refs} to the TLP marking, when there is one. */
    static void mark(ObjectNode n, @Nullable Tlp tlp) {
        if (tlp != null) {
            n.putArray("object_marking_refs").add(tlp.markingId());
        }
    }

    /** A 64-bit key of an identifier, for "emitted before" sets that must stay small for millions of ids. */
    static long idKey(String id) {
        int sep = id.indexOf("--");
        long h = id.substring(0, Math.max(sep, 0)).hashCode();
        try {
            UUID u = UUID.fromString(id.substring(sep + 2));
            return (u.getMostSignificantBits() * 31 + u.getLeastSignificantBits()) * 31 + h;
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return id.hashCode() * 0x9E3779B97F4A7C15L + h;
        }
    }

    /** A derived object for the sink. */
    static IncomingObject incoming(ObjectNode n, String source) {
        return new IncomingObject(StixObject.adopt(n), null, true, source);
    }
}
