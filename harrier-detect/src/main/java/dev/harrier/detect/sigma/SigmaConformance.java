package dev.harrier.detect.sigma;

import dev.harrier.core.Limits;
import dev.harrier.telemetry.Event;
import dev.harrier.telemetry.EventSource;
import dev.harrier.telemetry.EventSources;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Checks the engine against a SigmaHQ repository checkout: (1) every rule under the {@code rules*} directories loads
 * and compiles; (2) for each {@code regression_data/**}{@code /info.yml}, the rule it names, run on its JSON events,
 * hits as many events as {@code match_count} says (at least one when absent).
 *
 * <p>Placeholders ({@code %name%} with {@code expand}) have no values in a repository checkout: they are compiled as
 * wildcards (pySigma's {@code wildcard_placeholders}) and the rules that needed it are counted. Rules under
 * {@code rules-placeholder} are such templates and are reported separately.
 */
public final class SigmaConformance {
    /** The rule directories of a SigmaHQ checkout that hold active rules. */
    public static final List<String> RULE_DIRS = List.of("rules", "rules-emerging-threats", "rules-threat-hunting");

    /** The directory of placeholder templates. */
    public static final String PLACEHOLDER_DIR = "rules-placeholder";

    /** One regression test. */
    public record Case(
            String info,
            String ruleId,
            String ruleTitle,
            String events,
            int expected,
            int actual,
            boolean passed,
            String reason) {}

    /** The whole run. */
    public record Report(
            int ruleFiles,
            int rulesLoaded,
            int correlations,
            int filters,
            int placeholderFiles,
            int placeholderRulesLoaded,
            int activeRulesWithPlaceholders,
            List<String> loadFailures,
            List<Case> cases) {
        public Report {
            loadFailures = List.copyOf(loadFailures);
            cases = List.copyOf(cases);
        }

        /** Regression cases that passed. */
        public long passed() {
            return cases.stream().filter(Case::passed).count();
        }

        /** Regression cases that failed. */
        public long failed() {
            return cases.size() - passed();
        }
    }

    private final Limits limits;

    /** A run with default limits. */
    public SigmaConformance() {
        this(Limits.defaults());
    }

    /** A run with the given limits. */
    public SigmaConformance(Limits limits) {
        this.limits = limits;
    }

    /**
     * Runs both checks on the SigmaHQ checkout at {@code root}.
     *
     * @param progress receives a line per phase
     */
    public Report run(Path root, Consumer<String> progress) throws IOException {
        List<Path> dirs = new ArrayList<>();
        for (String d : RULE_DIRS) {
            if (Files.isDirectory(root.resolve(d))) {
                dirs.add(root.resolve(d));
            }
        }
        if (dirs.isEmpty()) {
            throw new java.nio.file.NoSuchFileException(root + "/rules (not a SigmaHQ checkout)");
        }
        progress.accept("loading rules from " + dirs.size() + " directories");
        SigmaParser parser = new SigmaParser(limits);
        SigmaRules.Loaded main = new SigmaRules(
                        parser,
                        new SigmaCompiler(
                                LogSourceMap.windowsDefault(),
                                Placeholders.of(Map.of(), Placeholders.Unresolved.WILDCARD),
                                false))
                .load(dirs, n -> {});
        List<String> failures = new ArrayList<>();
        main.errors().forEach(e -> failures.add(e.toString()));
        int correlations = main.ruleSet().correlations().size();

        int mainWildcards = main.ruleSet().wildcardPlaceholders().size();
        int phFiles = 0;
        int phLoaded = 0;
        Path ph = root.resolve(PLACEHOLDER_DIR);
        if (Files.isDirectory(ph)) {
            SigmaRules.Loaded p = new SigmaRules(
                            parser,
                            new SigmaCompiler(
                                    LogSourceMap.windowsDefault(),
                                    Placeholders.of(Map.of(), Placeholders.Unresolved.WILDCARD),
                                    false))
                    .load(List.of(ph), n -> {});
            phFiles = p.files();
            phLoaded = p.ruleSet().rules().size();
            p.errors().forEach(e -> failures.add(e.toString()));
        }

        List<Case> cases = new ArrayList<>();
        Path reg = root.resolve("regression_data");
        if (Files.isDirectory(reg)) {
            List<Path> infos;
            try (Stream<Path> s = Files.walk(reg)) {
                infos = s.filter(f -> f.getFileName().toString().equals("info.yml"))
                        .sorted()
                        .toList();
            }
            progress.accept("running " + infos.size() + " regression tests");
            for (Path info : infos) {
                cases.addAll(regression(root, info, main.ruleSet()));
            }
        }
        return new Report(
                main.files(),
                main.ruleSet().rules().size(),
                correlations,
                countFilters(main),
                phFiles,
                phLoaded,
                mainWildcards,
                failures,
                cases);
    }

    private static int countFilters(SigmaRules.Loaded loaded) {
        return loaded.ruleSet().filterCount();
    }

    private List<Case> regression(Path root, Path info, CompiledRuleSet set) {
        String infoName = root.relativize(info).toString();
        Object doc;
        try {
            doc = new Load(LoadSettings.builder().setLabel(infoName).build())
                    .loadFromString(Files.readString(info, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            return List.of(new Case(infoName, "", "", "", 0, 0, false, "cannot read: " + e.getMessage()));
        }
        if (!(doc instanceof Map<?, ?> m)) {
            return List.of(new Case(infoName, "", "", "", 0, 0, false, "not a mapping"));
        }
        String ruleId = "";
        String title = "";
        if (m.get("rule_metadata") instanceof List<?> meta && !meta.isEmpty() && meta.get(0) instanceof Map<?, ?> rm) {
            ruleId = String.valueOf(rm.get("id"));
            title = String.valueOf(rm.get("title"));
        }
        List<Case> out = new ArrayList<>();
        if (!(m.get("regression_tests_info") instanceof List<?> tests)) {
            return List.of(); // an info.yml whose tests are commented out holds no test
        }
        for (Object t : tests) {
            if (!(t instanceof Map<?, ?> tm) || tm.get("path") == null) {
                out.add(new Case(infoName, ruleId, title, "", 0, 0, false, "test without path"));
                continue;
            }
            String path = String.valueOf(tm.get("path"));
            Path events = root.resolve(path.replaceAll("\\.evtx$", ".json"));
            int expected = tm.get("match_count") instanceof Number n ? n.intValue() : -1;
            CompiledRule rule = set.rule(ruleId).orElse(null);
            if (rule == null) {
                out.add(new Case(infoName, ruleId, title, path, expected, 0, false, "rule " + ruleId + " not loaded"));
                continue;
            }
            if (!Files.isRegularFile(events)) {
                out.add(new Case(infoName, ruleId, title, path, expected, 0, false, "no JSON events at " + events));
                continue;
            }
            int actual;
            try {
                actual = count(set, rule, events);
            } catch (IOException e) {
                out.add(new Case(infoName, ruleId, title, path, expected, 0, false, "cannot read events: " + e));
                continue;
            }
            boolean passed = expected < 0 ? actual >= 1 : actual == expected;
            String reason = passed
                    ? ""
                    : "expected " + (expected < 0 ? "at least 1" : Integer.toString(expected)) + " hits, got " + actual;
            out.add(new Case(infoName, ruleId, title, path, expected, actual, passed, reason));
        }
        return out;
    }

    private int count(CompiledRuleSet set, CompiledRule rule, Path events) throws IOException {
        Detector d = set.newDetector();
        int hits = 0;
        try (EventSource src = EventSources.open(events, limits)) {
            for (Event e = src.next(); e != null; e = src.next()) {
                for (RuleMatch m : d.detect(e)) {
                    if (m.rule() == rule) {
                        hits++;
                    }
                }
            }
        }
        return hits;
    }
}
