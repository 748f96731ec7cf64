package dev.harrier.analysis.campaign;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Who and what a campaign (or a whole case) touched.
 *
 * @param campaign the campaign's id, or null for the whole case
 * @param incidents incidents covered
 * @param sightings sightings covered
 * @param events distinct events covered
 * @param first the earliest sighting's time, or null
 * @param last the latest sighting's time, or null
 * @param unattributedIncidents incidents of network events that name no host and no internal address: counted in the
 *     events, but no victim
 * @param unattributedEvents their events
 * @param victims every victim, most events first
 * @param byCountry victims and events per country of the victims' assets ({@code unknown} when no asset says)
 * @param byRegion victims and events per {@code country/region}
 * @param bySector victims and events per sector
 * @param byOrganisation victims (1 each) and events per organisation ({@code unknown} for assets of none)
 * @param perYear events and active victims per UTC year
 * @param infrastructure external addresses and domains the incidents contacted, most incidents first
 * @param infrastructureByCountry external infrastructure values per country ({@code unknown} when neither the assets
 *     nor GeoIP say)
 * @param notes remarks: missing assets or GeoIP, the GeoIP attribution, caps
 */
public record Scope(
        @Nullable String campaign,
        int incidents,
        long sightings,
        long events,
        @Nullable Instant first,
        @Nullable Instant last,
        int unattributedIncidents,
        long unattributedEvents,
        List<Victim> victims,
        List<Tally> byCountry,
        List<Tally> byRegion,
        List<Tally> bySector,
        List<Tally> byOrganisation,
        List<YearTally> perYear,
        List<Infrastructure> infrastructure,
        List<Tally> infrastructureByCountry,
        List<String> notes) {

    /**
     * One victim.
     *
     * @param name the organisation, or the asset key when the organisation is unknown
     * @param known whether the assets name the organisation
     * @param sector the sector, or null
     * @param countries the countries of its assets that were hit
     * @param regions the {@code country/region}s of its assets that were hit
     * @param assets distinct assets hit
     * @param incidents incidents
     * @param events distinct events
     * @param first first sighting, or null
     * @param last last sighting, or null
     */
    public record Victim(
            String name,
            boolean known,
            @Nullable String sector,
            List<String> countries,
            List<String> regions,
            int assets,
            int incidents,
            long events,
            @Nullable Instant first,
            @Nullable Instant last) {}

    /**
     * A count under one key.
     *
     * @param key the country, region, sector or organisation
     * @param victims distinct victims (for infrastructure: distinct values)
     * @param events distinct events (0 for infrastructure)
     */
    public record Tally(String key, int victims, long events) {}

    /**
     * Events and victims of one year.
     *
     * @param year the UTC year
     * @param events events in that year
     * @param victims victims with events in that year
     */
    public record YearTally(int year, long events, int victims) {}

    /**
     * One external address or domain.
     *
     * @param value the address or domain
     * @param type {@code ip} or {@code domain}
     * @param country its country from the assets or GeoIP, or {@code unknown}
     * @param incidents incidents that contacted it
     * @param victims victims that contacted it
     * @param indicator whether an indicator of the case matched it (an IOC sighting), not just a rule's field
     */
    public record Infrastructure(
            String value, String type, String country, int incidents, int victims, boolean indicator) {}
}
