package dev.harrier.cli;

import dev.harrier.core.Limits;
import dev.harrier.core.Tlp;
import dev.harrier.detect.DetectionPipeline;
import dev.harrier.detect.DetectionStats;
import dev.harrier.detect.Hit;
import dev.harrier.detect.StixSightings;
import dev.harrier.detect.ioc.IocIndexes;
import dev.harrier.detect.sigma.SigmaRules;
import dev.harrier.intel.ActorProfile;
import dev.harrier.intel.FileImportResult;
import dev.harrier.intel.IntelExporter;
import dev.harrier.intel.IntelImporter;
import dev.harrier.intel.IntelStats;
import dev.harrier.intel.KnowledgeBase;
import dev.harrier.intel.Resolution;
import dev.harrier.store.Sighting;
import dev.harrier.store.SightingQuery;
import dev.harrier.store.Store;
import dev.harrier.store.sql.SqlStores;
import dev.harrier.telemetry.EventSource;
import dev.harrier.telemetry.EventSources;
import dev.harrier.telemetry.TelemetryArchive;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code harrier demo}: runs every stage that exists on the sample data shipped in the repository and says where the
 * output is.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Run the whole flow on the sample data shipped in samples/.",
            "The samples describe a fictional actor, VELVET MONSOON, and its campaign. The demo imports",
            "intel from STIX 2.1, STIX 2.0, MISP and IOC lists, shows that a re-import adds nothing,",
            "resolves the actor by alias, shows an alias conflict, exports TLP-filtered STIX bundles, then",
            "runs the sample Sigma rules (with a filter and chained correlations) and the imported",
            "indicators over the sample Windows, Zeek and Suricata logs (archiving them in the case), stores",
            "the hits as sightings, links their ATT&CK techniques to the knowledge base, then imports one",
            "more IOC list and retro-hunts the archived telemetry for the sightings it adds."
        })
final class DemoCommand implements Callable<Integer> {
    @Option(
            names = "--case",
            paramLabel = "DIR",
            defaultValue = "harrier-demo",
            description = "Demo case directory, recreated on each run (default: ${DEFAULT-VALUE}).")
    Path caseDir = Paths.get("harrier-demo");

    @Option(
            names = "--samples",
            paramLabel = "DIR",
            description = "Sample data directory (default: samples/ of the Harrier checkout).")
    @Nullable
    Path samples;

