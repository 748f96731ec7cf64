package dev.harrier.cli;

import dev.harrier.analysis.attribution.Attribution;
import dev.harrier.analysis.attribution.AttributionKnowledge;
import dev.harrier.analysis.attribution.Attributor;
import dev.harrier.analysis.attribution.Candidate;
import dev.harrier.analysis.attribution.Evidence;
import dev.harrier.analysis.attribution.EvidenceItem;
import dev.harrier.analysis.attribution.Hypotheses;
import dev.harrier.store.Store;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code harrier attribute}: which known actor fits the evidence, with graded reasons for and against. */
@Command(
        name = "attribute",
        mixinStandardHelpOptions = true,
        description = {
            "Attribute observed techniques, software and victims to known actors.",
            "Ranks the actors of the case's knowledge base: probability per actor and for",
            "an unknown actor, an abstain decision when no actor is credible, graded",
            "evidence for and against each candidate, and a competing-hypotheses table",
            "(see docs/attribution.md)."
        })
final class AttributeCommand implements Callable<Integer> {
    @Mixin
    CaseOptions caseOptions = new CaseOptions();

    @Option(
            names = "--techniques",
            paramLabel = "IDS",
            split = ",",
            description = "ATT&CK technique ids, e.g. T1059.001,T1105.")
    List<String> techniques = new ArrayList<>();

    @Option(
            names = "--software",
            paramLabel = "IDS",
            split = ",",
            description = "ATT&CK software ids or names, e.g. S0154,Mimikatz.")
    List<String> software = new ArrayList<>();

    @Option(
            names = "--indicators",
            paramLabel = "FILE",
            description = "Indicator values seen, one per line (listed; not scored yet).")
    @Nullable
    Path indicators;

    @Option(names = "--countries", paramLabel = "CODES", split = ",", description = "Victim countries, e.g. CN,DE.")
    List<String> countries = new ArrayList<>();

    @Option(
            names = "--sectors",
            paramLabel = "NAMES",
            split = ",",
            description = "Victim sectors, e.g. government,energy.")
    List<String> sectors = new ArrayList<>();

    @Option(
            names = "--campaign",
            paramLabel = "ID",
            description = "Attribute a campaign of the case (an id or unique prefix from 'harrier campaigns'):"
                    + " its techniques, sighted indicators and victims' countries and sectors are the evidence.")
    @Nullable
    String campaign;

    @Option(
            names = "--top",
            paramLabel = "N",
            defaultValue = "10",
            description = "Candidates to list (default ${DEFAULT-VALUE}).")
    int top = 10;

    @Option(names = "--json", description = "Print as JSON.")
    boolean json;

