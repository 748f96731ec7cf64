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
import dev.harrier.detect.sigma.SigmaRules;
import dev.harrier.store.Sighting;
import dev.harrier.store.Store;
import dev.harrier.telemetry.TelemetryArchive;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code harrier hunt}: a retro-hunt. Re-scans the case's archived telemetry with the case's current indicators (and
 * optionally Sigma rules) and keeps only the sightings not stored before.
 */
@Command(
        name = "hunt",
        mixinStandardHelpOptions = true,
        description = {
            "Retro-hunt: re-scan archived telemetry with the case's current intel.",
            "Reads the case's archive (written by 'detect --archive') and matches the case's current indicators",
            "and, with --rules, Sigma rules. Sightings already in the case are not added again,",
            "so running it twice adds nothing; the timeline shows the new sightings only. With --db, give --case",
            "DIR for the archive."
        })
final class HuntCommand implements Callable<Integer> {
    @Mixin
    CaseOptions caseOptions = new CaseOptions();

    @Mixin
    RuleOptions ruleOptions = new RuleOptions();

    @Option(
            names = "--since",
            paramLabel = "TIME",
            description = "Only events at or after TIME (2026-03-02T09:40:00Z, 2026-03-02T09:40 or 2026-03-02; UTC).")
    @Nullable
    String since;

    @Option(names = "--until", paramLabel = "TIME", description = "Only events before TIME (same forms as --since).")
    @Nullable
    String until;

    @Option(
            names = "--host",
            arity = "1..*",
            paramLabel = "HOST",
            description = "Only events of these hosts (case-insensitive; for network logs the sensor).")
    List<String> hosts = new ArrayList<>();

    @Option(names = "--no-iocs", description = "Do not match the case's indicators (then give --rules).")
    boolean noIocs;

    @Option(
            names = "--min-level",
            paramLabel = "LEVEL",
            defaultValue = "informational",
            description = "Lowest rule level reported (default: ${DEFAULT-VALUE}).")
    String minLevel = "informational";

