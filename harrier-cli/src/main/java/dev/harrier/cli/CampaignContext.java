package dev.harrier.cli;

import dev.harrier.analysis.campaign.AssetBook;
import dev.harrier.analysis.campaign.Campaign;
import dev.harrier.analysis.campaign.CampaignAnalysis;
import dev.harrier.analysis.campaign.CampaignSelector;
import dev.harrier.analysis.campaign.GeoIp;
import dev.harrier.analysis.campaign.Scope;
import dev.harrier.analysis.campaign.ScopeReport;
import dev.harrier.store.Store;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;

/**
 * One campaign of a case as the analysis commands ({@code clock}, {@code attribute}) select it: the campaign
 * analysis with the case's assets, the campaign named by {@code --campaign} (an id or a unique prefix), a predicate
 * for its sightings and its scope.
 */
record CampaignContext(Campaign campaign, CampaignSelector selector, Scope scope) {
    /**
     * Analyses the case and finds {@code id}; null (after printing why) when the case has no campaigns.
     *
     * @throws CommandLine.ParameterException when {@code id} names no campaign or is ambiguous
     */
    static @Nullable CampaignContext of(CommandLine cl, Store store, CampaignsCommand.Analysis analysis, String id) {
        AssetBook book = analysis.book(cl, store);
        try {
            CampaignAnalysis a = analysis.analyze(cl, store, book);
            if (a == null) {
                return null;
            }
            Campaign c = find(cl, a, id);
            return new CampaignContext(c, CampaignSelector.of(a, c, book), ScopeReport.of(a, c, book));
        } finally {
            book.geoIp().ifPresent(GeoIp::close);
        }
    }

    /** The campaign's attribution evidence: its sightings' techniques and indicator values, its victims' places. */
    dev.harrier.analysis.attribution.Evidence evidence(Store store) {
        java.util.Set<String> techniques = new java.util.TreeSet<>();
        java.util.Set<String> values = new java.util.TreeSet<>();
        store.forEachSighting(dev.harrier.store.SightingQuery.all(), s -> {
            if (!selector.test(s)) {
                return;
            }
            techniques.addAll(s.techniques());
            String ind = s.fields().get("indicator");
            if (ind != null && ind.indexOf(' ') > 0) {
                values.add(ind.substring(ind.indexOf(' ') + 1));
            }
        });
        java.util.List<String> countries = new java.util.ArrayList<>();
        scope.byCountry().forEach(t -> countries.add(t.key()));
        java.util.List<String> sectors = new java.util.ArrayList<>();
        scope.bySector().forEach(t -> sectors.add(t.key()));
        return new dev.harrier.analysis.attribution.Evidence(
                java.util.List.copyOf(techniques),
                java.util.List.of(),
                java.util.List.copyOf(values),
                countries,
                sectors,
                null,
                "campaign " + campaign.id());
    }

    /**
     * The campaign of {@code a} that {@code id} names (an id or a unique prefix).
     *
     * @throws CommandLine.ParameterException when it names none or several
     */
    static Campaign find(CommandLine cl, CampaignAnalysis a, String id) {
        Optional<Campaign> found;
        try {
            found = a.campaign(id);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--campaign: " + e.getMessage());
        }
        if (found.isEmpty()) {
            throw new CommandLine.ParameterException(
                    cl,
                    "--campaign: no campaign '" + id + "' in this case ("
                            + a.campaigns().size() + " campaigns; list them with 'harrier campaigns')");
        }
        return found.get();
    }
}
