package dev.harrier.analysis.attribution;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harrier.core.Json;
import dev.harrier.core.Limits;
import dev.harrier.intel.IntelImporter;
import dev.harrier.store.Store;
import dev.harrier.store.sql.SqlStores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** Writes small hand-made STIX 2.1 knowledge bases and imports them into a SQLite case. */
final class TinyIntel {
    static final String MITRE = "identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5";
    static final String VENDOR = id("identity", "vendor");
    private static final String TS = "2024-01-01T00:00:00.000Z";

    private final ArrayNode objects = Json.mapper().createArrayNode();

    TinyIntel() {
        identity(MITRE, "The MITRE Corporation");
        identity(VENDOR, "Vendor X");
    }

    static String id(String type, String key) {
        return type + "--" + UUID.nameUUIDFromBytes((type + ":" + key).getBytes(StandardCharsets.UTF_8));
    }

    private ObjectNode base(String type, String id, String creator) {
        ObjectNode o = objects.addObject();
        o.put("type", type)
                .put("spec_version", "2.1")
                .put("id", id)
                .put("created", TS)
                .put("modified", TS);
        if (creator != null) {
            o.put("created_by_ref", creator);
        }
        return o;
    }

    private void identity(String id, String name) {
        base("identity", id, null).put("name", name).put("identity_class", "organization");
    }

    private static void attackRef(ObjectNode o, String attackId) {
        o.putArray("external_references")
                .addObject()
                .put("source_name", "mitre-attack")
                .put("external_id", attackId);
    }

    TinyIntel technique(String attackId, String name) {
        ObjectNode o =
                base("attack-pattern", id("attack-pattern", attackId), MITRE).put("name", name);
        attackRef(o, attackId);
        if (attackId.contains(".")) {
            o.put("x_mitre_is_subtechnique", true);
        }
        return this;
    }

    TinyIntel software(String attackId, String name, String... aliases) {
        ObjectNode o = base("malware", id("malware", attackId), MITRE)
                .put("name", name)
                .put("is_family", true);
        attackRef(o, attackId);
        ArrayNode a = o.putArray("x_mitre_aliases");
        a.add(name);
        for (String s : aliases) {
            a.add(s);
        }
        return this;
    }

    TinyIntel group(String attackId, String name, String... aliases) {
        ObjectNode o = base("intrusion-set", groupId(attackId), MITRE).put("name", name);
        attackRef(o, attackId);
        ArrayNode a = o.putArray("aliases");
        a.add(name);
        for (String s : aliases) {
            a.add(s);
        }
        return this;
    }

    /** An intrusion set published by another vendor (merged with an ATT&CK group of the same name). */
    TinyIntel vendorGroup(String key, String name) {
        base("intrusion-set", id("intrusion-set", "vendor:" + key), VENDOR).put("name", name);
        return this;
    }

    TinyIntel threatActor(String key, String name) {
        base("threat-actor", id("threat-actor", key), VENDOR).put("name", name);
        return this;
    }

    TinyIntel country(String code, String name) {
        base("location", id("location", code), VENDOR).put("name", name).put("country", code);
        return this;
    }

    static String groupId(String attackId) {
        return id("intrusion-set", attackId);
    }

    /** A relationship; refs are STIX ids. */
    TinyIntel relate(String type, String source, String target, String creator) {
        base("relationship", id("relationship", type + source + target), creator)
                .put("relationship_type", type)
                .put("source_ref", source)
                .put("target_ref", target);
        return this;
    }

    /** ATT&CK group uses a technique (T...) or software (S...). */
    TinyIntel uses(String groupAttackId, String itemAttackId) {
        String target = itemAttackId.startsWith("S") ? id("malware", itemAttackId) : id("attack-pattern", itemAttackId);
        return relate("uses", groupId(groupAttackId), target, MITRE);
    }

    /** Software implements a technique. */
    TinyIntel implementsTechnique(String softwareId, String techniqueId) {
        return relate("uses", id("malware", softwareId), id("attack-pattern", techniqueId), MITRE);
    }

    /** Writes the bundle and imports it into a new SQLite case under {@code dir}. */
    Store importInto(Path dir) {
        try {
            ObjectNode bundle = Json.mapper().createObjectNode();
            bundle.put("type", "bundle").put("id", "bundle--" + UUID.randomUUID());
            bundle.set("objects", objects);
            Path file = dir.resolve("tiny.json");
            Files.writeString(file, Json.mapper().writeValueAsString(bundle));
            Store store = SqlStores.open(dir.resolve("case"));
            new IntelImporter(store, Limits.defaults(), false).importFile(file, n -> {});
            return store;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
