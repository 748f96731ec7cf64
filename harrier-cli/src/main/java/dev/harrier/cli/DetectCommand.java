package dev.harrier.cli;

import dev.harrier.core.Limits;
import dev.harrier.detect.DetectionPipeline;
import dev.harrier.detect.DetectionStats;
import dev.harrier.detect.PatternIndicators;
import dev.harrier.detect.ioc.IocIndex;
import dev.harrier.detect.ioc.IocIndexes;
import dev.harrier.detect.pattern.EventPatternScan;
import dev.harrier.detect.sigma.CompiledRuleSet;
import dev.harrier.detect.sigma.Levels;
import dev.harrier.detect.sigma.SigmaError;
import dev.harrier.detect.sigma.SigmaRules;
import dev.harrier.store.Sighting;
import dev.harrier.store.Store;
import dev.harrier.telemetry.EventSource;
import dev.harrier.telemetry.EventSources;
import dev.harrier.telemetry.TelemetryArchive;
import java.io.PrintWriter;
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

/** {@code harrier detect}: runs Sigma rules over Windows event logs and keeps the hits as sightings. */
@Command(
        name = "detect",
        mixinStandardHelpOptions = true,
        description = {
            "Run Sigma rules (with correlations and filters) over Windows event logs.",
            "Logs: evtx_dump JSON, Winlogbeat/ECS NDJSON or flat JSON lines, detected per file; .gz and .zst",
            "read directly; directories walked. Prints a timeline and a summary; every hit is stored in the",
            "case as a sighting with the rule's author and ATT&CK techniques."
        })
final class DetectCommand implements Callable<Integer> {
    /** Most sightings written per store transaction. */
    static final int BATCH = 1_000;

    @Mixin
    CaseOptions caseOptions = new CaseOptions();

    @Mixin
    RuleOptions ruleOptions = new RuleOptions();

    @Option(
            names = "--logs",
            arity = "1..*",
            required = true,
            paramLabel = "PATH",
            description = "Log files or directories.")
    List<Path> logs = new ArrayList<>();

    @Option(
            names = "--min-level",
            paramLabel = "LEVEL",
            defaultValue = "informational",
            description =
                    "Lowest level reported: informational, low, medium, high, critical (default: ${DEFAULT-VALUE}).")
    String minLevel = "informational";

    @Option(
            names = "--iocs",
            description = "Also match the case's indicators (STIX indicators with simple patterns: hashes, addresses"
                    + " and CIDR ranges, domains, URLs, e-mail addresses, file names, certificates).")
    boolean iocs;

    @Option(
            names = "--archive",
            description = "Also archive the events read into the case (<case>/telemetry, compressed segments with a"
                    + " time/host index) so that 'harrier hunt' can re-scan them with newer intel; an input archived"
                    + " before is not archived again. With --db, give --case DIR for the archive too.")
    boolean archive;

    @Option(names = "--no-store", description = "Do not write sightings to the case.")
    boolean noStore;

    @Option(names = "--json", description = "Print hits and summary as one JSON document.")
    boolean json;

