package dev.harrier.analysis.attribution;

import dev.harrier.core.StixObject;
import dev.harrier.intel.ActorCluster;
import dev.harrier.intel.ActorProfile;
import dev.harrier.intel.KnowledgeBase;
import dev.harrier.intel.Resolution;
import dev.harrier.store.Aliases;
import dev.harrier.store.ObjectFilter;
import dev.harrier.store.RelationshipQuery;
import dev.harrier.store.RelationshipRow;
import dev.harrier.store.Store;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a {@link KnowledgeSnapshot} from a case's store: techniques and software with their relations, and every
 * actor that the {@link KnowledgeBase} resolves, aliases merged, with its profile.
 */
final class KnowledgeLoader {
    private final List<KnowledgeSnapshot.Item> items = new ArrayList<>();
    private final Map<String, Integer> byKey = new HashMap<>();
    private final Map<String, Integer> byStixId = new HashMap<>();
    private final Map<String, Integer> byName = new HashMap<>();
    private final Map<String, String> countryNames = new TreeMap<>();

    private KnowledgeLoader() {}

    static KnowledgeSnapshot load(Store store) {
        return new KnowledgeLoader().read(store);
    }

    private KnowledgeSnapshot read(Store store) {
        KnowledgeBase kb = KnowledgeBase.load(store);
        List<StixObject> patterns = new ArrayList<>();
        store.forEachLatest(ObjectFilter.ALL.ofTypes("attack-pattern"), patterns::add);
        patterns.sort((a, b) -> Boolean.compare(!a.active(), !b.active()));
        Map<String, String> replacedBy = new HashMap<>();
        List<StixObject> revoked = new ArrayList<>();
        for (StixObject o : patterns) {
            if (o.active()) {
                add(o, KnowledgeSnapshot.Kind.TECHNIQUE);
            } else {
                revoked.add(o);
            }
        }
        List<StixObject> software = new ArrayList<>();
        store.forEachLatest(ObjectFilter.ACTIVE.ofTypes("malware", "tool"), software::add);
        for (StixObject o : software) {
            add(o, KnowledgeSnapshot.Kind.SOFTWARE);
        }
        // revoked techniques: point their ids at the replacement
        if (!revoked.isEmpty()) {
            Map<String, StixObject> byId = new HashMap<>();
            revoked.forEach(o -> byId.put(o.id(), o));
            for (RelationshipRow r : store.relationships(RelationshipQuery.from(byId.keySet(), "revoked-by"))) {
                Integer to = byStixId.get(r.targetRef());
                StixObject from = byId.get(r.sourceRef());
                if (to != null && from != null) {
                    from.attackId()
                            .filter(id -> !byKey.containsKey(id))
                            .ifPresent(id -> replacedBy.put(id, items.get(to).key()));
                }
            }
        }
        int[] parent = new int[items.size()];
        for (int i = 0; i < items.size(); i++) {
            String key = items.get(i).key();
            int dot = key.indexOf('.');
            Integer p = dot > 0 && items.get(i).kind() == KnowledgeSnapshot.Kind.TECHNIQUE
                    ? byKey.get(key.substring(0, dot))
                    : null;
            parent[i] = p == null ? -1 : p;
        }
        int[][] softwareTechniques = new int[items.size()][];
        Map<Integer, Set<Integer>> implemented = new HashMap<>();
        List<String> softwareIds = software.stream().map(StixObject::id).toList();
        for (int from = 0; from < softwareIds.size(); from += 500) {
            List<String> batch = softwareIds.subList(from, Math.min(softwareIds.size(), from + 500));
            for (RelationshipRow r : store.relationships(RelationshipQuery.from(Set.copyOf(batch), "uses"))) {
                Integer s = byStixId.get(r.sourceRef());
                Integer t = byStixId.get(r.targetRef());
                if (s != null && t != null && items.get(t).kind() == KnowledgeSnapshot.Kind.TECHNIQUE) {
                    implemented.computeIfAbsent(s, k -> new LinkedHashSet<>()).add(t);
                }
            }
        }
        for (int i = 0; i < softwareTechniques.length; i++) {
            Set<Integer> ts = implemented.getOrDefault(i, Set.of());
            softwareTechniques[i] =
                    ts.stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        List<KnowledgeSnapshot.Group> groups = readGroups(store, kb);
        return new KnowledgeSnapshot(
                items, byKey, byName, replacedBy, parent, softwareTechniques, countryNames, groups);
    }

    private void add(StixObject o, KnowledgeSnapshot.Kind kind) {
        String key = o.attackId().orElse(o.id());
        Integer existing = byKey.get(key);
        if (existing == null) {
            existing = items.size();
            items.add(new KnowledgeSnapshot.Item(key, o.name().orElse(key), kind, o.id()));
            byKey.put(key, existing);
        }
        byStixId.put(o.id(), existing);
        if (kind == KnowledgeSnapshot.Kind.SOFTWARE) {
            for (String alias : o.aliases()) {
                String norm = Aliases.normalize(alias);
                if (!norm.isEmpty()) {
                    byName.putIfAbsent(norm, existing);
                }
            }
        }
    }

    private List<KnowledgeSnapshot.Group> readGroups(Store store, KnowledgeBase kb) {
        Map<String, ActorCluster> clusters = new LinkedHashMap<>();
        List<StixObject> actors = new ArrayList<>();
        store.forEachLatest(ObjectFilter.ACTIVE.ofTypes("intrusion-set", "threat-actor"), actors::add);
        for (StixObject o : actors) {
            Resolution r = kb.resolve(o.id());
            if (r.kind() == Resolution.Kind.ACTOR && !r.candidates().isEmpty()) {
                ActorCluster c = r.candidates().get(0);
                clusters.putIfAbsent(c.primary().id(), c);
            }
        }
        List<KnowledgeSnapshot.Group> groups = new ArrayList<>();
        for (ActorCluster c : clusters.values()) {
            groups.add(group(kb.profile(c)));
        }
        groups.sort((a, b) -> a.id().compareTo(b.id()));
        return groups;
    }

    private KnowledgeSnapshot.Group group(ActorProfile p) {
        TreeMap<Integer, String> used = new TreeMap<>();
        for (ActorProfile.TechniqueRow t : p.techniques()) {
            Integer i = lookup(t.attackId(), t.id());
            if (i != null) {
                used.putIfAbsent(i, String.join(", ", t.sources()));
            }
        }
        for (ActorProfile.SoftwareRow s : p.software()) {
            Integer i = lookup(s.attackId(), s.id());
            if (i != null) {
                used.putIfAbsent(i, String.join(", ", s.sources()));
            }
        }
        int[] idx = used.keySet().stream().mapToInt(Integer::intValue).toArray();
        String[] src = used.values().toArray(new String[0]);
        Set<String> countries = new LinkedHashSet<>();
        for (ActorProfile.PlaceRow row : p.targetedCountries()) {
            String key = countryKey(row.code(), row.name());
            if (!key.isEmpty()) {
                countries.add(key);
                countryNames.putIfAbsent(key, row.name().isEmpty() ? key : row.name());
            }
        }
        Set<String> sectors = new LinkedHashSet<>();
        for (ActorProfile.PlaceRow row : p.targetedSectors()) {
            String key = sectorKey(row.code().isEmpty() ? row.name() : row.code());
            if (!key.isEmpty()) {
                sectors.add(key);
            }
        }
        List<KnowledgeSnapshot.Chain> chain = new ArrayList<>();
        for (ActorProfile.ChainLink l : p.attribution()) {
            chain.add(new KnowledgeSnapshot.Chain(l.fromName(), l.toId(), l.toName(), l.toType(), l.source()));
        }
        var primary = p.cluster().primary();
        String attackId = "";
        for (ActorProfile.AliasRow a : p.aliases()) {
            if (a.alias().matches("G\\d{4}")) {
                attackId = a.alias();
                break;
            }
        }
        return new KnowledgeSnapshot.Group(
                primary.id(),
                primary.name(),
                attackId,
                idx,
                src,
                Set.copyOf(countries),
                Set.copyOf(sectors),
                List.copyOf(chain),
                primary.source());
    }

    private Integer lookup(String attackId, String stixId) {
        Integer i = attackId.isEmpty() ? null : byKey.get(attackId);
        return i != null ? i : byStixId.get(stixId);
    }

    /** A country's key: its ISO code in upper case, else its normalised name. */
    static String countryKey(String code, String name) {
        if (!code.isBlank()) {
            return code.trim().toUpperCase(Locale.ROOT);
        }
        return Aliases.normalize(name);
    }

    /** A sector's key: lower case words joined by '-'. */
    static String sectorKey(String sector) {
        return sector.trim()
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-|-$", "");
    }
}
