package dev.harrier.intel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harrier.core.StixObject;
import dev.harrier.store.Aliases;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The immutable index of actors behind {@link KnowledgeBase}: every actor object, the alias → actor map, and the
 * clusters of objects that describe the same actor (union-find over explicit links and identical primary names).
 */
final class ActorIndex {
    /** An alias occurrence. */
    record AliasEntry(String actorId, String alias, String source) {}

    private final Map<String, StixObject> objects = new LinkedHashMap<>();
    private final Map<String, ActorMember> members = new LinkedHashMap<>();
    private final Map<String, String> parent = new HashMap<>();
    private final Map<String, List<String>> reasons = new HashMap<>();
    private final Map<String, List<AliasEntry>> byAlias = new HashMap<>();
    private final Map<String, ActorCluster> clusters = new HashMap<>();

    ActorIndex(List<StixObject> actors, SourceLabels labels) {
        for (StixObject o : actors) {
            objects.put(o.id(), o);
            members.put(o.id(), new ActorMember(o.id(), o.type(), o.name().orElse(o.id()), labels.of(o), o.active()));
            parent.put(o.id(), o.id());
        }
        Map<String, String> byAttackId = new HashMap<>();
        Map<String, String> byUuid = new HashMap<>();
        Map<String, List<String>> byPrimaryName = new HashMap<>();
        for (StixObject o : actors) {
            String source = members.get(o.id()).source();
            for (String alias : o.aliases()) {
                addAlias(alias, o.id(), source);
            }
            for (String gid : o.externalIds("mitre-attack")) {
                addAlias(gid, o.id(), source);
                String prev = byAttackId.putIfAbsent(gid, o.id());
                if (prev != null) {
                    union(prev, o.id(), "same ATT&CK id " + gid);
                }
            }
            byUuid.put(o.id().substring(o.id().indexOf("--") + 2), o.id());
            o.text("x_misp_uuid").ifPresent(u -> byUuid.putIfAbsent(u, o.id()));
            o.name()
                    .ifPresent(n -> byPrimaryName
                            .computeIfAbsent(Aliases.normalize(n), k -> new ArrayList<>())
                            .add(o.id()));
        }
        for (StixObject o : actors) {
            // MISP's mitre-intrusion-set galaxy reuses ATT&CK's UUIDs
            o.text("x_misp_uuid").ifPresent(u -> {
                String attackObject = objects.containsKey("intrusion-set--" + u) ? "intrusion-set--" + u : null;
                if (attackObject != null && !attackObject.equals(o.id())) {
                    union(o.id(), attackObject, "MISP galaxy entry " + u + " is ATT&CK object " + attackObject);
                }
            });
            for (JsonNode rel : o.get("x_misp_related")) {
                String dest = rel.path("dest-uuid").asText("");
                String other = byUuid.get(dest);
                if ("similar".equals(rel.path("type").asText()) && other != null) {
                    StixObject target = objects.get(other);
                    boolean crossesToAttack = target != null
                            && (AttackData.isAttack(target)
                                    || "mitre-intrusion-set"
                                            .equals(target.text("x_misp_galaxy").orElse("")));
                    if (crossesToAttack) {
                        union(
                                o.id(),
                                other,
                                "MISP galaxy marks " + members.get(o.id()).name() + " similar to "
                                        + members.get(other).name() + " ("
                                        + members.get(other).source() + ")");
                    }
                }
            }
        }
        for (Map.Entry<String, List<String>> e : byPrimaryName.entrySet()) {
            List<String> ids = e.getValue();
            for (int i = 1; i < ids.size(); i++) {
                if (!members.get(ids.get(0))
                        .source()
                        .equals(members.get(ids.get(i)).source())) {
                    union(
                            ids.get(0),
                            ids.get(i),
                            "same primary name \"" + members.get(ids.get(i)).name() + "\"");
                }
            }
        }
        buildClusters();
    }

    private void addAlias(String alias, String id, String source) {
        String norm = Aliases.normalize(alias);
        if (norm.isEmpty()) {
            return;
        }
        List<AliasEntry> list = byAlias.computeIfAbsent(norm, k -> new ArrayList<>());
        for (AliasEntry e : list) {
            if (e.actorId().equals(id)) {
                return;
            }
        }
        list.add(new AliasEntry(id, alias, source));
    }

    private String find(String id) {
        String p = parent.get(id);
        while (!p.equals(parent.get(p))) {
            p = parent.get(p);
        }
        parent.put(id, p);
        return p;
    }

    private void union(String a, String b, String reason) {
        String ra = find(a);
        String rb = find(b);
        if (!ra.equals(rb)) {
            parent.put(rb, ra);
            List<String> r = reasons.computeIfAbsent(ra, k -> new ArrayList<>());
            r.addAll(reasons.getOrDefault(rb, List.of()));
            r.add(reason);
        }
    }

    private void buildClusters() {
        Map<String, List<ActorMember>> groups = new LinkedHashMap<>();
        for (String id : members.keySet()) {
            groups.computeIfAbsent(find(id), k -> new ArrayList<>()).add(members.get(id));
        }
        Comparator<ActorMember> order = Comparator.comparingInt(this::rank)
                .thenComparing(m -> !m.active())
                .thenComparing(ActorMember::name);
        for (Map.Entry<String, List<ActorMember>> e : groups.entrySet()) {
            List<ActorMember> ms = new ArrayList<>(e.getValue());
            ms.sort(order);
            ActorCluster c = new ActorCluster(
                    ms.get(0), List.copyOf(ms), List.copyOf(reasons.getOrDefault(e.getKey(), List.of())));
            for (ActorMember m : ms) {
                clusters.put(m.id(), c);
            }
        }
    }

    /**
     * Which member leads a cluster: ATT&amp;CK first, then intrusion sets that publishers describe in STIX, then MISP's
     * threat-actor galaxy, other galaxies, actors a MISP event merely names, and threat-actor objects last.
     */
    private int rank(ActorMember m) {
        StixObject o = objects.get(m.id());
        if (m.source().equals(SourceLabels.ATTACK)) {
            return m.type().equals("intrusion-set") ? 0 : 1;
        }
        if (o.get("x_misp_galaxy_type").isTextual()) {
            return 5;
        }
        if (m.source().startsWith("MISP galaxy threat-actor")) {
            return 3;
        }
        if (m.source().startsWith("MISP galaxy")) {
            return 4;
        }
        return m.type().equals("intrusion-set") ? 2 : 6;
    }

    ActorCluster clusterOf(String id) {
        return clusters.get(id);
    }

    boolean isActor(String id) {
        return members.containsKey(id);
    }

    StixObject object(String id) {
        return objects.get(id);
    }

    List<AliasEntry> aliases(String norm) {
        return byAlias.getOrDefault(norm, List.of());
    }

    Iterable<String> allAliases() {
        return byAlias.keySet();
    }
}
