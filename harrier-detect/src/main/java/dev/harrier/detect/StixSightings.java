package dev.harrier.detect;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harrier.core.StixIds;
import dev.harrier.core.StixObject;
import dev.harrier.core.Tlp;
import dev.harrier.detect.pattern.EventObservations;
import dev.harrier.store.Sighting;
import dev.harrier.store.SightingQuery;
import dev.harrier.store.Store;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The STIX 2.1 view of a case's indicator sightings: the stored per-event hits of kind {@code ioc} and {@code
 * stix-pattern} are summed per (indicator, host) into one {@code sighting} object each, with {@code count}, {@code
 * first_seen}, {@code last_seen}, {@code sighting_of_ref} (the indicator), {@code where_sighted_refs} (an {@code
 * identity} of class {@code system} for the host, when the event named one) and {@code observed_data_refs} (one
 * {@code observed-data} over the same span whose {@code object_refs} name the SCOs of the values actually seen).
 *
 * <p>Every object carries the TLP marking of the indicator it derives from (a sighting reveals its indicator); a host
 * identity carries the most restrictive marking of the sightings that name it. Ids are deterministic (the same case
 * exports the same objects), and {@code modified} is the last sighting, so a later export after new activity is a
 * newer version of the same objects. Sightings of indicators that are not in the store are counted and left out,
 * since {@code sighting_of_ref} must name an object the bundle can resolve.
 *
 * <p>Memory grows with the number of (indicator, host) pairs, not with the number of stored hits; at most {@link
 * #MAX_VALUES} distinct observed values are kept per pair.
 */
public final class StixSightings {
    /** Distinct observed values (SCOs) kept per (indicator, host). */
    public static final int MAX_VALUES = 50;

    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /**
     * What was produced.
     *
     * @param hits stored hits read
     * @param sightings sighting objects produced
     * @param unknownIndicators hits left out because their indicator is not in the store
     */
    public record Summary(long hits, long sightings, long unknownIndicators) {}

    private static final class Group {
        final String indicatorId;
        final @Nullable String host;
        long count;

        @Nullable
        Instant first;

        @Nullable
        Instant last;

        final Map<String, String> values = new LinkedHashMap<>();

        Group(String indicatorId, @Nullable String host) {
            this.indicatorId = indicatorId;
            this.host = host;
        }
    }

    private StixSightings() {}

    /** Passes the sighting objects of the case (and the objects they reference) to {@code sink}. */
    public static Summary forEach(Store store, Consumer<StixObject> sink) {
        Map<String, Group> groups = new TreeMap<>();
        long[] hits = {0};
        for (String kind : List.of(Hit.IOC, Hit.STIX_PATTERN)) {
            store.forEachSighting(new SightingQuery(null, null, null, kind, null, null, null, 0), s -> {
                hits[0]++;
                add(groups, s);
            });
        }
        Map<String, Optional<StixObject>> indicators = new HashMap<>();
        Map<String, Tlp> hostMarking = new TreeMap<>();
        Map<String, Instant> hostFirst = new TreeMap<>();
        long unknown = 0;
        List<Group> known = new ArrayList<>();
        for (Group g : groups.values()) {
            Optional<StixObject> ind = indicators.computeIfAbsent(g.indicatorId, store::latest);
            if (ind.isEmpty()) {
                unknown += g.count;
                continue;
            }
            known.add(g);
            if (g.host != null) {
                Tlp t = Tlp.highestOf(ind.get()).orElse(Tlp.CLEAR);
                hostMarking.merge(g.host, t, (a, b) -> a.compareTo(b) >= 0 ? a : b);
                if (g.first != null) {
                    hostFirst.merge(g.host, g.first, (a, b) -> a.isBefore(b) ? a : b);
                }
            }
        }
        for (Map.Entry<String, Tlp> h : hostMarking.entrySet()) {
            sink.accept(hostIdentity(h.getKey(), h.getValue(), hostFirst.get(h.getKey())));
        }
        Set<String> scosWritten = new LinkedHashSet<>();
        for (Group g : known) {
            StixObject indicator = indicators.get(g.indicatorId).orElseThrow();
            emit(g, indicator, scosWritten, sink);
        }
        return new Summary(hits[0], known.size(), unknown);
    }

    /** The id of the identity that stands for {@code host}. */
    public static String hostIdentityId(String host) {
        return StixIds.derived("identity", "host|" + host.toLowerCase(java.util.Locale.ROOT));
    }

    private static void add(Map<String, Group> groups, Sighting s) {
        String host = s.host() == null || s.host().isBlank() || s.host().equals("-") ? null : s.host();
        Group g = groups.computeIfAbsent(
                s.ruleId() + "\u0000" + (host == null ? "" : host), k -> new Group(s.ruleId(), host));
        g.count++;
        Instant t = s.observed();
        if (t != null) {
            g.first = g.first == null || t.isBefore(g.first) ? t : g.first;
            g.last = g.last == null || t.isAfter(g.last) ? t : g.last;
        }
        // an IOC hit's fields: the matched field and the value seen, then "indicator" = "<kind> <value>"
        String indicator = s.fields().get("indicator");
        if (indicator != null && g.values.size() < MAX_VALUES) {
            String kind = indicator.split(" ", 2)[0];
            for (Map.Entry<String, String> f : s.fields().entrySet()) {
                if (!f.getKey().equals("indicator") && !f.getKey().equals("indicators")) {
                    g.values.putIfAbsent(kind + "\u0000" + f.getValue(), kind);
                    break;
                }
            }
        }
    }

    private static StixObject hostIdentity(String host, Tlp marking, @Nullable Instant first) {
        ObjectNode n = F.objectNode();
        n.put("type", "identity");
        n.put("spec_version", "2.1");
        n.put("id", hostIdentityId(host));
        String t = timestamp(first == null ? Instant.EPOCH : first);
        n.put("created", t);
        n.put("modified", t);
        n.put("name", host);
        n.put("identity_class", "system");
        n.put("description", "A host of the case where indicators were sighted.");
        n.putArray("object_marking_refs").add(marking.markingId());
        return StixObject.adopt(n);
    }

    private static void emit(Group g, StixObject indicator, Set<String> scosWritten, Consumer<StixObject> sink) {
        ArrayNode markings = F.arrayNode();
        indicator.markingRefs().forEach(markings::add);
        String key = g.indicatorId + "|" + (g.host == null ? "" : g.host);
        Instant first = g.first == null ? Instant.EPOCH : g.first;
        Instant last = g.last == null ? first : g.last;
        List<String> refs = new ArrayList<>();
        for (Map.Entry<String, String> v : g.values.entrySet()) {
            String value = v.getKey().substring(v.getKey().indexOf('\u0000') + 1);
            List<StixObject> scos = EventObservations.observables(v.getValue(), value, key + "|" + value);
            if (scos.isEmpty()) {
                continue;
            }
            refs.add(scos.get(0).id());
            for (StixObject sco : scos) {
                if (scosWritten.add(sco.id())) {
                    ObjectNode marked = sco.json();
                    if (!markings.isEmpty()) {
                        marked.set("object_marking_refs", markings.deepCopy());
                    }
                    sink.accept(StixObject.adopt(marked));
                }
            }
        }
        String odId = null;
        if (!refs.isEmpty()) {
            ObjectNode od = F.objectNode();
            od.put("type", "observed-data");
            od.put("spec_version", "2.1");
            odId = StixIds.derived("observed-data", "sighting|" + key);
            od.put("id", odId);
            od.put("created", timestamp(first));
            od.put("modified", timestamp(last));
            od.put("first_observed", timestamp(first));
            od.put("last_observed", timestamp(last));
            od.put("number_observed", Math.max(1, Math.min(g.count, 999_999_999L)));
            ArrayNode objectRefs = od.putArray("object_refs");
            refs.forEach(objectRefs::add);
            if (!markings.isEmpty()) {
                od.set("object_marking_refs", markings.deepCopy());
            }
            sink.accept(StixObject.adopt(od));
        }
        ObjectNode s = F.objectNode();
        s.put("type", "sighting");
        s.put("spec_version", "2.1");
        s.put("id", StixIds.derived("sighting", key));
        s.put("created", timestamp(first));
        s.put("modified", timestamp(last));
        s.put("first_seen", timestamp(first));
        s.put("last_seen", timestamp(last));
        s.put("count", Math.min(g.count, 999_999_999L));
        s.put("sighting_of_ref", g.indicatorId);
        if (odId != null) {
            s.putArray("observed_data_refs").add(odId);
        }
        if (g.host != null) {
            s.putArray("where_sighted_refs").add(hostIdentityId(g.host));
        }
        s.put(
                "description",
                "Seen " + g.count + " time" + (g.count == 1 ? "" : "s")
                        + (g.host == null ? "" : " on " + g.host)
                        + " in the case's telemetry.");
        if (!markings.isEmpty()) {
            s.set("object_marking_refs", markings);
        }
        sink.accept(StixObject.adopt(s));
    }

    private static final java.time.format.DateTimeFormatter MILLIS = java.time.format.DateTimeFormatter.ofPattern(
                    "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    private static String timestamp(Instant t) {
        return MILLIS.format(t.truncatedTo(ChronoUnit.MILLIS));
    }
}