    @Option(names = "--csv", description = "Print hits as CSV (summary on standard error).")
    boolean csv;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (json && csv) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--json and --csv exclude each other");
        }
        int level;
        try {
            level = Levels.parse(minLevel);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (ruleOptions.rules.isEmpty() && !iocs) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give --rules, --iocs or both");
        }
        SigmaRules.Loaded loaded;
        try (ProgressBar bar = new ProgressBar(err, !json && !csv, "rule files", "loading rules")) {
            loaded = ruleOptions.loader().load(ruleOptions.rules, bar::update);
        }
        CompiledRuleSet set = loaded.ruleSet();
        IocIndex index = null;
        PatternIndicators.Built patterns = null;
        if (iocs) {
            try (Store store = caseOptions.open()) {
                IocIndexes.Built built = IocIndexes.fromStore(store);
                patterns = PatternIndicators.fromStore(store);
                for (String r : patterns.rejected()) {
                    (json || csv ? err : out).println("pattern rejected: " + r);
                }
                index = built.index();
                IocIndexes.Report rep = built.report();
                (json || csv ? err : out)
                        .printf(
                                Locale.ROOT,
                                "Indicators: %,d in %s, %,d observables indexed, %,d with patterns left to the STIX"
                                        + " pattern matcher, %,d invalid values%n",
                                rep.indicators(),
                                store.describe(),
                                rep.entries(),
                                rep.complex(),
                                rep.rejected().size());
            }
        }
        TelemetryArchive telemetry = archive
                ? TelemetryArchive.ofCase(caseOptions.filesDir(spec.commandLine(), "--archive"), Limits.defaults())
                : null;
        DetectionPipeline pipeline = new DetectionPipeline(set, index, level);
        if (patterns != null) {
            pipeline.withPatterns(patterns, EventPatternScan.DEFAULT_BATCH);
        }
        List<SigmaError> ruleErrors = new ArrayList<>(loaded.errors());
        ruleErrors.addAll(pipeline.correlationErrors());
        PrintWriter diag = json || csv ? err : out;
        if (!json) {
            printRuleErrors(diag, ruleErrors);
        }
        Timeline timeline = new Timeline(out, json ? Timeline.Mode.JSON : csv ? Timeline.Mode.CSV : Timeline.Mode.TEXT);
        List<DetectionStats> perInput = new ArrayList<>();
        long[] stored = {0};
        try (Store store = noStore ? null : caseOptions.open();
                TelemetryArchive.Appender appender = telemetry == null ? null : telemetry.appender()) {
            List<Sighting> batch = new ArrayList<>();
            for (Path p : logs) {
                DetectionStats s;
                // absolute paths: a sighting's id includes its source, so re-runs from another directory add nothing
                try (EventSource src = tee(
                                appender, EventSources.open(p.toAbsolutePath().normalize(), Limits.defaults()));
                        ProgressBar bar = new ProgressBar(err, !json && !csv, "events", p.toString())) {
                    s = pipeline.run(
                            src,
                            hit -> {
                                timeline.add(hit);
                                if (store != null) {
                                    batch.addAll(hit.toSightings());
                                    if (batch.size() >= BATCH) {
                                        stored[0] += store.addSightings(batch);
                                        batch.clear();
                                    }
                                }
                            },
                            bar::update);
                }
                perInput.add(s);
            }
            if (store != null && !batch.isEmpty()) {
                stored[0] += store.addSightings(batch);
            }
            TelemetryArchive.AppendResult archived = appender == null ? null : appender.commit();
            Summary summary = Summary.of(
                    loaded, set, ruleErrors.size(), perInput, stored[0], store == null ? null : store.describe());
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("summary", summary);
                doc.put(
                        "ruleErrors",
                        ruleErrors.stream().map(SigmaError::toString).toList());
                doc.put("hits", timeline.hits());
                if (archived != null && telemetry != null) {
                    doc.put("archive", archiveSummary(archived, telemetry.dir()));
                }
                JsonOutput.print(out, doc);
            } else {
                summary.print(diag);
                if (archived != null && telemetry != null) {
                    printArchived(diag, archived, telemetry.dir());
                }
            }
            timeline.finish();
            boolean clean = ruleErrors.isEmpty() && summary.badRecords() == 0;
            return clean ? 0 : Main.PARTIAL;
        }
    }

    private static EventSource tee(TelemetryArchive.@Nullable Appender appender, EventSource src) {
        return appender == null ? src : appender.tee(src);
    }

    static Map<String, Object> archiveSummary(TelemetryArchive.AppendResult r, Path dir) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dir", dir.toAbsolutePath().toString());
        m.put("events", r.events());
        m.put("inputs", r.inputs());
        m.put("inputsAlreadyArchived", r.inputsAlreadyArchived());
        m.put("segments", r.segments());
        return m;
    }

    static void printArchived(PrintWriter out, TelemetryArchive.AppendResult r, Path dir) {
        out.printf(
                Locale.ROOT,
                "Archived: %,d inputs (%,d segments) in %s; %,d inputs archived before, skipped%n",
                r.inputs(),
                r.segments(),
                dir,
                r.inputsAlreadyArchived());
    }

    private static void printRuleErrors(PrintWriter out, List<SigmaError> errors) {
        int shown = 0;
        for (SigmaError e : errors) {
            if (shown++ == 20) {
                out.printf(
                        Locale.ROOT,
                        "  ... and %,d more rule problems (see 'harrier sigma check')%n",
                        errors.size() - 20);
                break;
            }
            out.println("rule rejected: " + e);
        }
    }

    /** The summary of a detect run, printed as text or JSON. */
    record Summary(
            int ruleFiles,
            int rulesLoaded,
            int rulesFailed,
            int correlations,
            int notApplicable,
            int unmapped,
            long events,
            long badRecords,
            long files,
            double seconds,
            double eventsPerSecond,
            long hits,
            long belowMinLevel,
            long stored,
            @Nullable String store,
            Map<String, Long> hitsByLevel,
            List<Map<String, Object>> hitsByRule,
            List<String> readErrors) {
        static Summary of(
                SigmaRules.Loaded loaded,
                CompiledRuleSet set,
                int failed,
                List<DetectionStats> runs,
                long stored,
                @Nullable String store) {
            long events = 0;
            long bad = 0;
            long files = 0;
            long nanos = 0;
            long hits = 0;
            long below = 0;
            Map<String, Long> byLevel = new LinkedHashMap<>();
            Map<String, Long> byRule = new LinkedHashMap<>();
            Map<String, String> titles = new LinkedHashMap<>();
            List<String> errors = new ArrayList<>();
            for (DetectionStats s : runs) {
                events += s.events();
                bad += s.badRecords();
                files += s.files();
                nanos += s.nanos();
                hits += s.hits();
                below += s.belowLevel();
                s.hitsByLevel().forEach((k, v) -> byLevel.merge(k, v, Long::sum));
                s.hitsByRule().forEach((k, v) -> byRule.merge(k, v, Long::sum));
                titles.putAll(s.titles());
                s.readErrors().forEach(e -> errors.add(e.toString()));
            }
            Map<String, Long> levels = new LinkedHashMap<>();
            for (int i = Levels.ORDER.size() - 1; i >= 0; i--) {
                Long n = byLevel.get(Levels.ORDER.get(i));
                if (n != null) {
                    levels.put(Levels.ORDER.get(i), n);
                }
            }
            if (byLevel.containsKey("none")) {
                levels.put("none", byLevel.get("none"));
            }
            List<Map<String, Object>> rules = new ArrayList<>();
            byRule.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue()
                            .reversed()
                            .thenComparing(Map.Entry.comparingByKey()))
                    .forEach(e -> {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("id", e.getKey());
                        m.put("title", titles.getOrDefault(e.getKey(), ""));
                        m.put("hits", e.getValue());
                        rules.add(m);
                    });
            double secs = nanos / 1e9;
            return new Summary(
                    loaded.files(),
                    set.rules().size(),
                    failed,
                    set.correlations().size(),
                    set.notApplicable(),
                    set.unmapped(),
                    events,
                    bad,
                    files,
                    secs,
                    secs > 0 ? events / secs : 0,
                    hits,
                    below,
                    stored,
                    store,
                    levels,
                    rules,
                    errors);
        }

        void print(PrintWriter out) {
            print(out, true);
        }

        /** Prints the summary; {@code rate} false leaves out the timing, for reproducible output. */
        void print(PrintWriter out, boolean rate) {
            out.println();
            out.printf(
                    Locale.ROOT,
                    "Rules: %,d loaded from %,d files, %,d rejected, %,d correlations; %,d for other products,"
                            + " %,d with unmapped logsources%n",
                    rulesLoaded,
                    ruleFiles,
                    rulesFailed,
                    correlations,
                    notApplicable,
                    unmapped);
            out.printf(
                    Locale.ROOT,
                    "Events: %,d read from %,d files, %,d malformed skipped%s%n",
                    events,
                    files,
                    badRecords,
                    rate ? String.format(Locale.ROOT, " (%,.0f events/s)", eventsPerSecond) : "");
            for (String e : readErrors) {
                out.println("  malformed: " + e);
            }
            StringBuilder lv = new StringBuilder();
            hitsByLevel.forEach((k, v) -> lv.append(lv.length() == 0 ? "" : ", ")
                    .append(k)
                    .append(' ')
                    .append(v));
            out.printf(
                    Locale.ROOT,
                    "Hits: %,d%s%s%n",
                    hits,
                    lv.length() == 0 ? "" : " (" + lv + ")",
                    belowMinLevel > 0 ? String.format(Locale.ROOT, "; %,d below --min-level", belowMinLevel) : "");
            for (Map<String, Object> r : hitsByRule) {
                out.printf(Locale.ROOT, "  %6d  %s%n", (Long) r.get("hits"), r.get("title"));
            }
            if (store != null) {
                out.printf(Locale.ROOT, "Sightings: %,d new in %s%n", stored, store);
            }
        }
    }
}
