package dev.harrier.detect.sigma;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.testkit.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every active rule of the SigmaHQ repository snapshot under ../shared/data/sigma parses without error. */
class SigmaConformanceTest {
    /** Rules that are genuinely broken upstream, by file name, with the reason. Empty: none found. */
    private static final Map<String, String> KNOWN_BAD = Map.of();

    private static final List<String> DIRS =
            List.of("rules", "rules-emerging-threats", "rules-threat-hunting", "rules-placeholder");

    @Test
    void everyActiveRuleParses() throws IOException {
        Path root = SharedData.require("sigma/rules").getParent();
        SigmaParser parser = new SigmaParser();
        int files = 0;
        int loaded = 0;
        int correlations = 0;
        int filters = 0;
        List<String> failures = new ArrayList<>();
        List<String> known = new ArrayList<>();
        java.util.EnumSet<Modifier> modifiersSeen = java.util.EnumSet.noneOf(Modifier.class);
        int withTechniques = 0;
        for (String dir : DIRS) {
            Path d = root.resolve(dir);
            if (!Files.isDirectory(d)) {
                continue;
            }
            List<Path> paths;
            try (Stream<Path> s = Files.walk(d)) {
                paths = s.filter(p ->
                                p.toString().endsWith(".yml") || p.toString().endsWith(".yaml"))
                        .sorted()
                        .toList();
            }
            for (Path p : paths) {
                files++;
                ParseResult r = parser.parse(p);
                loaded += r.rules().size();
                for (SigmaRule rule : r.rules()) {
                    assertThat(rule.detection().conditions())
                            .as("conditions of %s", p)
                            .isNotEmpty();
                    for (SearchIdentifier sid : rule.detection().searches().values()) {
                        assertThat(sid.line())
                                .as("line of %s in %s", sid.name(), p)
                                .isPositive();
                        assertThat(sid.keywords().isEmpty() != sid.fieldMaps().isEmpty())
                                .as("%s in %s is either keywords or field maps", sid.name(), p)
                                .isTrue();
                        sid.fieldMaps()
                                .forEach(m -> m.forEach(f -> {
                                    modifiersSeen.addAll(f.modifiers());
                                    assertThat(f.line()).isGreaterThan(sid.line() - 1);
                                }));
                    }
                    if (!rule.attackTechniques().isEmpty()) {
                        withTechniques++;
                    }
                }
                correlations += r.correlations().size();
                filters += r.filters().size();
                if (!r.errors().isEmpty()) {
                    String name = p.getFileName().toString();
                    if (KNOWN_BAD.containsKey(name)) {
                        known.add(name + " (" + KNOWN_BAD.get(name) + ")");
                    } else {
                        r.errors().forEach(e -> failures.add(e.toString()));
                    }
                }
                if (r.errors().isEmpty()) {
                    assertThat(r.rules().size()
                                    + r.correlations().size()
                                    + r.filters().size())
                            .as("documents in %s", p)
                            .isPositive();
                }
            }
        }
        System.out.printf(
                "Sigma conformance: %d files, %d rules loaded, %d correlations, %d filters, %d failed, %d known bad%n",
                files, loaded, correlations, filters, failures.size(), known.size());
        failures.forEach(f -> System.out.println("  FAILED " + f));
        known.forEach(f -> System.out.println("  KNOWN BAD " + f));
        System.out.printf("  rules with ATT&CK techniques: %d; modifiers used: %s%n", withTechniques, modifiersSeen);
        assertThat(files).isGreaterThan(3000);
        assertThat(withTechniques).isGreaterThan(loaded / 2);
        assertThat(modifiersSeen)
                .contains(
                        Modifier.CONTAINS,
                        Modifier.ALL,
                        Modifier.RE,
                        Modifier.WINDASH,
                        Modifier.CIDR,
                        Modifier.EXPAND,
                        Modifier.FIELDREF,
                        Modifier.BASE64OFFSET,
                        Modifier.WIDE);
        assertThat(failures).isEmpty();
    }
}
