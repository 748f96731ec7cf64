package dev.harrier.cli;

import dev.harrier.analysis.attribution.AttributionBench;
import dev.harrier.analysis.attribution.AttributionKnowledge;
import dev.harrier.core.Limits;
import dev.harrier.intel.IntelImporter;
import dev.harrier.store.Store;
import dev.harrier.store.sql.SqlStores;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code harrier bench attribution}: the "partial novelty" attribution benchmark on ATT&amp;CK. */
@Command(
        name = "attribution",
        mixinStandardHelpOptions = true,
        description = {
            "Measure attribution on ATT&CK (protocol \"partial novelty\", issue 6): for each",
            "group with at least 15 technique/software relations and each seed, 10 of its",
            "relations form the incident, 3 of them are removed from its profile, and 3",
            "items it is not known for are added from the 200 most common relations. All",
            "groups are ranked by the model and by Jaccard similarity (baseline). Then an",
            "open-set run removes 20% of the groups: abstention on their incidents, top-1",
            "on the rest. The calibration is fitted first on separate calibration seeds."
        })
final class BenchAttributionCommand implements Callable<Integer> {
    @Option(
            names = "--attack",
            paramLabel = "FILE",
            required = true,
            description = "ATT&CK Enterprise bundle, e.g. ../shared/data/attack/enterprise-attack.json.")
    Path attack;

    @Option(names = "--seeds", paramLabel = "N,...", split = ",", description = "Reported seeds (default: 1,2,3).")
    List<Long> seeds = new ArrayList<>(List.of(1L, 2L, 3L));

    @Option(
            names = "--calibration-seeds",
            paramLabel = "N,...",
            split = ",",
            description = "Seeds the calibration is fitted on, disjoint from --seeds (default: 101,102,103,104,105).")
    List<Long> calibrationSeeds = new ArrayList<>(AttributionBench.DEFAULT_CALIBRATION_SEEDS);

    @Option(names = "--json", description = "Print the result as one JSON document.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.isRegularFile(attack)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no such file: " + attack);
        }
        AttributionBench.Options options;
        try {
            options = AttributionBench.Options.protocol(seeds);
            options = new AttributionBench.Options(
                    options.seeds(),
                    calibrationSeeds,
                    options.minRelations(),
                    options.incidentSize(),
                    options.novel(),
                    options.noise(),
                    options.commonPool(),
                    options.removedShare());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        Path dir = Files.createTempDirectory("harrier-bench-attribution-");
        try {
            AttributionBench.Report r;
            try (Store store = SqlStores.open(dir)) {
                err.println("importing " + attack + " ...");
                err.flush();
                new IntelImporter(store, Limits.defaults(), false).importFile(attack, n -> {});
                AttributionKnowledge k = AttributionKnowledge.load(store);
                r = AttributionBench.run(k, options, msg -> {
                    err.println(msg);
                    err.flush();
                });
            }
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("attack", attack.toString());
                doc.put("result", r);
                JsonOutput.print(out, doc);
            } else {
                print(out, r);
            }
            return r.targets().values().stream().allMatch(b -> b) ? 0 : Main.PARTIAL;
        } finally {
            deleteTree(dir);
        }
    }

    static void print(PrintWriter out, AttributionBench.Report r) {
        out.printf(
                Locale.ROOT,
                "Actors ranked: %d; with >= %d relations (incidents drawn): %d; seeds %s%n",
                r.actors(),
                r.options().minRelations(),
                r.eligibleActors(),
                r.options().seeds());
        out.printf(
                Locale.ROOT,
                "Calibration (seeds %s, %d incidents): temperature %.3f, unknown prior %.4f%n%n",
                r.options().calibrationSeeds(),
                r.calibrationIncidents(),
                r.calibration().temperature(),
                r.calibration().unknownPrior());
        out.printf(Locale.ROOT, "%-12s %7s %7s %7s %7s %7s%n", "closed set", "trials", "top-1", "top-5", "MRR", "ECE");
        row(out, "model", r.model());
        row(out, "Jaccard", r.jaccard());
        for (AttributionBench.SeedResult s : r.perSeed()) {
            row(out, "  seed " + s.seed(), s.model());
            row(out, "  Jaccard", s.jaccard());
        }
        out.printf(
                Locale.ROOT,
                "ECE with the unknown-actor hypothesis in the posterior: %.3f%n",
                r.model().eceWithUnknown());
        AttributionBench.OpenSet o = r.openSet();
        out.printf(
                Locale.ROOT,
                "%nopen set: %d groups removed per seed%n"
                        + "  abstained on %.1f%% of %d removed-group incidents%n"
                        + "  known groups: top-1 %.1f%% of %d incidents (abstained on %.1f%%; top-1 ignoring"
                        + " abstention %.1f%%)%n"
                        + "  decision ECE %.3f%n",
                o.removedActors(),
                100 * o.abstainOnRemoved(),
                o.removedIncidents(),
                100 * o.knownTop1(),
                o.knownIncidents(),
                100 * o.abstainOnKnown(),
                100 * o.knownTop1IgnoringAbstention(),
                o.ece());
        out.println("  trade-off with the unknown prior's log-odds shifted (same scores):");
        for (AttributionBench.OperatingPoint p : o.operatingPoints()) {
            out.printf(
                    Locale.ROOT,
                    "    %+3.0f (prior %.6f): abstain on removed %5.1f%%, known top-1 %5.1f%%%n",
                    p.logOddsShift(),
                    p.unknownPrior(),
                    100 * p.abstainOnRemoved(),
                    100 * p.knownTop1());
        }
        out.println();
        out.println("Targets:");
        for (Map.Entry<String, Boolean> e : r.targets().entrySet()) {
            out.printf(Locale.ROOT, "  [%s] %s%n", e.getValue() ? "met" : "MISSED", e.getKey());
        }
        out.printf(Locale.ROOT, "%.1f s%n", r.seconds());
        out.flush();
    }

    private static void row(PrintWriter out, String label, AttributionBench.Metrics m) {
        out.printf(
                Locale.ROOT,
                "%-12s %7d %6.1f%% %6.1f%% %7.3f %7s%n",
                label,
                m.trials(),
                100 * m.top1(),
                100 * m.top5(),
                m.mrr(),
                Double.isNaN(m.ece()) ? "-" : String.format(Locale.ROOT, "%.3f", m.ece()));
    }

    private static void deleteTree(Path root) throws IOException {
        List<Path> paths;
        try (Stream<Path> s = Files.walk(root)) {
            paths = s.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path p : paths) {
            Files.deleteIfExists(p);
        }
    }
}
