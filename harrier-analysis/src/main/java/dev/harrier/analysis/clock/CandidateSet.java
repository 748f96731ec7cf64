package dev.harrier.analysis.clock;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Builds the candidates for a data span: every offset from -12:00 to +14:00 in quarter-hour steps, plus one
 * candidate per group of time zones whose offset changes (daylight saving) within the span in the same way. Offsets
 * that no time zone keeps within the span get a tenth of the prior weight of those that some zone keeps.
 */
final class CandidateSet {
    private static final Set<String> AREAS =
            Set.of("Africa", "America", "Antarctica", "Asia", "Atlantic", "Australia", "Europe", "Indian", "Pacific");

    /** Labels preferred for daylight-saving groups (first match wins), else the alphabetically first zone. */
    private static final List<String> PREFERRED = List.of(
            "America/New_York",
            "America/Chicago",
            "America/Denver",
            "America/Los_Angeles",
            "America/Anchorage",
            "America/Halifax",
            "America/St_Johns",
            "America/Havana",
            "America/Mexico_City",
            "America/Santiago",
            "America/Asuncion",
            "Europe/London",
            "Europe/Dublin",
            "Europe/Lisbon",
            "Europe/Berlin",
            "Europe/Paris",
            "Europe/Kyiv",
            "Europe/Kiev",
            "Europe/Athens",
            "Europe/Helsinki",
            "Europe/Moscow",
            "Europe/Istanbul",
            "Asia/Jerusalem",
            "Asia/Tehran",
            "Asia/Beirut",
            "Africa/Cairo",
            "Australia/Sydney",
            "Australia/Adelaide",
            "Pacific/Auckland");

    private static final double UNUSED_OFFSET_LOG_WEIGHT = Math.log(0.1);

    /** Zones with more transitions inside the span (over a century of daylight saving) are left out. */
    private static final int MAX_TRANSITIONS = 250;

    private final List<Candidate> candidates;
    private final Map<String, Candidate> byZone;

    private CandidateSet(List<Candidate> candidates, Map<String, Candidate> byZone) {
        this.candidates = candidates;
        this.byZone = byZone;
    }

    List<Candidate> candidates() {
        return candidates;
    }

    /** The candidate a zone falls into within the span, or null when the zone is unknown or unusable. */
    @org.jspecify.annotations.Nullable
    Candidate forZone(String zoneId) {
        Candidate c = byZone.get(zoneId);
        if (c != null) {
            return c;
        }
        try {
            return byZone.get(ZoneId.of(zoneId).normalized().getId());
        } catch (java.time.DateTimeException e) {
            return null;
        }
    }

    /** The candidates for the span {@code [first, last]}, with extra zones to include. */
    static CandidateSet build(Instant first, Instant last, Collection<String> extraZones) {
        Set<String> ids = new TreeSet<>();
        for (String id : ZoneId.getAvailableZoneIds()) {
            int slash = id.indexOf('/');
            if (slash > 0 && AREAS.contains(id.substring(0, slash))) {
                ids.add(id);
            }
        }
        ids.addAll(extraZones);
        Map<Integer, List<String>> fixed = new TreeMap<>();
        Map<String, List<String>> groups = new LinkedHashMap<>();
        Map<String, long[]> groupTransitions = new HashMap<>();
        Map<String, int[]> groupOffsets = new HashMap<>();
        Map<String, String> zoneToKey = new HashMap<>();
        for (String id : ids) {
            ZoneRules rules;
            try {
                rules = ZoneId.of(id).getRules();
            } catch (java.time.DateTimeException e) {
                continue;
            }
            List<Long> times = new ArrayList<>();
            List<Integer> offs = new ArrayList<>();
            offs.add(rules.getOffset(first).getTotalSeconds());
            ZoneOffsetTransition t = rules.nextTransition(first);
            while (t != null && !t.getInstant().isAfter(last) && times.size() <= MAX_TRANSITIONS) {
                times.add(t.getInstant().getEpochSecond());
                offs.add(t.getOffsetAfter().getTotalSeconds());
                t = rules.nextTransition(t.getInstant());
            }
            if (times.size() > MAX_TRANSITIONS || offs.stream().anyMatch(o -> o % 900 != 0)) {
                continue;
            }
            if (times.isEmpty()) {
                fixed.computeIfAbsent(offs.get(0), k -> new ArrayList<>()).add(id);
                zoneToKey.put(id, "F" + offs.get(0));
            } else {
                String key = "Z" + offs + times;
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(id);
                groupTransitions.putIfAbsent(
                        key, times.stream().mapToLong(Long::longValue).toArray());
                groupOffsets.putIfAbsent(
                        key, offs.stream().mapToInt(Integer::intValue).toArray());
                zoneToKey.put(id, key);
            }
        }
        List<Candidate> out = new ArrayList<>();
        Map<String, Candidate> byKey = new HashMap<>();
        for (int o = -12 * 3600; o <= 14 * 3600; o += 900) {
            List<String> zones = fixed.getOrDefault(o, List.of());
            Candidate c = new Candidate(
                    Candidate.formatOffset(o),
                    null,
                    o,
                    new long[0],
                    new int[] {o},
                    zones,
                    countries(zones),
                    zones.isEmpty() ? UNUSED_OFFSET_LOG_WEIGHT : 0.0);
            out.add(c);
            byKey.put("F" + o, c);
        }
        for (var e : groups.entrySet()) {
            List<String> zones = e.getValue();
            String label = representative(zones, extraZones);
            Candidate c = new Candidate(
                    label,
                    ZoneId.of(label),
                    0,
                    groupTransitions.get(e.getKey()),
                    groupOffsets.get(e.getKey()),
                    zones,
                    countries(zones),
                    0.0);
            out.add(c);
            byKey.put(e.getKey(), c);
        }
        Map<String, Candidate> byZone = new HashMap<>();
        for (var e : zoneToKey.entrySet()) {
            Candidate c = byKey.get(e.getValue());
            if (c != null) {
                byZone.put(e.getKey(), c);
            }
        }
        return new CandidateSet(List.copyOf(out), byZone);
    }

    private static String representative(List<String> zones, Collection<String> requested) {
        for (String r : requested) {
            if (zones.contains(r)) {
                return r;
            }
        }
        for (String p : PREFERRED) {
            if (zones.contains(p)) {
                return p;
            }
        }
        return zones.get(0);
    }

    private static java.util.SortedSet<String> countries(List<String> zones) {
        Set<String> out = new LinkedHashSet<>();
        for (String z : zones) {
            String region = CountryZones.region(z);
            if (region != null) {
                out.add(region.toUpperCase(Locale.ROOT));
            }
        }
        return new TreeSet<>(out);
    }
}
