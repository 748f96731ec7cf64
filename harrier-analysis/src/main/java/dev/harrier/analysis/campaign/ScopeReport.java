package dev.harrier.analysis.campaign;

import dev.harrier.core.IpAddresses;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/** Builds the {@link Scope} of a campaign or of a whole case from its incidents. */
public final class ScopeReport {
    /** The key used where nothing says the country, sector, region or organisation. */
    public static final String UNKNOWN = "unknown";

    private ScopeReport() {}

    /** The scope of {@code campaign}, or of every incident of the analysis when it is null. */
    public static Scope of(CampaignAnalysis analysis, @Nullable Campaign campaign, AssetBook book) {
        List<Incident> incidents = campaign == null ? analysis.incidents() : analysis.incidentsOf(campaign);
        Map<String, VictimAcc> victims = new TreeMap<>();
        Map<String, Tallying> byCountry = new TreeMap<>();
        Map<String, Tallying> byRegion = new TreeMap<>();
        Map<String, Tallying> bySector = new TreeMap<>();
        Map<String, Tallying> byOrg = new TreeMap<>();
        Map<Integer, long[]> yearEvents = new TreeMap<>();
        Map<Integer, Set<String>> yearVictims = new TreeMap<>();
        Map<String, InfraAcc> infra = new TreeMap<>();
        long sightings = 0;
        long events = 0;
        int unattributed = 0;
        long unattributedEvents = 0;
        Instant first = null;
        Instant last = null;
        for (Incident i : incidents) {
            sightings += i.sightings();
            events += i.events();
            first = min(first, i.first());
            last = max(last, i.last());
            Set<String> fromIoc = new HashSet<>(i.indicatorInfrastructure());
            if (!i.attributed()) {
                unattributed++;
                unattributedEvents += i.events();
                for (Map.Entry<Integer, Long> y : i.eventsPerYear().entrySet()) {
                    yearEvents.computeIfAbsent(y.getKey(), k -> new long[1])[0] += y.getValue();
                    yearVictims.computeIfAbsent(y.getKey(), k -> new HashSet<>());
                }
                for (String value : i.infrastructure()) {
                    InfraAcc a = infra.computeIfAbsent(value, k -> new InfraAcc());
                    a.incidents++;
                    a.ioc |= fromIoc.contains(value);
                }
                continue;
            }
            String victim = i.victim();
            VictimAcc v = victims.computeIfAbsent(victim, k -> new VictimAcc(i.organisation() != null));
            v.add(i);
            String country = i.country() != null ? i.country() : UNKNOWN;
            byCountry.computeIfAbsent(country, k -> new Tallying()).add(victim, i.events());
            byRegion.computeIfAbsent(country + "/" + (i.region() != null ? i.region() : UNKNOWN), k -> new Tallying())
                    .add(victim, i.events());
            bySector.computeIfAbsent(i.sector() != null ? i.sector() : UNKNOWN, k -> new Tallying())
                    .add(victim, i.events());
            byOrg.computeIfAbsent(i.organisation() != null ? i.organisation() : UNKNOWN, k -> new Tallying())
                    .add(victim, i.events());
            for (Map.Entry<Integer, Long> y : i.eventsPerYear().entrySet()) {
                yearEvents.computeIfAbsent(y.getKey(), k -> new long[1])[0] += y.getValue();
                yearVictims.computeIfAbsent(y.getKey(), k -> new HashSet<>()).add(victim);
            }
            for (String value : i.infrastructure()) {
                InfraAcc a = infra.computeIfAbsent(value, k -> new InfraAcc());
                a.incidents++;
                a.victims.add(victim);
                a.ioc |= fromIoc.contains(value);
            }
        }
        List<Scope.Victim> victimList = new ArrayList<>();
        for (Map.Entry<String, VictimAcc> e : victims.entrySet()) {
            VictimAcc v = e.getValue();
            victimList.add(new Scope.Victim(
                    e.getKey(),
                    v.known,
                    v.sector,
                    List.copyOf(v.countries),
                    List.copyOf(v.regions),
                    v.assets.size(),
                    v.incidents,
                    v.events,
                    v.first,
                    v.last));
        }
        victimList.sort(
                Comparator.comparingLong((Scope.Victim v) -> -v.events()).thenComparing(Scope.Victim::name));
        List<Scope.YearTally> perYear = new ArrayList<>();
        for (Map.Entry<Integer, long[]> y : yearEvents.entrySet()) {
            perYear.add(new Scope.YearTally(
                    y.getKey(), y.getValue()[0], yearVictims.get(y.getKey()).size()));
        }
        List<Scope.Infrastructure> infraList = new ArrayList<>();
        Map<String, Set<String>> infraByCountry = new TreeMap<>();
        for (Map.Entry<String, InfraAcc> e : infra.entrySet()) {
            String value = e.getKey();
            byte[] ip = IpAddresses.parse(value);
            String country = ip == null ? UNKNOWN : book.country(ip).orElse(UNKNOWN);
            InfraAcc a = e.getValue();
            infraList.add(new Scope.Infrastructure(
                    value, ip == null ? "domain" : "ip", country, a.incidents, a.victims.size(), a.ioc));
            infraByCountry.computeIfAbsent(country, k -> new TreeSet<>()).add(value);
        }
        infraList.sort(Comparator.comparingInt((Scope.Infrastructure x) -> -x.incidents())
                .thenComparing(x -> !x.indicator())
                .thenComparing(Scope.Infrastructure::value));
        List<Scope.Tally> infraCountries = new ArrayList<>();
        infraByCountry.forEach((k, v) -> infraCountries.add(new Scope.Tally(k, v.size(), 0)));
        infraCountries.sort(
                Comparator.comparingInt((Scope.Tally t) -> -t.victims()).thenComparing(Scope.Tally::key));
        List<String> notes = new ArrayList<>();
        if (unattributed > 0) {
            notes.add(String.format(
                    java.util.Locale.ROOT,
                    "%d incidents (%d events) of network events name no host and no internal address: no victim"
                            + " (log the internal address, or a host, to attribute them)",
                    unattributed,
                    unattributedEvents));
        }
        if (book.assets().isEmpty()) {
            notes.add("no assets in this case ('harrier assets import'): victims are hosts and addresses, their"
                    + " organisation, sector and country unknown");
        }
        if (book.geoIp().isEmpty()) {
            notes.add("no GeoIP database (--geoip FILE): the country of an address outside the assets is unknown");
        } else if (book.geoIp().get().isDbIp()) {
            notes.add(GeoIp.DBIP_ATTRIBUTION);
        } else {
            notes.add("IP geolocation: " + book.geoIp().get().describe());
        }
        return new Scope(
                campaign == null ? null : campaign.id(),
                incidents.size(),
                sightings,
                events,
                first,
                last,
                unattributed,
                unattributedEvents,
                victimList,
                tallies(byCountry),
                tallies(byRegion),
                tallies(bySector),
                tallies(byOrg),
                perYear,
                infraList,
                infraCountries,
                notes);
    }