    @Option(names = "--json", description = "Print the new hits and the summary as one JSON document.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        PrintWriter out = cl.getOut();
        PrintWriter err = cl.getErr();
        if (ruleOptions.rules.isEmpty() && noIocs) {
            throw new CommandLine.ParameterException(cl, "nothing to hunt with: give --rules or drop --no-iocs");
        }
        int level;
        try {
            level = Levels.parse(minLevel);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
        Instant from = time(cl, "--since", since);
        Instant to = time(cl, "--until", until);
        TelemetryArchive archive = TelemetryArchive.ofCase(caseOptions.filesDir(cl, "hunt"), Limits.defaults());
        if (!archive.exists()) {
            throw new CommandLine.ParameterException(
                    cl,
                    "no archived telemetry in " + archive.dir() + " (archive logs with 'harrier detect --archive')");
        }
        PrintWriter diag = json ? err : out;
        SigmaRules.Loaded loaded;
        try (ProgressBar bar = new ProgressBar(err, !json, "rule files", "loading rules")) {
            loaded = ruleOptions.loader().load(ruleOptions.rules, bar::update);
        }
        for (var e : loaded.errors()) {
            diag.println("rule rejected: " + e);
        }
        CompiledRuleSet set = loaded.ruleSet();
        try (Store store = caseOptions.open()) {
            IocIndex index = null;
            PatternIndicators.Built patterns = null;
            if (!noIocs) {
                IocIndexes.Built built = IocIndexes.fromStore(store);
                patterns = PatternIndicators.fromStore(store);
                for (String r : patterns.rejected()) {
                    (json ? err : out).println("pattern rejected: " + r);
                }
                index = built.index();
                diag.printf(
                        Locale.ROOT,
                        "Indicators: %,d in %s, %,d observables indexed, %,d with patterns left to the STIX pattern"
                                + " matcher%n",
                        built.report().indicators(),
                        store.describe(),
                        built.report().entries(),
                        built.report().complex());
            }
            DetectionPipeline pipeline = new DetectionPipeline(set, index, level);
            if (patterns != null) {
                pipeline.withPatterns(patterns, EventPatternScan.DEFAULT_BATCH);
            }
            Timeline timeline = new Timeline(out, json ? Timeline.Mode.JSON : Timeline.Mode.TEXT);
            long[] counts = new long[3]; // new hits, new sightings, known sightings
            DetectionStats stats;
            int selected;
            int skipped;
            try (TelemetryArchive.Scan scan = archive.open(from, to, Set.copyOf(hosts));
                    ProgressBar bar = new ProgressBar(err, !json, "events", "re-scanning " + archive.dir())) {
                selected = scan.segmentsSelected();
                skipped = scan.segmentsSkipped();
                stats = pipeline.run(
                        scan,
                        hit -> {
                            List<Sighting> s = hit.toSightings();
                            int added = store.addSightings(s);
                            counts[1] += added;
                            counts[2] += s.size() - added;
                            if (added > 0) {
                                counts[0]++;
                                timeline.add(hit);
                            }
                        },
                        bar::update);
            }
            Map<String, Object> summary = new LinkedHashMap<>();
            summary.put("archive", archive.dir().toAbsolutePath().toString());
            summary.put("since", from == null ? null : from.toString());
            summary.put("until", to == null ? null : to.toString());
            summary.put("hosts", hosts);
            summary.put("segmentsRead", selected);
            summary.put("segmentsSkipped", skipped);
            summary.put("events", stats.events());
            summary.put("badRecords", stats.badRecords());
            summary.put("hits", stats.hits());
            summary.put("newHits", counts[0]);
            summary.put("newSightings", counts[1]);
            summary.put("knownSightings", counts[2]);
            summary.put("store", store.describe());
            summary.put(
                    "readErrors",
                    stats.readErrors().stream().map(Object::toString).toList());
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("summary", summary);
                doc.put("hits", timeline.hits());
                JsonOutput.print(out, doc);
            } else {
                out.println();
                out.printf(
                        Locale.ROOT,
                        "Archive: %,d segments read, %,d skipped by the index (%s)%n",
                        selected,
                        skipped,
                        describeFilter(from, to));
                out.printf(
                        Locale.ROOT,
                        "Events: %,d re-scanned, %,d malformed skipped%n",
                        stats.events(),
                        stats.badRecords());
                for (var e : stats.readErrors()) {
                    out.println("  problem: " + e);
                }
                out.printf(
                        Locale.ROOT,
                        "Hits: %,d; sightings: %,d new, %,d already known in %s%n",
                        stats.hits(),
                        counts[1],
                        counts[2],
                        store.describe());
            }
            timeline.finish();
            boolean clean = loaded.errors().isEmpty()
                    && stats.badRecords() == 0
                    && stats.readErrors().isEmpty();
            return clean ? 0 : Main.PARTIAL;
        }
    }

    private String describeFilter(@Nullable Instant from, @Nullable Instant to) {
        List<String> parts = new ArrayList<>();
        if (from != null) {
            parts.add("since " + from);
        }
        if (to != null) {
            parts.add("until " + to);
        }
        if (!hosts.isEmpty()) {
            parts.add("hosts " + String.join(", ", hosts));
        }
        return parts.isEmpty() ? "no filter" : String.join(", ", parts);
    }

    /** Parses an instant, an offset date-time, a UTC local date-time or a UTC date (its start). */
    static @Nullable Instant time(CommandLine cl, String option, @Nullable String text) {
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            // try the other forms
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            // try the other forms
        }
        try {
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            // try the other forms
        }
        try {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(
                    cl, option + ": '" + text + "' is not a time (2026-03-02T09:40:00Z, 2026-03-02T09:40, 2026-03-02)");
        }
    }
}