    @Option(names = "--json", description = "Print a JSON summary instead of the narrative.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = json
                ? new PrintWriter(PrintWriter.nullWriter())
                : spec.commandLine().getOut();
        Path sampleDir = samples != null ? samples : defaultSamples();
        Path intelDir = sampleDir.resolve("intel");
        if (!Files.isDirectory(intelDir)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "sample data not found at " + intelDir + " (use --samples DIR)");
        }
        resetCase(caseDir);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("case", caseDir.toAbsolutePath().toString());
        try (Store store = SqlStores.open(caseDir)) {
            out.println("== 1. Import intel from " + intelDir + " (" + HELD_BACK + " is held back for step 9)");
            IntelImporter importer = new IntelImporter(store, Limits.defaults(), false);
            List<FileImportResult> first = new ArrayList<>();
            for (Path f : intelFiles(intelDir)) {
                FileImportResult r = importer.importFile(f, n -> {});
                first.add(r);
                IntelImportCommand.printText(out, r);
            }
            summary.put("imported", first);

            out.println();
            out.println("== 2. Re-import the same files (forced re-read): nothing may change");
            IntelImporter again = new IntelImporter(store, Limits.defaults(), true);
            long added = 0;
            long updated = 0;
            long unchanged = 0;
            for (Path f : intelFiles(intelDir)) {
                FileImportResult r = again.importFile(f, n -> {});
                added += r.counts().totalAdded();
                updated += r.counts().totalUpdated();
                unchanged += r.counts().totalUnchanged();
            }
            out.printf(Locale.ROOT, "  %d new, %d updated, %d unchanged%n", added, updated, unchanged);
            summary.put("reimport", Map.of("added", added, "updated", updated, "unchanged", unchanged));

            out.println();
            out.println("== 3. Knowledge base statistics");
            IntelStats stats = IntelStats.compute(store);
            IntelStatsCommand.print(out, stats);
            summary.put("stats", stats);

            KnowledgeBase kb = KnowledgeBase.load(store);
            out.println();
            out.println("== 4. Resolve the actor by an alias: harrier intel show \"ink-heron\"");
            Resolution r = kb.resolve("ink-heron");
            if (r.kind() == Resolution.Kind.ACTOR) {
                ActorProfile p = kb.profile(r.candidates().get(0));
                IntelShowCommand.printProfile(
                        out, p, r.candidates().subList(1, r.candidates().size()), 12);
                summary.put("actor", p.cluster().primary());
            }
            out.println();
            out.println("== 5. An alias two sources give to different actors: harrier intel show \"Paper Crane\"");
            Resolution conflict = kb.resolve("Paper Crane");
            out.printf(
                    Locale.ROOT,
                    "  resolution: %s, %d candidates%n",
                    conflict.kind(),
                    conflict.candidates().size());
            conflict.candidates()
                    .forEach(c -> out.printf(
                            Locale.ROOT,
                            "    %s (%s) per %s%n",
                            c.primary().name(),
                            c.primary().id(),
                            c.primary().source()));
            summary.put("conflict", conflict.kind().name());

            out.println();
            out.println("== 6. Export STIX 2.1 bundles under TLP ceilings");
            Path exports = caseDir.resolve("exports");
            Files.createDirectories(exports);
            Map<String, Object> exported = new LinkedHashMap<>();
            for (Tlp max : List.of(Tlp.CLEAR, Tlp.GREEN, Tlp.AMBER)) {
                Path file = exports.resolve("intel-" + max.name().toLowerCase(Locale.ROOT) + ".json");
                IntelExporter.Summary s;
                try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file))) {
                    s = IntelExporter.export(store, os, new IntelExporter.Options(Set.of(), max, Tlp.CLEAR, true));
                }
                out.printf(
                        Locale.ROOT,
                        "  %-18s %,6d objects, withheld %s -> %s%n",
                        max.label(),
                        s.total(),
                        s.withheld().isEmpty() ? "none" : s.withheld(),
                        file);
                exported.put(
                        max.label(), Map.of("file", file.toString(), "objects", s.total(), "withheld", s.withheld()));
            }
            summary.put("exports", exported);

            out.println();
            out.println(
                    "== 7. Detect: the sample Sigma rules and the case's indicators over the sample Windows, Zeek and"
                            + " Suricata logs, archiving them in the case");
            summary.put("detection", detect(out, sampleDir, store, kb, caseDir));

            out.println();
            out.println("== 9. New intel arrives (" + HELD_BACK + "): import it and retro-hunt the archived telemetry");
            summary.put("retroHunt", retroHunt(out, intelDir.resolve(HELD_BACK), store, caseDir));

            out.println();
            out.println("== 10. Export the case with its indicator sightings as STIX 2.1 (TLP:AMBER ceiling)");
            summary.put("caseExport", exportCase(out, store, caseDir.resolve("exports")));

            out.println();
            out.println("== 11. Campaign analysis: the victims' assets, incidents, campaigns and their scope");
            DemoAnalysis analysis = new DemoAnalysis(out, store, sampleDir);
            summary.put("campaign", analysis.campaigns());
            out.println();
            out.println("== 12. Activity clock of the campaign");
            summary.put("clock", analysis.clock());
            out.println();
            out.println("== 13. Attribution of the campaign");
            summary.put("attribution", analysis.attribute());
            out.println();
            out.println("== 14. Report: ATT&CK Navigator layers of the campaign's case");
            summary.put("report", analysis.navigator(caseDir.resolve("report")));
        }
        out.println();
        out.println("Done. Case: " + caseDir.toAbsolutePath());
        out.println("  store:   " + caseDir.resolve("harrier.db").toAbsolutePath());
        out.println("  exports: " + caseDir.resolve("exports").toAbsolutePath());
        out.println("  archive: " + caseDir.resolve("telemetry").toAbsolutePath());
        out.println("Try: ./harrier intel show \"velvet monsoon\" --case " + caseDir);
        out.flush();
        if (json) {
            JsonOutput.print(spec.commandLine().getOut(), summary);
        }
        return 0;
    }

    /** The intel file imported only in step 9, to show a retro-hunt. */
    static final String HELD_BACK = "06-iocs-defanged.txt";

    private static List<Path> intelFiles(Path intelDir) throws IOException {
        List<Path> files = new ArrayList<>();
        for (Path f : IntelImporter.expand(List.of(intelDir))) {
            Path name = f.getFileName();
            if (name == null || !name.toString().equals(HELD_BACK)) {
                files.add(f);
            }
        }
        return files;
    }

    /** Imports the held-back intel file, re-scans the archive, prints and stores the new sightings only. */
    private static Map<String, Object> exportCase(PrintWriter out, Store store, Path exports) throws IOException {
        Path file = exports.resolve("case-amber.json");
        IntelExporter.Summary s;
        StixSightings.Summary[] sightings = new StixSightings.Summary[1];
        try (OutputStream os = new BufferedOutputStream(Files.newOutputStream(file))) {
            s = IntelExporter.export(
                    store,
                    os,
                    new IntelExporter.Options(Set.of(), Tlp.AMBER, Tlp.CLEAR, true),
                    List.of((st, sink) -> sightings[0] = StixSightings.forEach(st, sink)));
        }
        long count = s.written().getOrDefault("sighting", 0L);
        out.printf(
                Locale.ROOT,
                "  %,d objects, %,d sightings of indicators (from %,d IOC hits), withheld %s -> %s%n",
                s.total(),
                count,
                sightings[0].hits(),
                s.withheld().isEmpty() ? "none" : s.withheld(),
                file);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", file.toString());
        m.put("objects", s.total());
        m.put("sightings", count);
        m.put("iocHits", sightings[0].hits());
        return m;
    }

    private static Map<String, Object> retroHunt(PrintWriter out, Path file, Store store, Path caseDir)
            throws IOException {
        FileImportResult imported = new IntelImporter(store, Limits.defaults(), false).importFile(file, n -> {});
        IntelImportCommand.printText(out, imported);
        IocIndexes.Built iocs = IocIndexes.fromStore(store);
        DetectionPipeline pipeline =
                new DetectionPipeline(new SigmaRules().load(List.of(), n -> {}).ruleSet(), iocs.index(), 0);
        Timeline timeline = new Timeline(out, Timeline.Mode.TEXT);
        long[] counts = new long[2];
        DetectionStats stats;
        TelemetryArchive archive = TelemetryArchive.ofCase(caseDir, Limits.defaults());
        int segments;
        try (TelemetryArchive.Scan scan = archive.open(null, null, Set.of())) {
            segments = scan.segmentsSelected();
            stats = pipeline.run(
                    scan,
                    h -> {
                        List<Sighting> s = h.toSightings();
                        int added = store.addSightings(s);
                        counts[0] += added;
                        counts[1] += s.size() - added;
                        if (added > 0) {
                            timeline.add(h);
                        }
                    },
                    n -> {});
        }
        out.printf(
                Locale.ROOT,
                "  re-scanned %d archived events in %d segments: %d new sightings, %d already known%n",
                stats.events(),
                segments,
                counts[0],
                counts[1]);
        out.println("  (the same from the command line: ./harrier hunt --case " + caseDir + ")");
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("events", stats.events());
        result.put("segments", segments);
        result.put("newSightings", counts[0]);
        result.put("knownSightings", counts[1]);
        return result;
    }

    /** Runs the sample rules over the sample logs, stores sightings, links techniques to the knowledge base. */
    private static Map<String, Object> detect(
            PrintWriter out, Path sampleDir, Store store, KnowledgeBase kb, Path caseDir) throws IOException {
        Path rulesDir = sampleDir.resolve("rules");
        Path logsDir = sampleDir.resolve("logs");
        SigmaRules.Loaded loaded = new SigmaRules().load(List.of(rulesDir), n -> {});
        IocIndexes.Built iocs = IocIndexes.fromStore(store);
        out.printf(
                Locale.ROOT,
                "  indicators: %d in the case, %d observables indexed, %d left to the STIX pattern matcher%n",
                iocs.report().indicators(),
                iocs.report().entries(),
                iocs.report().complex());
        DetectionPipeline pipeline = new DetectionPipeline(loaded.ruleSet(), iocs.index(), 0);
        Timeline timeline = new Timeline(out, Timeline.Mode.TEXT);
        List<Sighting> sightings = new ArrayList<>();
        List<Hit> hits = new ArrayList<>();
        DetectionStats stats;
        TelemetryArchive archive = TelemetryArchive.ofCase(caseDir, Limits.defaults());
        TelemetryArchive.AppendResult archived;
        try (TelemetryArchive.Appender appender = archive.appender();
                EventSource src =
                        appender.tee(EventSources.open(logsDir.toAbsolutePath().normalize(), Limits.defaults()))) {
            stats = pipeline.run(
                    src,
                    h -> {
                        timeline.add(h);
                        hits.add(h);
                        sightings.addAll(h.toSightings());
                    },
                    n -> {});
            archived = appender.commit();
        }
        int stored = store.addSightings(sightings);
        List<String> errors = new ArrayList<>();
        loaded.errors().forEach(e -> errors.add(e.toString()));
        DetectCommand.Summary summary = DetectCommand.Summary.of(
                loaded, loaded.ruleSet(), errors.size(), List.of(stats), stored, store.describe());
        summary.print(out, false);
        out.printf(
                Locale.ROOT,
                "Archived: %d inputs, %d events in %d segments under %s%n",
                archived.inputs(),
                archived.events(),
                archived.segments(),
                caseDir.resolve("telemetry"));

        out.println();
        out.println("== 8. Sightings by ATT&CK technique, linked to the knowledge base");
        Map<String, String> known = new LinkedHashMap<>();
        Resolution r = kb.resolve("velvet monsoon");
        if (r.kind() == Resolution.Kind.ACTOR) {
            for (ActorProfile.TechniqueRow t : kb.profile(r.candidates().get(0)).techniques()) {
                known.put(t.attackId(), t.name());
            }
        }
        Map<String, Object> linked = new LinkedHashMap<>();
        java.util.TreeSet<String> techniques = new java.util.TreeSet<>();
        hits.forEach(h -> techniques.addAll(h.techniques()));
        for (String t : techniques) {
            long n = store.countSightings(SightingQuery.all().withTechnique(t));
            String base = t.contains(".") ? t.substring(0, t.indexOf('.')) : t;
            String name = known.getOrDefault(t, known.get(base));
            out.printf(
                    Locale.ROOT,
                    "  %-10s %2d sighting(s)  %s%n",
                    t,
                    n,
                    name == null ? "not in VELVET MONSOON's profile" : "VELVET MONSOON uses " + name);
            linked.put(t, Map.of("sightings", n, "actorUses", name != null));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("rules", loaded.ruleSet().rules().size());
        result.put("events", stats.events());
        result.put("malformed", stats.badRecords());
        result.put("hits", hits.size());
        result.put(
                "iocHits", hits.stream().filter(h -> h.kind().equals(Hit.IOC)).count());
        result.put("sightingsStored", stored);
        result.put("techniques", linked);
        return result;
    }

    private static Path defaultSamples() {
        String home = System.getProperty("harrier.home");
        if (home != null && Files.isDirectory(Paths.get(home, "samples"))) {
            return Paths.get(home, "samples");
        }
        return Paths.get("samples");
    }

    /** Deletes a previous demo case, but only if it looks like one (so a mistyped --case cannot wipe a directory). */
    private static void resetCase(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        if (!Files.exists(dir.resolve("harrier.db"))) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent()) {
                    throw new IOException(dir + " exists and is not a Harrier case; choose another --case");
                }
            }
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