    private static List<Scope.Tally> tallies(Map<String, Tallying> m) {
        List<Scope.Tally> out = new ArrayList<>();
        m.forEach((k, t) -> out.add(new Scope.Tally(k, t.victims.size(), t.events)));
        out.sort(Comparator.comparingInt((Scope.Tally t) -> -t.victims())
                .thenComparingLong(t -> -t.events())
                .thenComparing(Scope.Tally::key));
        return out;
    }

    private static @Nullable Instant min(@Nullable Instant a, @Nullable Instant b) {
        return a == null ? b : b == null || a.isBefore(b) ? a : b;
    }

    private static @Nullable Instant max(@Nullable Instant a, @Nullable Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }

    private static final class Tallying {
        final Set<String> victims = new HashSet<>();
        long events;

        void add(String victim, long e) {
            victims.add(victim);
            events += e;
        }
    }

    private static final class InfraAcc {
        int incidents;
        final Set<String> victims = new HashSet<>();
        boolean ioc;
    }

    private static final class VictimAcc {
        final boolean known;

        @Nullable
        String sector;

        final Set<String> countries = new TreeSet<>();
        final Set<String> regions = new TreeSet<>();
        final Set<String> assets = new HashSet<>();
        int incidents;
        long events;

        @Nullable
        Instant first;

        @Nullable
        Instant last;

        VictimAcc(boolean known) {
            this.known = known;
        }

        void add(Incident i) {
            if (sector == null) {
                sector = i.sector();
            }
            if (i.country() != null) {
                countries.add(i.country());
                if (i.region() != null) {
                    regions.add(i.country() + "/" + i.region());
                }
            }
            assets.add(i.asset());
            incidents++;
            events += i.events();
            first = min(first, i.first());
            last = max(last, i.last());
        }
    }
}
