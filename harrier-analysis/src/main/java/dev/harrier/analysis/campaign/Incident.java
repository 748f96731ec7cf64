package dev.harrier.analysis.campaign;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The sightings of one asset with no quiet gap longer than {@link CampaignOptions#quietGap()} between them.
 *
 * @param id deterministic id ({@code inc-} and 12 hex digits from the asset and the first sighting's time)
 * @param asset the asset key: the host (lower case; the asset's host when the assets know it), the internal address
 *     of a network event without a host, or {@code unattributed:DIR} for network events with neither
 * @param organisation the victim organisation from the assets, or null when unknown
 * @param sector the organisation's sector, or null
 * @param country the asset's country (from the assets, or GeoIP for an address), or null
 * @param region the asset's region, or null
 * @param first the earliest sighting's time, or null when no sighting has a time
 * @param last the latest sighting's time, or null
 * @param sightings sightings in the incident
 * @param events distinct events (several hits on one event count once)
 * @param eventsPerYear events by UTC year
 * @param indicators indicator ids seen (capped)
 * @param infrastructure external addresses and domains seen (capped)
 * @param indicatorInfrastructure those of {@code infrastructure} that an indicator matched (IOC sightings)
 * @param rules detection rule ids that fired (capped)
 * @param techniques ATT&amp;CK technique ids (capped)
 * @param featuresOmitted features not kept because of {@link CampaignOptions#maxFeaturesPerIncident()}
 */
public record Incident(
        String id,
        String asset,
        @Nullable String organisation,
        @Nullable String sector,
        @Nullable String country,
        @Nullable String region,
        @Nullable Instant first,
        @Nullable Instant last,
        long sightings,
        long events,
        Map<Integer, Long> eventsPerYear,
        List<String> indicators,
        List<String> infrastructure,
        List<String> indicatorInfrastructure,
        List<String> rules,
        List<String> techniques,
        long featuresOmitted) {

    /** The prefix of the asset key of network events that name neither a host nor an internal address. */
    public static final String UNATTRIBUTED = "unattributed:";

    /** Whether the incident's asset is known (a host or internal address), so that it has a victim. */
    public boolean attributed() {
        return !asset.startsWith(UNATTRIBUTED);
    }

    /** The victim: the organisation, or the asset key when the organisation is unknown. */
    public String victim() {
        return organisation != null ? organisation : asset;
    }
}
