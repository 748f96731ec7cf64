package dev.harrier.analysis.campaign;

import dev.harrier.core.IpAddresses;
import dev.harrier.core.StixIds;
import dev.harrier.store.Sighting;
import dev.harrier.store.SightingQuery;
import dev.harrier.store.Store;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Groups a case's sightings into incidents and clusters the incidents into campaigns.
 *
 * <p>Sightings are streamed once, in time order (as {@link Store#forEachSighting} delivers them): each goes to the
 * open incident of its asset (see {@link Incident#asset()}) unless that incident has been quiet for longer than the
 * {@linkplain CampaignOptions#quietGap() quiet gap}, in which case a new incident starts. Only per-incident counts and
 * a capped set of features are kept, so memory grows with the number of incidents, not of sightings. Incidents are
 * then clustered as described in the package documentation, and every cap that was hit is reported in {@link
 * CampaignAnalysis#notes()}.
 *
 * <p>Use {@link #analyze} for a store, or {@link #accept} and {@link #finish} to feed sightings directly (they
 * should come in time order; an earlier sighting joins its asset's open incident). One instance, one thread.
 */
public final class CampaignAnalyzer {
    private final AssetBook book;
    private final CampaignOptions options;
    private final SightingFeatures extractor;
    private final FeatureTable table = new FeatureTable();
    private final Map<String, IncidentAccumulator> open = new HashMap<>();
    private final List<IncidentAccumulator> closed = new ArrayList<>();
    private final long gapSeconds;
    private long sightings;
    private long events;
    private long untimed;
    private @Nullable Instant prevTime;
    private @Nullable String prevSource;
    private long prevLine = -1;

    /** An analyzer that resolves assets with {@code book}. */
    public CampaignAnalyzer(AssetBook book, CampaignOptions options) {
        this.book = book;
        this.options = options;
        this.extractor = new SightingFeatures(book);
        this.gapSeconds = options.quietGap().toSeconds();
    }

    /** Analyzes every sighting of {@code store}. */
    public static CampaignAnalysis analyze(Store store, AssetBook book, CampaignOptions options) {
        CampaignAnalyzer a = new CampaignAnalyzer(book, options);
        store.forEachSighting(SightingQuery.all(), a::accept);
        return a.finish();
    }

    /** Adds one sighting. */
    public void accept(Sighting s) {
        sightings++;
        Instant t = s.observed();
        boolean newEvent = s.eventLine() != prevLine
                || !Objects.equals(t, prevTime)
                || !s.eventSource().equals(prevSource);
        prevTime = t;
        prevSource = s.eventSource();
        prevLine = s.eventLine();
        if (newEvent) {
            events++;
        }
        String key = extractor.assetKey(s);
        IncidentAccumulator acc = open.get(key);
        if (t == null) {
            untimed++;
        } else if (acc != null && acc.last != null && t.getEpochSecond() - acc.last.getEpochSecond() > gapSeconds) {
            closed.add(acc);
            acc = null;
        }
        if (acc == null) {
            acc = new IncidentAccumulator(key);
            open.put(key, acc);
        }
        acc.add(t, newEvent);
        IncidentAccumulator target = acc;
        int cap = options.maxFeaturesPerIncident();
        boolean ioc = "ioc".equals(s.kind());
        extractor.features(s, (kind, value, label) -> {
            int id = table.intern(kind, value, label);
            if (ioc) {
                table.markIoc(id);
            }
            target.feature(id, cap);
        });
    }

    /** Clusters what was added and returns the result. */
    public CampaignAnalysis finish() {
        List<IncidentAccumulator> all = new ArrayList<>(closed);
        all.addAll(open.values());
        all.sort(Comparator.comparingLong(IncidentAccumulator::start).thenComparing(a -> a.asset));
        List<String> ids = new ArrayList<>(all.size());
        for (int i = 0; i < all.size(); i++) {
            IncidentAccumulator a = all.get(i);
            a.index = i;
            ids.add("inc-" + shortId(a.asset + "|" + (a.first == null ? "untimed" : a.first.toString())));
        }
        Clusterer clusterer = new Clusterer(all, ids, table, options);
        clusterer.run();
        List<Incident> incidents = new ArrayList<>(all.size());
        long featuresOmitted = 0;
        for (int i = 0; i < all.size(); i++) {
            incidents.add(incident(all.get(i), ids.get(i)));
            featuresOmitted += all.get(i).featuresOmitted;
        }
        Map<Integer, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < all.size(); i++) {
            groups.computeIfAbsent(clusterer.sets().find(i), k -> new ArrayList<>())
                    .add(i);
        }
        Map<Integer, List<Link>> linksByRoot = new HashMap<>();
        for (Clusterer.LinkAt l : clusterer.links()) {
            linksByRoot
                    .computeIfAbsent(clusterer.sets().find(l.a()), k -> new ArrayList<>())
                    .add(l.link());
        }
        List<Campaign> campaigns = new ArrayList<>();
        long linksOmitted = 0;
        for (Map.Entry<Integer, List<Integer>> g : groups.entrySet()) {
            Campaign c =
                    campaign(g.getValue(), incidents, all, clusterer, linksByRoot.getOrDefault(g.getKey(), List.of()));
            linksOmitted += c.linksOmitted();
            campaigns.add(c);
        }
        campaigns.sort(Comparator.comparingInt((Campaign c) -> -c.incidents().size())
                .thenComparingLong(c -> -c.events())
                .thenComparing(c -> c.first() == null ? Instant.MAX : c.first())
                .thenComparing(Campaign::id));
        List<String> notes = new ArrayList<>();
        if (featuresOmitted > 0) {
            notes.add(String.format(
                    Locale.ROOT,
                    "%,d features were not kept: an incident keeps at most %,d (cap maxFeaturesPerIncident)",
                    featuresOmitted,
                    options.maxFeaturesPerIncident()));
        }
        if (linksOmitted > 0) {
            notes.add(String.format(
                    Locale.ROOT,
                    "%,d evidence links were not listed: at most %,d are kept per incident (cap maxLinksPerIncident);"
                            + " clustering used them all",
                    linksOmitted,
                    options.maxLinksPerIncident()));
        }
        notes.addAll(clusterer.notes());
        return new CampaignAnalysis(
                options, sightings, events, untimed, incidents, campaigns, clusterer.ignored(), notes);
    }

    private Incident incident(IncidentAccumulator a, String id) {
        Optional<Asset> asset = Optional.empty();
        String country = null;
        byte[] ip = IpAddresses.parse(a.asset);
        if (ip != null) {
            asset = book.byAddress(ip);
            country = book.country(ip).orElse(null);
        } else if (!a.asset.startsWith(Incident.UNATTRIBUTED)) {
            asset = book.byHost(a.asset);
        }
        if (asset.isPresent() && asset.get().country() != null) {
            country = asset.get().country();
        }
        Map<FeatureKind, List<String>> byKind = new java.util.EnumMap<>(FeatureKind.class);
        for (FeatureKind k : FeatureKind.values()) {
            byKind.put(k, new ArrayList<>());
        }
        for (int f : a.features) {
            byKind.get(table.kind(f)).add(table.value(f));
        }
        List<String> iocInfrastructure = new ArrayList<>();
        for (int f : a.features) {
            if (table.kind(f) == FeatureKind.INFRASTRUCTURE && table.ioc(f)) {
                iocInfrastructure.add(table.value(f));
            }
        }
        iocInfrastructure.sort(Comparator.naturalOrder());
        byKind.values().forEach(l -> l.sort(Comparator.naturalOrder()));
        return new Incident(
                id,
                a.asset,
                asset.map(Asset::organisation).orElse(null),
                asset.map(Asset::sector).orElse(null),
                country,
                asset.map(Asset::region).orElse(null),
                a.first,
                a.last,
                a.sightings,
                a.events,
                java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(a.eventsPerYear)),
                byKind.get(FeatureKind.INDICATOR),
                byKind.get(FeatureKind.INFRASTRUCTURE),
                iocInfrastructure,
                byKind.get(FeatureKind.RULE),
                byKind.get(FeatureKind.TECHNIQUE),
                a.featuresOmitted);
    }

    private Campaign campaign(
            List<Integer> members,
            List<Incident> incidents,
            List<IncidentAccumulator> all,
            Clusterer clusterer,
            List<Link> links) {
        String smallest = null;
        Instant first = null;
        Instant last = null;
        long sight = 0;
        long ev = 0;
        long omitted = 0;
        TreeSet<String> assets = new TreeSet<>();
        TreeSet<String> victims = new TreeSet<>();
        List<String> ids = new ArrayList<>();
        Map<Integer, Integer> featureCounts = new HashMap<>();
        for (int m : members) {
            Incident inc = incidents.get(m);
            ids.add(inc.id());
            if (smallest == null || inc.id().compareTo(smallest) < 0) {
                smallest = inc.id();
            }
            if (inc.first() != null && (first == null || inc.first().isBefore(first))) {
                first = inc.first();
            }
            if (inc.last() != null && (last == null || inc.last().isAfter(last))) {
                last = inc.last();
            }
            sight += inc.sightings();
            ev += inc.events();
            omitted += clusterer.omitted(m);
            assets.add(inc.asset());
            if (inc.attributed()) {
                victims.add(inc.victim());
            }
            if (members.size() > 1) {
                for (int f : all.get(m).features) {
                    featureCounts.merge(f, 1, Integer::sum);
                }
            }
        }
        List<Map.Entry<Integer, Integer>> shared = new ArrayList<>();
        for (Map.Entry<Integer, Integer> e : featureCounts.entrySet()) {
            if (e.getValue() >= 2 && clusterer.weight(e.getKey()) > 0) {
                shared.add(e);
            }
        }
        shared.sort(Comparator.comparingDouble((Map.Entry<Integer, Integer> e) -> -clusterer.weight(e.getKey()))
                .thenComparingInt(e -> -e.getValue())
                .thenComparing(e -> table.kind(e.getKey()))
                .thenComparing(e -> table.value(e.getKey())));
        List<SharedFeature> top = new ArrayList<>();
        for (Map.Entry<Integer, Integer> e :
                shared.subList(0, Math.min(shared.size(), CampaignOptions.MAX_SHARED_FEATURES_LISTED))) {
            int f = e.getKey();
            top.add(new SharedFeature(
                    table.kind(f).label(),
                    table.value(f),
                    table.label(f),
                    e.getValue(),
                    Math.round(clusterer.weight(f) * 1000) / 1000.0));
        }
        return new Campaign(
                "camp-" + shortId("campaign|" + smallest),
                ids,
                first,
                last,
                sight,
                ev,
                assets.size(),
                List.copyOf(victims),
                top,
                List.copyOf(links),
                omitted);
    }

    /** 12 hex digits of a UUIDv5 of {@code key} in Harrier's namespace. */
    static String shortId(String key) {
        return StixIds.uuid5(StixIds.HARRIER_NAMESPACE, key)
                .toString()
                .replace("-", "")
                .substring(0, 12);
    }
}
