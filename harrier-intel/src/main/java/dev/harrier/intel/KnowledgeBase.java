package dev.harrier.intel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harrier.core.StixIds;
import dev.harrier.core.StixObject;
import dev.harrier.intel.ActorProfile.AliasConflict;
import dev.harrier.intel.ActorProfile.AliasRow;
import dev.harrier.intel.ActorProfile.CampaignRow;
import dev.harrier.intel.ActorProfile.ChainLink;
import dev.harrier.intel.ActorProfile.PlaceRow;
import dev.harrier.intel.ActorProfile.SoftwareRow;
import dev.harrier.intel.ActorProfile.TechniqueRow;
import dev.harrier.store.AliasHit;
import dev.harrier.store.Aliases;
import dev.harrier.store.ObjectFilter;
import dev.harrier.store.RelationshipQuery;
import dev.harrier.store.RelationshipRow;
import dev.harrier.store.Store;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What a case knows about threat actors: resolves names, aliases and ids to actors and assembles each actor's
 * profile (aliases with their sources, attribution chain, techniques, software, campaigns, victimology).
 *
 * <p>A knowledge base is a snapshot of the actor index taken when it is {@linkplain #load loaded}; it is immutable
 * and may be shared by threads. Profiles read the relationships they need from the store on demand.
 *
 * <pre>{@code
 * KnowledgeBase kb = KnowledgeBase.load(store);
 * Resolution r = kb.resolve("Cozy Bear");          // kind ACTOR, candidates [APT29 + MISP "APT29"]
 * ActorProfile p = kb.profile(r.candidates().get(0));
 * p.techniques();                                 // T1059.001 PowerShell [execution], ...
 * }</pre>
 *
 * <p>Objects of different sources are merged into one actor only on explicit links (the same ATT&amp;CK group id, a
 * MISP cross-reference to ATT&amp;CK's entry) or an identical primary name. An alias that two unlinked actors share
 * is reported as a {@linkplain Resolution.Kind#CONFLICT conflict}, never merged silently.
 */
public final class KnowledgeBase {
    private static final int MAX_CHAIN = 8;

    private final Store store;
    private final ActorIndex index;
    private final SourceLabels labels;

    private KnowledgeBase(Store store, ActorIndex index, SourceLabels labels) {
        this.store = store;
        this.index = index;
        this.labels = labels;
    }

    /** Loads the actor index from the store. */
    public static KnowledgeBase load(Store store) {
        Map<String, String> identities = new HashMap<>();
        store.forEachLatest(
                ObjectFilter.ALL.ofTypes("identity"),
                o -> identities.put(o.id(), o.name().orElse(o.id())));
        SourceLabels labels = new SourceLabels(identities);
        List<StixObject> actors = new ArrayList<>();
        store.forEachLatest(ObjectFilter.ALL.ofTypes("intrusion-set", "threat-actor"), actors::add);
        return new KnowledgeBase(store, new ActorIndex(actors, labels), labels);
    }

    /** Resolves an id, a name or any alias (case- and punctuation-insensitive). */
    public Resolution resolve(String query) {
        String q = query.trim();
        if (q.contains("--") && StixIds.isValidId(q, StixIds.typeOf(q))) {
            if (index.isActor(q)) {
                return new Resolution(query, Resolution.Kind.ACTOR, List.of(index.clusterOf(q)), List.of(), List.of());
            }
            return store.latest(q)
                    .map(o -> new Resolution(query, Resolution.Kind.OBJECT, List.of(), List.of(o), List.of()))
                    .orElseGet(() -> none(query));
        }
        String norm = Aliases.normalize(q);
        if (norm.isEmpty()) {
            return none(query);
        }
        List<ActorIndex.AliasEntry> hits = index.aliases(norm);
        if (!hits.isEmpty()) {
            Map<ActorCluster, Boolean> byCluster = new LinkedHashMap<>();
            for (ActorIndex.AliasEntry e : hits) {
                ActorCluster c = index.clusterOf(e.actorId());
                boolean primary = Aliases.normalize(
                                index.object(e.actorId()).name().orElse(""))
                        .equals(norm);
                byCluster.merge(c, primary, Boolean::logicalOr);
            }
            List<ActorCluster> clusters = new ArrayList<>(byCluster.keySet());
            if (clusters.size() == 1) {
                return new Resolution(query, Resolution.Kind.ACTOR, clusters, List.of(), List.of());
            }
            List<ActorCluster> byName = clusters.stream().filter(byCluster::get).collect(Collectors.toList());
            if (byName.size() == 1) {
                // the query is one actor's own name and only an alias of the others: that actor, conflicts listed
                List<ActorCluster> ordered = new ArrayList<>(byName);
                clusters.stream().filter(c -> !byName.contains(c)).forEach(ordered::add);
                return new Resolution(query, Resolution.Kind.ACTOR, ordered, List.of(), List.of());
            }
            clusters.sort(Comparator.comparing((ActorCluster c) -> !c.primary().active())
                    .thenComparing(c -> c.primary().name()));
            return new Resolution(query, Resolution.Kind.CONFLICT, clusters, List.of(), List.of());
        }
        List<AliasHit> others = store.findByAlias(norm);
        if (!others.isEmpty()) {
            List<String> ids =
                    others.stream().map(AliasHit::objectId).distinct().collect(Collectors.toList());
            List<StixObject> objs = new ArrayList<>(store.latest(ids));
            objs.sort(Comparator.comparing((StixObject o) -> !o.active()).thenComparing(StixObject::id));
            return new Resolution(query, Resolution.Kind.OBJECT, List.of(), objs, List.of());
        }
        return none(query);
    }

    private Resolution none(String query) {
        String norm = Aliases.normalize(query);
        List<String> suggestions = new ArrayList<>();
        if (norm.length() >= 3) {
            for (String alias : index.allAliases()) {
                if (alias.contains(norm) || (norm.length() >= 5 && norm.contains(alias) && alias.length() >= 4)) {
                    for (ActorIndex.AliasEntry e : index.aliases(alias)) {
                        suggestions.add(e.alias());
                    }
                }
            }
        }
        List<String> top = suggestions.stream().distinct().sorted().limit(10).collect(Collectors.toList());
        return new Resolution(query, Resolution.Kind.NONE, List.of(), List.of(), top);
    }

    /** Assembles the profile of an actor. */
    public ActorProfile profile(ActorCluster cluster) {
        Set<String> ids = cluster.ids();
        StixObject primary = index.object(cluster.primary().id());

        // aliases with sources, and the aliases other actors claim too
        Map<String, AliasAccumulator> aliases = new LinkedHashMap<>();
        List<AliasConflict> conflicts = new ArrayList<>();
        Set<String> conflictKeys = new HashSet<>();
        for (ActorMember m : cluster.members()) {
            StixObject o = index.object(m.id());
            List<String> names = new ArrayList<>(o.aliases());
            names.addAll(o.externalIds("mitre-attack"));
            for (String a : names) {
                String norm = Aliases.normalize(a);
                aliases.computeIfAbsent(norm, k -> new AliasAccumulator(a))
                        .sources
                        .add(m.source());
                for (ActorIndex.AliasEntry e : index.aliases(norm)) {
                    if (!ids.contains(e.actorId()) && conflictKeys.add(norm + "|" + e.actorId())) {
                        ActorMember other = index.clusterOf(e.actorId()).primary();
                        conflicts.add(new AliasConflict(
                                a,
                                e.actorId(),
                                index.object(e.actorId()).name().orElse(""),
                                e.source()
                                        + (other.id().equals(e.actorId()) ? "" : " (part of " + other.name() + ")")));
                    }
                }
            }
        }
        List<AliasRow> aliasRows = aliases.values().stream()
                .map(acc -> new AliasRow(acc.display, List.copyOf(acc.sources)))
                .collect(Collectors.toList());

        List<RelationshipRow> out = store.relationships(RelationshipQuery.from(ids));
        Map<String, StixObject> targets =
                fetch(out.stream().map(RelationshipRow::targetRef).collect(Collectors.toSet()));
        Map<String, String> sourceOf =
                cluster.members().stream().collect(Collectors.toMap(ActorMember::id, ActorMember::source, (a, b) -> a));

        Map<String, TechniqueAccumulator> techniques = new TreeMap<>();
        Map<String, TechniqueAccumulator> software = new TreeMap<>();
        List<PlaceRow> countries = new ArrayList<>();
        List<PlaceRow> sectors = new ArrayList<>();
        List<PlaceRow> origins = new ArrayList<>();
        for (RelationshipRow r : out) {
            StixObject t = targets.get(r.targetRef());
            if (t == null || !t.active()) {
                continue;
            }
            String src = sourceOf.getOrDefault(r.sourceRef(), "");
            switch (r.relationshipType()) {
                case "uses":
                    if (t.type().equals("attack-pattern")) {
                        accumulate(techniques, t, src);
                    } else if (t.type().equals("malware") || t.type().equals("tool")) {
                        accumulate(software, t, src);
                    }
                    break;
                case "targets":
                    if (t.type().equals("location")) {
                        countries.add(place(t, src));
                    } else if (t.type().equals("identity")) {
                        List<String> s = t.strings("sectors");
                        if (s.isEmpty()) {
                            sectors.add(new PlaceRow("", t.name().orElse(t.id()), List.of(src)));
                        }
                        for (String sector : s) {
                            sectors.add(new PlaceRow(sector, t.name().orElse(sector), List.of(src)));
                        }
                    }
                    break;
                case "originates-from":
                    if (t.type().equals("location")) {
                        origins.add(place(t, src));
                    }
                    break;
                default:
                    break;
            }
        }
        for (ActorMember m : cluster.members()) {
            index.object(m.id())
                    .text("x_misp_country")
                    .ifPresent(c -> origins.add(new PlaceRow(c, c, List.of(m.source()))));
        }

        List<TechniqueRow> techniqueRows = techniques.values().stream()
                .map(a -> new TechniqueRow(
                        a.object.attackId().orElse(""),
                        a.object.name().orElse(""),
                        tactics(a.object),
                        a.object.id(),
                        List.copyOf(a.sources)))
                .collect(Collectors.toList());
        List<SoftwareRow> softwareRows = software.values().stream()
                .map(a -> new SoftwareRow(
                        a.object.attackId().orElse(""),
                        a.object.name().orElse(""),
                        a.object.type(),
                        a.object.id(),
                        List.copyOf(a.sources)))
                .sorted(Comparator.comparing((SoftwareRow r) -> r.name().toLowerCase(java.util.Locale.ROOT)))
                .collect(Collectors.toList());

        List<RelationshipRow> in = store.relationships(RelationshipQuery.to(ids, "attributed-to"));
        Map<String, StixObject> sources =
                fetch(in.stream().map(RelationshipRow::sourceRef).collect(Collectors.toSet()));
        List<CampaignRow> campaigns = in.stream()
                .map(r -> sources.get(r.sourceRef()))
                .filter(o -> o != null && o.type().equals("campaign") && o.active())
                .distinct()
                .map(o -> new CampaignRow(
                        o.attackId().orElse(""),
                        o.name().orElse(""),
                        o.text("first_seen").orElse(""),
                        o.text("last_seen").orElse(""),
                        o.id()))
                .sorted(Comparator.comparing(CampaignRow::firstSeen).thenComparing(CampaignRow::name))
                .collect(Collectors.toList());

        return new ActorProfile(
                cluster,
                primary.description().orElse(""),
                aliasRows,
                conflicts,
                chain(ids, sourceOf),
                techniqueRows,
                softwareRows,
                campaigns,
                dedupe(countries),
                dedupe(sectors),
                dedupe(origins));
    }

    /** The objects behind the given ids that exist, by id. */
    private Map<String, StixObject> fetch(Set<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return store.latest(ids).stream().collect(Collectors.toMap(StixObject::id, Function.identity(), (a, b) -> a));
    }

    private List<ChainLink> chain(Set<String> start, Map<String, String> sourceOf) {
        List<ChainLink> links = new ArrayList<>();
        Set<String> seen = new HashSet<>(start);
        Set<String> frontier = new LinkedHashSet<>(start);
        for (int depth = 0; depth < MAX_CHAIN && !frontier.isEmpty(); depth++) {
            List<RelationshipRow> rels = store.relationships(RelationshipQuery.from(frontier, "attributed-to"));
            Map<String, StixObject> objs = fetch(rels.stream()
                    .flatMap(r -> java.util.stream.Stream.of(r.sourceRef(), r.targetRef()))
                    .collect(Collectors.toSet()));
            Set<String> next = new LinkedHashSet<>();
            for (RelationshipRow r : rels) {
                StixObject from = objs.get(r.sourceRef());
                StixObject to = objs.get(r.targetRef());
                String src = from == null ? "" : sourceOf.getOrDefault(from.id(), labels.of(from));
                links.add(new ChainLink(
                        r.sourceRef(),
                        from == null ? r.sourceRef() : from.name().orElse(r.sourceRef()),
                        r.targetRef(),
                        to == null ? r.targetRef() : to.name().orElse(r.targetRef()),
                        StixIds.typeOf(r.targetRef()),
                        src));
                if (seen.add(r.targetRef())) {
                    next.add(r.targetRef());
                }
            }
            frontier = next;
        }
        return links;
    }

    /**
     * Techniques and software are merged across sources by ATT&amp;CK id, else by type and normalised name, so a MISP
     * event's copy of T1566.001 and ATT&amp;CK's own are one row with two sources. The ATT&amp;CK-published object wins.
     */
    private static String key(StixObject o) {
        return o.attackId()
                .orElseGet(
                        () -> "~" + o.type() + ":" + Aliases.normalize(o.name().orElse(o.id())));
    }

    private static void accumulate(Map<String, TechniqueAccumulator> rows, StixObject o, String source) {
        TechniqueAccumulator acc = rows.computeIfAbsent(key(o), k -> new TechniqueAccumulator(o));
        if (AttackData.isAttack(o) && !AttackData.isAttack(acc.object)) {
            acc.object = o;
        }
        acc.sources.add(source);
    }

    private static List<String> tactics(StixObject o) {
        List<String> out = new ArrayList<>();
        for (JsonNode p : o.get("kill_chain_phases")) {
            String phase = p.path("phase_name").asText("");
            if (!phase.isEmpty() && !out.contains(phase)) {
                out.add(phase);
            }
        }
        return out;
    }

    private static PlaceRow place(StixObject loc, String source) {
        String code = loc.text("country").orElse("");
        return new PlaceRow(code, loc.name().orElse(code), List.of(source));
    }

    /** One row per country or sector (by code, else by name), with every source that names it. */
    private static List<PlaceRow> dedupe(List<PlaceRow> rows) {
        Map<String, PlaceRow> first = new LinkedHashMap<>();
        Map<String, Set<String>> sources = new LinkedHashMap<>();
        for (PlaceRow r : rows) {
            String k =
                    r.code().isEmpty() ? Aliases.normalize(r.name()) : r.code().toLowerCase(java.util.Locale.ROOT);
            first.putIfAbsent(k, r);
            sources.computeIfAbsent(k, x -> new LinkedHashSet<>()).addAll(r.sources());
        }
        List<PlaceRow> list = new ArrayList<>();
        for (Map.Entry<String, PlaceRow> e : first.entrySet()) {
            PlaceRow r = e.getValue();
            list.add(new PlaceRow(r.code(), r.name(), List.copyOf(sources.get(e.getKey()))));
        }
        list.sort(Comparator.comparing(PlaceRow::name));
        return list;
    }

    private static final class AliasAccumulator {
        final String display;
        final Set<String> sources = new LinkedHashSet<>();

        AliasAccumulator(String display) {
            this.display = display;
        }
    }

    private static final class TechniqueAccumulator {
        StixObject object;
        final Set<String> sources = new LinkedHashSet<>();

        TechniqueAccumulator(StixObject object) {
            this.object = object;
        }
    }
}
