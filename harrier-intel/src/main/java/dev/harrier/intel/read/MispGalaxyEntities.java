package dev.harrier.intel.read;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harrier.core.StixIds;
import dev.harrier.core.Tlp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The actors, techniques, malware and tools a MISP event names through galaxy tags ({@code
 * misp-galaxy:threat-actor="APT29"}, {@code misp-galaxy:mitre-attack-pattern="PowerShell - T1059.001"}) and
 * embedded galaxy clusters. Each becomes one STIX object per event, whichever way it is named: its id is derived
 * from the STIX type and the name, so a tag and a cluster for the same actor give one object.
 */
final class MispGalaxyEntities {
    private static final Pattern GALAXY_TAG = Pattern.compile("^misp-galaxy:([^=]+)=\"(.*)\"$", Pattern.DOTALL);
    private static final Pattern ATTACK_NAME =
            Pattern.compile("^(.*?)\\s+-\\s+([TGSCM]\\d{4}(?:\\.\\d{3})?)$", Pattern.DOTALL);

    /** An entity: its id, STIX type and MISP cluster uuid (may be empty). */
    record Entity(String id, String stixType, String clusterUuid) {}

    private final @Nullable String createdBy;
    private final @Nullable Tlp tlp;
    private final String time;
    private final Map<String, Entity> byKey = new LinkedHashMap<>();
    private final Map<String, ObjectNode> nodes = new LinkedHashMap<>();
    private final Map<String, String> byClusterUuid = new LinkedHashMap<>();
    private final List<ObjectNode> pending = new ArrayList<>();
    private final Set<String> pendingIds = new LinkedHashSet<>();
    private final List<ObjectNode> relationships = new ArrayList<>();
    private final Set<String> relationshipIds = new LinkedHashSet<>();

    MispGalaxyEntities(@Nullable String createdBy, @Nullable Tlp tlp, String time) {
        this.createdBy = createdBy;
        this.tlp = tlp;
        this.time = time;
    }

    /** The STIX type for objects of a galaxy, or null when the galaxy is not one this reader maps. */
    static @Nullable String stixType(String galaxyType) {
        String g = galaxyType.toLowerCase(Locale.ROOT);
        if (g.equals("threat-actor") || g.endsWith("intrusion-set") || g.equals("microsoft-activity-group")) {
            return "intrusion-set";
        }
        if (g.endsWith("attack-pattern")) {
            return "attack-pattern";
        }
        if (g.endsWith("-malware")
                || Set.of(
                                "malpedia",
                                "ransomware",
                                "rat",
                                "banker",
                                "stealer",
                                "botnet",
                                "backdoor",
                                "android",
                                "exploit-kit",
                                "tds")
                        .contains(g)) {
            return "malware";
        }
        if (g.endsWith("-tool") || g.equals("tool")) {
            return "tool";
        }
        return null;
    }

