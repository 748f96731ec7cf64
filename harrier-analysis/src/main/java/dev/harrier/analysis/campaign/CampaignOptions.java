package dev.harrier.analysis.campaign;

import java.time.Duration;

/**
 * How sightings become incidents and incidents campaigns, and the caps that keep the work bounded.
 *
 * @param quietGap a new incident starts on an asset after this long without sightings (default 7 days)
 * @param window incidents link only when the time between them (end of one to start of the other) is at most this
 *     (default 365 days)
 * @param linkThreshold the summed weight of shared weak features of one kind (rules, or techniques) that links two
 *     incidents (default 1.0: at least two, and more the more common they are)
 * @param maxFeaturesPerIncident features (indicators, addresses, rules, techniques) kept per incident (default
 *     {@value #MAX_FEATURES_PER_INCIDENT}); further ones are counted and reported, not kept
 * @param maxLinksPerIncident evidence links kept per incident (default {@value #MAX_LINKS_PER_INCIDENT}); clustering
 *     still uses every link, the omitted ones are counted and reported
 * @param maxPairedIncidents a weak feature shared by more incidents than this is not paired (pairing is quadratic);
 *     such features are reported (default {@value #MAX_PAIRED_INCIDENTS})
 */
public record CampaignOptions(
        Duration quietGap,
        Duration window,
        double linkThreshold,
        int maxFeaturesPerIncident,
        int maxLinksPerIncident,
        int maxPairedIncidents) {

    /** Default cap of features kept per incident. */
    public static final int MAX_FEATURES_PER_INCIDENT = 256;

    /** Default cap of evidence links kept per incident. */
    public static final int MAX_LINKS_PER_INCIDENT = 16;

    /** Default cap of incidents a weak feature may be shared by and still be paired. */
    public static final int MAX_PAIRED_INCIDENTS = 256;

    /** The cap of shared features listed per campaign. */
    public static final int MAX_SHARED_FEATURES_LISTED = 20;

    /**
     * Checks the values.
     *
     * @throws IllegalArgumentException when a duration is not positive or a cap is below 1
     */
    public CampaignOptions {
        if (quietGap.isNegative() || quietGap.isZero()) {
            throw new IllegalArgumentException("the quiet gap must be positive: " + quietGap);
        }
        if (window.isNegative()) {
            throw new IllegalArgumentException("the window must not be negative: " + window);
        }
        if (!(linkThreshold > 0)) {
            throw new IllegalArgumentException("the link threshold must be positive: " + linkThreshold);
        }
        if (maxFeaturesPerIncident < 1 || maxLinksPerIncident < 1 || maxPairedIncidents < 2) {
            throw new IllegalArgumentException("caps must be at least 1 (paired incidents at least 2)");
        }
    }

    /** The defaults above. */
    public static CampaignOptions defaults() {
        return new CampaignOptions(
                Duration.ofDays(7),
                Duration.ofDays(365),
                1.0,
                MAX_FEATURES_PER_INCIDENT,
                MAX_LINKS_PER_INCIDENT,
                MAX_PAIRED_INCIDENTS);
    }

    /** These options with another quiet gap. */
    public CampaignOptions withQuietGap(Duration gap) {
        return new CampaignOptions(
                gap, window, linkThreshold, maxFeaturesPerIncident, maxLinksPerIncident, maxPairedIncidents);
    }

    /** These options with another time window. */
    public CampaignOptions withWindow(Duration w) {
        return new CampaignOptions(
                quietGap, w, linkThreshold, maxFeaturesPerIncident, maxLinksPerIncident, maxPairedIncidents);
    }

    /** These options with other caps. */
    public CampaignOptions withCaps(int features, int links, int paired) {
        return new CampaignOptions(quietGap, window, linkThreshold, features, links, paired);
    }
}
