package dev.harrier.analysis.campaign;

import dev.harrier.store.Sighting;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Which sightings belong to one campaign: those on an asset of one of its incidents, within that incident's time span
 * (a sighting without a time belongs when its asset has an incident in the campaign). Lets other analyses (activity
 * clock, attribution) restrict themselves to a campaign with {@code store.forEachSighting(all, s -> { if
 * (selector.test(s)) ... })}. Use the same {@link AssetBook} as the analysis.
 */
public final class CampaignSelector implements Predicate<Sighting> {
    private final SightingFeatures features;
    private final Map<String, List<Incident>> byAsset = new HashMap<>();

    private CampaignSelector(AssetBook book) {
        this.features = new SightingFeatures(book);
    }

    /** A selector of {@code campaign}'s sightings. */
    public static CampaignSelector of(CampaignAnalysis analysis, Campaign campaign, AssetBook book) {
        CampaignSelector s = new CampaignSelector(book);
        for (Incident i : analysis.incidentsOf(campaign)) {
            s.byAsset.computeIfAbsent(i.asset(), k -> new ArrayList<>()).add(i);
        }
        return s;
    }

    @Override
    public boolean test(Sighting s) {
        List<Incident> incidents = byAsset.get(features.assetKey(s));
        if (incidents == null) {
            return false;
        }
        Instant t = s.observed();
        if (t == null) {
            return true;
        }
        for (Incident i : incidents) {
            if (i.first() != null && !t.isBefore(i.first()) && !t.isAfter(i.last())) {
                return true;
            }
        }
        return false;
    }
}