    /** The entity a tag names; empty for tags that are not galaxy tags of a mapped galaxy. */
    Optional<Entity> fromTag(String tag) {
        Matcher m = GALAXY_TAG.matcher(tag.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        String galaxy = m.group(1).strip();
        String type = stixType(galaxy);
        String value = m.group(2).strip();
        if (type == null || value.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(entity(type, galaxy, value, null));
    }

    /** The entity of an embedded {@code GalaxyCluster}; {@code galaxyType} is its galaxy's type. */
    Optional<Entity> fromCluster(ObjectNode cluster, String galaxyType) {
        String galaxy = cluster.path("type").isTextual() ? cluster.path("type").asText() : galaxyType;
        String type = stixType(galaxy);
        String value = cluster.path("value").asText("").strip();
        if (type == null || value.isEmpty() || !cluster.path("value").isTextual()) {
            return Optional.empty();
        }
        return Optional.of(entity(type, galaxy, value, cluster));
    }

    private Entity entity(String type, String galaxy, String value, @Nullable ObjectNode cluster) {
        Matcher am = ATTACK_NAME.matcher(value);
        String name = value;
        String attackId = null;
        if (am.matches()) {
            name = am.group(1).strip();
            attackId = am.group(2);
        }
        String key = type + "|" + name.toLowerCase(Locale.ROOT);
        Entity e = byKey.get(key);
        ObjectNode n;
        if (e == null) {
            String id = StixIds.derived(type, "misp-galaxy-name:" + key);
            n = DerivedObjects.sdo(type, id, time, time);
            n.put("name", name);
            if (type.equals("malware")) {
                n.put("is_family", true);
            }
            if (createdBy != null) {
                n.put("created_by_ref", createdBy);
            }
            DerivedObjects.mark(n, tlp);
            n.put("x_misp_galaxy_type", galaxy);
            e = new Entity(id, type, "");
            byKey.put(key, e);
            nodes.put(id, n);
            pending.add(n);
            pendingIds.add(id);
        } else {
            n = nodes.get(e.id());
        }
        String clusterUuid =
                cluster == null ? "" : cluster.path("uuid").asText("").toLowerCase(Locale.ROOT);
        if (!clusterUuid.isEmpty()) {
            byClusterUuid.put(clusterUuid, e.id());
            e = new Entity(e.id(), e.stixType(), clusterUuid);
        }
        if (!pendingIds.contains(e.id())) {
            // already handed to the sink: immutable from here on
            return e;
        }
        if (attackId != null && !n.has("external_references")) {
            ObjectNode ref = n.putArray("external_references").addObject();
            ref.put("source_name", "mitre-attack");
            ref.put("external_id", attackId);
            ref.put("url", attackUrl(attackId));
        }
        if (cluster != null) {
            enrich(n, cluster);
        }
        return e;
    }

    private static void enrich(ObjectNode n, ObjectNode cluster) {
        JsonNode d = cluster.get("description");
        if (d != null && d.isTextual() && !d.asText().isBlank() && !n.has("description")) {
            n.put("description", d.asText());
        }
        JsonNode uuid = cluster.get("uuid");
        if (uuid != null && uuid.isTextual() && !n.has("x_misp_uuid")) {
            n.put("x_misp_uuid", uuid.asText().toLowerCase(Locale.ROOT));
        }
        String type = n.path("type").asText();
        if (!type.equals("attack-pattern")) {
            Set<String> aliases = new LinkedHashSet<>();
            for (JsonNode a : n.path("aliases")) {
                aliases.add(a.asText());
            }
            for (JsonNode s : cluster.path("meta").path("synonyms")) {
                if (s.isTextual() && !s.asText().isBlank()) {
                    aliases.add(s.asText().strip());
                }
            }
            if (!aliases.isEmpty()) {
                aliases.add(n.path("name").asText());
                ArrayNode a = n.putArray("aliases");
                aliases.forEach(a::add);
            }
        }
        JsonNode ext = cluster.path("meta").path("external_id");
        String attackId = ext.isArray() && ext.size() > 0 ? ext.get(0).asText("") : ext.asText("");
        if (attackId.matches("[TGSCM]\\d{4}(\\.\\d{3})?") && !n.has("external_references")) {
            ObjectNode ref = n.putArray("external_references").addObject();
            ref.put("source_name", "mitre-attack");
            ref.put("external_id", attackId);
            ref.put("url", attackUrl(attackId));
        }
    }

    /** Relationships the clusters state among themselves ({@code uses}, else {@code related-to}). */
    void relateClusters(List<ObjectNode> clusters) {
        for (ObjectNode c : clusters) {
            String from = byClusterUuid.get(c.path("uuid").asText("").toLowerCase(Locale.ROOT));
            if (from == null) {
                continue;
            }
            for (JsonNode r : c.path("GalaxyClusterRelation")) {
                relate(
                        from,
                        r.path("referenced_galaxy_cluster_uuid").asText(""),
                        r.path("referenced_galaxy_cluster_type").asText(""));
            }
            for (JsonNode r : c.path("related")) {
                relate(from, r.path("dest-uuid").asText(""), r.path("type").asText(""));
            }
        }
    }

    private void relate(String from, String toUuid, String kind) {
        String to = byClusterUuid.get(toUuid.toLowerCase(Locale.ROOT));
        if (to == null || to.equals(from)) {
            return;
        }
        String type = kind.equals("uses") ? "uses" : "related-to";
        relationship(type, from, to);
    }

    /** Adds a relationship between two derived objects (once). */
    void relationship(String type, String from, String to) {
        String id = DerivedObjects.relationshipId(type, from, to);
        if (relationshipIds.add(id)) {
            ObjectNode r = DerivedObjects.relationship(type, from, to, time, time);
            if (createdBy != null) {
                r.put("created_by_ref", createdBy);
            }
            DerivedObjects.mark(r, tlp);
            relationships.add(r);
        }
    }

    /** Objects made since the last call (entities first, then relationships). */
    List<ObjectNode> drain() {
        List<ObjectNode> out = new ArrayList<>(pending);
        out.addAll(relationships);
        pending.clear();
        pendingIds.clear();
        relationships.clear();
        return out;
    }

    static String attackUrl(String attackId) {
        char kind = attackId.charAt(0);
        String base = "https://attack.mitre.org/";
        return switch (kind) {
            case 'T' -> base + "techniques/" + attackId.replace('.', '/');
            case 'G' -> base + "groups/" + attackId;
            case 'S' -> base + "software/" + attackId;
            case 'C' -> base + "campaigns/" + attackId;
            default -> base + "mitigations/" + attackId;
        };
    }
}
