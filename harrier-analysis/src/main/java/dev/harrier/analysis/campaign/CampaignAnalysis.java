package dev.harrier.analysis.campaign;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The incidents and campaigns of a case.
 *
 * @param options the options used
 * @param sightings sightings read
 * @param events distinct events among them
 * @param untimed sightings without a time (kept in their asset's latest incident, or an incident of their own)
 * @param incidents every incident, by first sighting
 * @param campaigns every campaign, largest first (by incidents, then events), then by first sighting
 * @param ignored features shared by most incidents, which therefore link nothing (at most {@link
 *     CampaignOptions#MAX_SHARED_FEATURES_LISTED})
 * @param notes the caps that were hit and other remarks; empty when none
 */
public record CampaignAnalysis(
        CampaignOptions options,
        long sightings,
        long events,
        long untimed,
        List<Incident> incidents,
        List<Campaign> campaigns,
        List<SharedFeature> ignored,
        List<String> notes) {

    public CampaignAnalysis {
        incidents = List.copyOf(incidents);
        campaigns = List.copyOf(campaigns);
        ignored = List.copyOf(ignored);
        notes = List.copyOf(notes);
    }

    /**
     * The campaign with this id, or the only one whose id starts with it (ignoring case).
     *
     * @throws IllegalArgumentException when several campaigns start with {@code id}
     */
    public Optional<Campaign> campaign(String id) {
        String want = id.trim().toLowerCase(Locale.ROOT);
        List<Campaign> hits = new ArrayList<>();
        for (Campaign c : campaigns) {
            if (c.id().equals(want)) {
                return Optional.of(c);
            }
            if (c.id().startsWith(want)) {
                hits.add(c);
            }
        }
        if (hits.size() > 1) {
            throw new IllegalArgumentException("'" + id + "' names " + hits.size() + " campaigns: "
                    + hits.stream().limit(5).map(Campaign::id).toList());
        }
        return hits.stream().findFirst();
    }

    /** The incidents of a campaign, in its order. */
    public List<Incident> incidentsOf(Campaign c) {
        Map<String, Incident> byId = new HashMap<>();
        for (Incident i : incidents) {
            byId.put(i.id(), i);
        }
        List<Incident> out = new ArrayList<>();
        for (String id : c.incidents()) {
            Incident i = byId.get(id);
            if (i != null) {
                out.add(i);
            }
        }
        return out;
    }
}
