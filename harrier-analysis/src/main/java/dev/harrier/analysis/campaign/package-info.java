/**
 * Assets, incidents, campaigns and scope: who was hit, which intrusions belong together, and why.
 *
 * <p>{@link dev.harrier.analysis.campaign.AssetCsv} reads an assets CSV (host, IP ranges, organisation, sector,
 * country, region) and {@link dev.harrier.analysis.campaign.AssetRegistry} stores it in a case and loads it back as
 * an {@link dev.harrier.analysis.campaign.AssetBook}, which maps a host or an address to its asset (falling back to a
 * {@link dev.harrier.analysis.campaign.GeoIp} country for addresses of no asset). In the store every organisation is
 * a STIX 2.1 {@code identity} (class {@code organization}) and every asset a custom object {@code x-harrier-asset}:
 * an asset is the victim's own machine or network, which STIX's {@code infrastructure} (the actor's infrastructure in
 * every threat-intel use) would misrepresent.
 *
 * <p>{@link dev.harrier.analysis.campaign.CampaignAnalyzer} streams a case's sightings once, groups them into
 * {@linkplain dev.harrier.analysis.campaign.Incident incidents} (one asset, no quiet gap longer than the configured
 * one) and clusters incidents into {@linkplain dev.harrier.analysis.campaign.Campaign campaigns} by union-find over
 * shared indicators, external infrastructure, rules and techniques, keeping the {@linkplain
 * dev.harrier.analysis.campaign.Link links} that justify each merge. {@link dev.harrier.analysis.campaign.ScopeReport}
 * summarises the victims and infrastructure of a campaign or of the whole case, and {@link
 * dev.harrier.analysis.campaign.CampaignSelector} tells which sightings belong to a campaign (for the activity clock
 * or attribution of one campaign). {@link dev.harrier.analysis.campaign.CampaignBench} is the synthetic workload of
 * the scale test and the JMH benchmark (1,000,000 sightings: about 5 s on a laptop-class core).
 *
 * <p>Memory is bounded: per incident only a capped number of features is kept, links are capped per incident and
 * features shared by too many incidents are not paired; every cap that is hit is reported in the result's notes.
 */
@NullMarked
package dev.harrier.analysis.campaign;

import org.jspecify.annotations.NullMarked;
