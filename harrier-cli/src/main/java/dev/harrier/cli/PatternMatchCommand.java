package dev.harrier.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harrier.core.Json;
import dev.harrier.core.Limits;
import dev.harrier.core.StixObject;
import dev.harrier.detect.pattern.CompiledPattern;
import dev.harrier.detect.pattern.EventPatternScan;
import dev.harrier.detect.pattern.MatchResult;
import dev.harrier.detect.pattern.PatternCompiler;
import dev.harrier.detect.pattern.PatternDialect;
import dev.harrier.detect.pattern.PatternException;
import dev.harrier.detect.pattern.PatternIndex;
import dev.harrier.detect.pattern.PatternMatcher;
import dev.harrier.detect.pattern.StixPatternParser;
import dev.harrier.telemetry.Event;
import dev.harrier.telemetry.EventSource;
import dev.harrier.telemetry.EventSources;
import dev.harrier.telemetry.ReadError;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code harrier pattern match}: matches patterns against the observed-data of a STIX bundle. */
@Command(
        name = "match",
        mixinStandardHelpOptions = true,
        description = {
            "Match STIX patterns against observed-data. PATTERNS is a text file with one pattern per line",
            "(blank lines and lines starting with # are skipped) or a STIX bundle whose indicators carry",
            "STIX patterns (each is parsed in its spec_version's dialect). OBSERVATIONS is a STIX bundle (or a",
            "JSON array of objects) with observed-data objects: STIX 2.0 with embedded objects, or STIX 2.1",
            "with object_refs and the SCOs they name. Or, with --logs, telemetry (Windows event JSON, Zeek,",
            "Suricata EVE; files or directories) whose events are mapped to observed-data and SCOs",
            "(network-traffic, domain-name, url, file, process, ...) and matched in batches of --batch events.",
            "Prints, per pattern, whether it matched and which observed-data objects (or events, as",
            "source:line) satisfied it. Exit code 0 when all patterns were valid, 1 otherwise."
        })
final class PatternMatchCommand implements Callable<Integer> {
    @Option(names = "--patterns", required = true, paramLabel = "FILE", description = "Patterns: text or bundle.")
    Path patterns;

    @CommandLine.ArgGroup(multiplicity = "1")
    Target target = new Target();

    static final class Target {
        @Option(names = "--observations", paramLabel = "FILE", description = "A STIX bundle.")
        @Nullable
        Path observations;

        @Option(
                names = "--logs",
                paramLabel = "PATH",
                arity = "1..*",
                description = "Telemetry files or directories, mapped to observed-data.")
        List<Path> logs = new ArrayList<>();
    }

    @Option(
            names = "--batch",
            paramLabel = "N",
            defaultValue = "10000",
            description = "With --logs: events matched together; patterns that combine observations"
                    + " (FOLLOWEDBY, REPEATS, ...) see one batch at a time (default: ${DEFAULT-VALUE}).")
    int batch = EventPatternScan.DEFAULT_BATCH;

