package dev.harrier.cli;

import dev.harrier.analysis.campaign.AssetBook;
import dev.harrier.analysis.campaign.Campaign;
import dev.harrier.analysis.campaign.CampaignAnalysis;
import dev.harrier.analysis.campaign.GeoIp;
import dev.harrier.analysis.campaign.Scope;
import dev.harrier.analysis.campaign.ScopeReport;
import dev.harrier.store.Store;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code harrier scope}: who a campaign (or the whole case) hit, where, when, and from which infrastructure. */
@Command(
        name = "scope",
        mixinStandardHelpOptions = true,
        description = {
            "Who a campaign (or the whole case) hit, when, and from which infrastructure.",
            "Victims by country, region, sector and organisation, first and last seen per victim and overall,",
            "events and victims per year, and the external infrastructure (addresses and domains contacted) by",
            "country, for one campaign (--campaign, an id or a unique prefix from 'harrier campaigns') or the",
            "whole case. Countries come from the case's assets and, for other addresses, --geoip."
        })
final class ScopeCommand implements Callable<Integer> {
    private static final int INFRA_SHOWN = 20;

    @Mixin
    CaseOptions caseOptions = new CaseOptions();

    @Mixin
    CampaignsCommand.Analysis analysis = new CampaignsCommand.Analysis();

    @Option(names = "--campaign", paramLabel = "ID", description = "Only this campaign (id or unique id prefix).")
    @Nullable
    String campaign;

    @Option(names = "--json", description = "Print the scope as one JSON document.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine cl = spec.commandLine();
        PrintWriter out = cl.getOut();
        try (Store store = caseOptions.open()) {
            AssetBook book = analysis.book(cl, store);
            try {
                CampaignAnalysis a = analysis.analyze(cl, store, book);
                if (a == null) {
                    return Main.PARTIAL;
                }
                Campaign c = campaign == null ? null : CampaignContext.find(cl, a, campaign);
                Scope scope = ScopeReport.of(a, c, book);
                if (json) {
                    CampaignsCommand.printJson(out, scope);
                } else {
                    printText(out, scope);
                }
                return 0;
            } finally {
                book.geoIp().ifPresent(GeoIp::close);
            }
        }
    }

    private static void printText(PrintWriter out, Scope s) {
        out.printf(
                Locale.ROOT,
                "Scope of %s: %,d incidents, %,d events, %s, %,d victims%n",
                s.campaign() == null ? "the whole case" : "campaign " + s.campaign(),
                s.incidents(),
                s.events(),
                s.first() == null ? "no times" : s.first() + " to " + s.last(),
                s.victims().size());
        if (s.unattributedIncidents() > 0) {
            out.printf(
                    Locale.ROOT,
                    "  %,d events in %,d incidents of network events without a host or internal address: no victim%n",
                    s.unattributedEvents(),
                    s.unattributedIncidents());
        }
        out.println();
        out.println("Victims:");
        for (Scope.Victim v : s.victims()) {
            out.printf(
                    Locale.ROOT,
                    "  %-28s %-18s %-10s %,4d events, %d incidents, %d assets, %s%n",
                    v.name() + (v.known() ? "" : " (?)"),
                    v.sector() == null ? "-" : v.sector(),
                    v.countries().isEmpty() ? "-" : String.join(",", v.countries()),
                    v.events(),
                    v.incidents(),
                    v.assets(),
                    CampaignsCommand.span(v.first(), v.last()));
        }
        tallies(out, "By country", s.byCountry());
        tallies(out, "By region", s.byRegion());
        tallies(out, "By sector", s.bySector());
        tallies(out, "By organisation", s.byOrganisation());
        out.println();
        out.println("Per year:");
        for (Scope.YearTally y : s.perYear()) {
            out.printf(Locale.ROOT, "  %d  %,6d events  %,4d victims%n", y.year(), y.events(), y.victims());
        }
        out.println();
        out.printf(
                Locale.ROOT,
                "External infrastructure (%,d):%n",
                s.infrastructure().size());
        for (Scope.Infrastructure i : s.infrastructure()
                .subList(0, Math.min(INFRA_SHOWN, s.infrastructure().size()))) {
            out.printf(
                    Locale.ROOT,
                    "  %-40s %-6s %-8s %d incidents, %d victims%s%n",
                    i.value(),
                    i.type(),
                    i.country(),
                    i.incidents(),
                    i.victims(),
                    i.indicator() ? ", indicator" : "");
        }
        if (s.infrastructure().size() > INFRA_SHOWN) {
            out.printf(
                    Locale.ROOT,
                    "  ... %,d more (--json lists all)%n",
                    s.infrastructure().size() - INFRA_SHOWN);
        }
        if (!s.infrastructureByCountry().isEmpty()) {
            out.println("  by country: "
                    + String.join(
                            ", ",
                            s.infrastructureByCountry().stream()
                                    .map(t -> t.key() + " " + t.victims())
                                    .toList()));
        }
        for (String n : s.notes()) {
            out.println("Note: " + n);
        }
    }

    private static void tallies(PrintWriter out, String title, List<Scope.Tally> list) {
        out.println();
        out.println(title + ":");
        for (Scope.Tally t : list) {
            out.printf(Locale.ROOT, "  %-30s %,4d victims  %,6d events%n", t.key(), t.victims(), t.events());
        }
    }
}
