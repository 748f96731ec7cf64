package dev.harrier.analysis.campaign;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Incidents that belong together, with the evidence that links them.
 *
 * @param id deterministic id ({@code camp-} and 12 hex digits derived from the smallest incident id), stable as long
 *     as that incident is in the campaign
 * @param incidents the incident ids, by first sighting
 * @param first the earliest sighting's time, or null
 * @param last the latest sighting's time, or null
 * @param sightings sightings in all its incidents
 * @param events distinct events in all its incidents
 * @param assets distinct assets
 * @param victims distinct victims (organisations, or assets of no known organisation), sorted; incidents of
 *     {@linkplain Incident#attributed() unattributed} network events have none
 * @param shared the features its incidents share, most telling first (at most {@link
 *     CampaignOptions#MAX_SHARED_FEATURES_LISTED})
 * @param links the links that joined its incidents (at most {@link CampaignOptions#maxLinksPerIncident()} per
 *     incident)
 * @param linksOmitted links that joined its incidents but were not kept because of the cap
 */
public record Campaign(
        String id,
        List<String> incidents,
        @Nullable Instant first,
        @Nullable Instant last,
        long sightings,
        long events,
        int assets,
        List<String> victims,
        List<SharedFeature> shared,
        List<Link> links,
        long linksOmitted) {}