    @Option(
            names = "--stix-version",
            paramLabel = "2.0|2.1",
            defaultValue = "2.1",
            description = "Dialect of the patterns of a text file (default: ${DEFAULT-VALUE}).")
    String stixVersion = "2.1";

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private record Input(String label, String pattern, PatternDialect dialect) {}

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PatternDialect dialect = PatternCheckCommand.dialect(spec, stixVersion);
        List<Input> inputs = readPatterns(patterns, dialect);
        PatternCompiler compiler = new PatternCompiler(new StixPatternParser(Limits.defaults()));
        List<CompiledPattern> compiled = new ArrayList<>();
        List<Map<String, Object>> invalid = new ArrayList<>();
        for (Input in : inputs) {
            try {
                compiled.add(compiler.compile(in.pattern(), in.dialect()).withId(in.label()));
            } catch (PatternException e) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("source", in.label());
                m.put("pattern", in.pattern());
                m.put("line", e.line());
                m.put("column", e.column());
                m.put("reason", e.reason());
                m.put("expected", e.expected());
                invalid.add(m);
                if (!json) {
                    PatternCheckCommand.printError(out, in.label(), e);
                }
            }
        }
        if (target.observations == null) {
            return matchLogs(out, compiled, invalid);
        }
        PatternMatcher matcher = PatternMatcher.of(readObjects(target.observations));
        if (!json) {
            for (String p : matcher.problems()) {
                out.println("observations: " + p);
            }
        }
        Map<CompiledPattern, MatchResult> hits = new HashMap<>();
        for (MatchResult r : PatternIndex.of(compiled).match(matcher)) {
            hits.put(r.pattern(), r);
        }
        List<Map<String, Object>> results = new ArrayList<>();
        int matched = 0;
        for (CompiledPattern p : compiled) {
            MatchResult r = hits.get(p);
            boolean ok = r != null && r.matched();
            matched += ok ? 1 : 0;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", p.id().orElse(""));
            m.put("pattern", p.text());
            m.put("matched", ok);
            m.put("observations", ok ? r.observationIds() : List.of());
            if (r != null && r.incomplete()) {
                m.put("incomplete", true);
            }
            results.add(m);
            if (!json) {
                String status =
                        ok ? "MATCH" : r != null && r.incomplete() ? "UNDECIDED (search budget spent)" : "no match";
                out.println(
                        p.id().orElse("") + ": " + status + (ok ? " " + String.join(", ", r.observationIds()) : ""));
                out.println("  " + p.text());
            }
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("patterns", compiled.size() + invalid.size());
            doc.put("valid", compiled.size());
            doc.put("matched", matched);
            doc.put("observedData", matcher.observationIds().size());
            doc.put("observationProblems", matcher.problems());
            doc.put("results", results);
            doc.put("invalid", invalid);
            JsonOutput.print(out, doc);
        } else {
            out.printf(
                    "%d patterns (%d invalid) against %d observed-data: %d matched%n",
                    compiled.size() + invalid.size(),
                    invalid.size(),
                    matcher.observationIds().size(),
                    matched);
        }
        return invalid.isEmpty() ? 0 : Main.PARTIAL;
    }

    private int matchLogs(PrintWriter out, List<CompiledPattern> compiled, List<Map<String, Object>> invalid)
            throws IOException {
        if (batch < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--batch must be at least 1");
        }
        Map<CompiledPattern, List<String>> events = new LinkedHashMap<>();
        EventPatternScan scan = new EventPatternScan(PatternIndex.of(compiled), batch);
        long read = 0;
        long observed = 0;
        long bad = 0;
        for (Path p : target.logs) {
            try (EventSource src = EventSources.open(p, Limits.defaults())) {
                EventPatternScan.Stats st = scan.run(src, hit -> {
                    List<String> refs = events.computeIfAbsent(hit.pattern(), k -> new ArrayList<>());
                    for (Event e : hit.events()) {
                        String ref = e.source() + ":" + e.line();
                        if (!refs.contains(ref)) {
                            refs.add(ref);
                        }
                    }
                });
                read += st.events();
                observed += st.observed();
                bad += src.stats().badRecords();
                if (!json) {
                    for (ReadError err : src.stats().errors()) {
                        out.println("logs: " + err);
                    }
                }
            }
        }
        List<Map<String, Object>> results = new ArrayList<>();
        int matched = 0;
        for (CompiledPattern p : compiled) {
            List<String> refs = events.getOrDefault(p, List.of());
            matched += refs.isEmpty() ? 0 : 1;
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", p.id().orElse(""));
            m.put("pattern", p.text());
            m.put("matched", !refs.isEmpty());
            m.put("events", refs);
            results.add(m);
            if (!json) {
                out.println(
                        p.id().orElse("") + ": " + (refs.isEmpty() ? "no match" : "MATCH " + String.join(", ", refs)));
                out.println("  " + p.text());
            }
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("patterns", compiled.size() + invalid.size());
            doc.put("valid", compiled.size());
            doc.put("matched", matched);
            doc.put("events", read);
            doc.put("eventsObserved", observed);
            doc.put("badRecords", bad);
            doc.put("results", results);
            doc.put("invalid", invalid);
            JsonOutput.print(out, doc);
        } else {
            out.printf(
                    "%d patterns (%d invalid) against %d events (%d with observables, %d bad records): %d matched%n",
                    compiled.size() + invalid.size(), invalid.size(), read, observed, bad, matched);
        }
        return invalid.isEmpty() ? 0 : Main.PARTIAL;
    }

    private static List<Input> readPatterns(Path file, PatternDialect dialect) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        String trimmed = text.strip();
        List<Input> out = new ArrayList<>();
        if (trimmed.startsWith("{") || trimmed.startsWith("[{")) {
            JsonNode root = Json.create(Limits.defaults()).readTree(trimmed);
            String bundleVersion = root.path("spec_version").asText("");
            for (JsonNode o : objects(root)) {
                if (!"indicator".equals(o.path("type").asText())
                        || !o.path("pattern").isTextual()) {
                    continue;
                }
                if (!o.path("pattern_type").asText("stix").equals("stix")) {
                    continue;
                }
                String v = o.path("spec_version").asText(bundleVersion.isEmpty() ? "2.0" : bundleVersion);
                out.add(new Input(
                        o.path("id").asText("indicator"),
                        o.get("pattern").textValue(),
                        PatternDialect.ofSpecVersion(v)));
            }
            return out;
        }
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (!l.isEmpty() && !l.startsWith("#")) {
                out.add(new Input(file.getFileName() + ":" + (i + 1), l, dialect));
            }
        }
        return out;
    }

    private static List<JsonNode> objects(JsonNode root) {
        List<JsonNode> out = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(out::add);
        } else if (root.path("objects").isArray()) {
            root.get("objects").forEach(out::add);
        } else if (root.isObject()) {
            out.add(root);
        }
        return out;
    }

    private static List<StixObject> readObjects(Path file) throws IOException {
        JsonNode root = Json.create(Limits.defaults()).readTree(file.toFile());
        List<StixObject> out = new ArrayList<>();
        for (JsonNode o : objects(root)) {
            if (o instanceof ObjectNode on) {
                out.add(StixObject.adopt(on));
            }
        }
        return out;
    }
}