    @CommandLine.Mixin
    CampaignsCommand.Analysis analysis = new CampaignsCommand.Analysis();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (top < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--top must be at least 1");
        }
        List<String> iocs = new ArrayList<>();
        if (indicators != null) {
            for (String line : Files.readAllLines(indicators, StandardCharsets.UTF_8)) {
                String t = line.trim();
                if (!t.isEmpty() && !t.startsWith("#")) {
                    iocs.add(t);
                }
            }
        }
        Evidence evidence = new Evidence(techniques, software, iocs, countries, sectors, null, "analyst");
        if (campaign != null) {
            if (!evidence.isEmpty()) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--campaign takes its evidence from the case; do not combine it with --techniques,"
                                + " --software, --countries, --sectors or --indicators");
            }
            try (Store store = caseOptions.open()) {
                Evidence fromCampaign = campaignEvidence(store, campaign);
                if (fromCampaign == null) {
                    return Main.PARTIAL;
                }
                evidence = fromCampaign;
            }
            err.println("Evidence from " + evidence.source() + ": "
                    + evidence.techniques().size() + " techniques, "
                    + evidence.indicators().size() + " indicators, victims in " + evidence.countries() + ", sectors "
                    + evidence.sectors());
        }
        if (evidence.isEmpty()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "no evidence: give --techniques, --software, --countries, --sectors or --indicators");
        }
        Attribution a;
        try (Store store = caseOptions.open()) {
            a = new Attributor(AttributionKnowledge.load(store)).attribute(evidence, top);
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("attribution", a);
            JsonOutput.print(out, doc);
        } else {
            for (String p : a.problems()) {
                err.println("harrier: " + p);
            }
            err.flush();
            print(out, a);
        }
        return a.problems().isEmpty() && !a.used().isEmpty() ? 0 : Main.PARTIAL;
    }

    static void print(PrintWriter out, Attribution a) {
        out.println("Evidence: " + (a.used().isEmpty() ? "(none usable)" : String.join(", ", a.used())));
        out.printf(Locale.ROOT, "Actors ranked: %d%n", a.actorsScored());
        out.println(a.decision());
        if (a.candidates().isEmpty()) {
            out.flush();
            return;
        }
        out.println();
        out.printf(Locale.ROOT, "%4s  %7s  %8s  %-8s  %s%n", "rank", "prob", "log-odds", "ATT&CK", "actor");
        for (Candidate c : a.candidates()) {
            out.printf(
                    Locale.ROOT,
                    "%4d  %6.2f%%  %8.2f  %-8s  %s  (%s)%n",
                    c.rank(),
                    100 * c.probability(),
                    c.logOdds(),
                    c.attackId(),
                    c.name(),
                    c.id());
        }
        out.printf(Locale.ROOT, "      %6.2f%%            unknown actor%n", 100 * a.unknownProbability());
        int detailed = Math.min(3, a.candidates().size());
        for (Candidate c : a.candidates().subList(0, detailed)) {
            out.println();
            out.printf(Locale.ROOT, "#%d %s: %.1f%%%n", c.rank(), c.name(), 100 * c.probability());
            for (Candidate.ChainStep s : c.attributedTo()) {
                out.printf(Locale.ROOT, "  attributed to %s (%s) [%s]%n", s.toName(), s.toType(), s.source());
            }
            printItems(out, "supports", c.supports());
            printItems(out, "contradicts", c.contradicts());
            printItems(out, "neutral", c.neutral());
        }
        if (!a.sponsors().isEmpty()) {
            out.println();
            out.println("Attributed-to chains (summed probability):");
            for (Attribution.Sponsor s : a.sponsors()) {
                out.printf(Locale.ROOT, "  %6.2f%%  %s (%s)%n", 100 * s.probability(), s.name(), s.type());
            }
        }
        Hypotheses h = a.hypotheses();
        if (!h.rows().isEmpty()) {
            out.println();
            out.println("Competing hypotheses (++ strongly supports ... -- strongly contradicts):");
            StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "  %-40s", "evidence"));
            for (int i = 0; i < h.hypotheses().size(); i++) {
                head.append(String.format(Locale.ROOT, " %6s", "H" + (i + 1)));
            }
            out.println(head);
            for (Hypotheses.Row r : h.rows()) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-40s", clip(r.evidence(), 40)));
                for (String m : r.marks()) {
                    line.append(String.format(Locale.ROOT, " %6s", m));
                }
                out.println(line);
            }
            for (int i = 0; i < h.hypotheses().size(); i++) {
                out.printf(Locale.ROOT, "  H%d = %s%n", i + 1, h.hypotheses().get(i));
            }
        }
        out.printf(
                Locale.ROOT,
                "%nCalibration: temperature %.3f, unknown prior %.4f (%s).%n",
                a.calibration().temperature(),
                a.calibration().unknownPrior(),
                a.calibration().fittedOn());
        out.flush();
    }

    /** The evidence of one campaign of the case, or null (after saying why) when the case has no campaigns. */
    private @Nullable Evidence campaignEvidence(Store store, String id) {
        CampaignContext ctx = CampaignContext.of(spec.commandLine(), store, analysis, id);
        return ctx == null ? null : ctx.evidence(store);
    }

    private static void printItems(PrintWriter out, String label, List<EvidenceItem> items) {
        if (items.isEmpty()) {
            return;
        }
        out.println("  " + label + ":");
        for (EvidenceItem i : items) {
            out.printf(Locale.ROOT, "    %+6.2f  %s  %s%n", i.weight(), i.grade(), i.explanation());
        }
    }

    private static String clip(String s, int n) {
        return s.length() <= n ? s : s.substring(0, n - 1) + "…";
    }
}
