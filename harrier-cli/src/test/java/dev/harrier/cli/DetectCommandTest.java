package dev.harrier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harrier.core.Json;
import dev.harrier.store.SightingQuery;
import dev.harrier.store.Store;
import dev.harrier.store.sql.SqlStores;
import dev.harrier.testkit.Golden;
import dev.harrier.testkit.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code harrier detect} and {@code harrier sigma} on the shipped samples and on broken input. */
class DetectCommandTest {
    @TempDir
    Path tmp;

    static Path samples() {
        return SharedData.repoRoot().resolve("samples");
    }

    static String normalize(String s, Path caseDir) {
        return s.replace(caseDir.toString(), "<case>")
                .replace(samples().toString(), "samples")
                .replaceAll("\\([0-9,]+ events/s\\)", "(N events/s)");
    }

    @Test
    void detectPrintsTimelineAndSummaryAndStoresSightings() throws Exception {
        Path caseDir = tmp.resolve("case");
        Cli.Result r = Cli.run(
                "detect",
                "--rules",
                samples().resolve("rules").toString(),
                "--logs",
                samples().resolve("logs").toString(),
                "--case",
                caseDir.toString());
        assertThat(r.code()).as("one malformed log line makes the exit code 1").isEqualTo(1);
        Golden.assertMatches("detect-samples.txt", normalize(r.out(), caseDir));
        try (Store store = SqlStores.open(caseDir)) {
            assertThat(store.countSightings(SightingQuery.all())).isEqualTo(10);
            assertThat(store.countSightings(SightingQuery.all().withTechnique("T1059.001")))
                    .isEqualTo(1);
            store.forEachSighting(
                    SightingQuery.all(), s -> assertThat(s.author()).isNotBlank());
        }
        Cli.Result again = Cli.run(
                "detect",
                "--rules",
                samples().resolve("rules").toString(),
                "--logs",
                samples().resolve("logs").toString(),
                "--case",
                caseDir.toString());
        assertThat(again.out()).contains("Sightings: 0 new in");
    }

    @Test
    void jsonOutputCarriesAuthorsTechniquesAndSummary() throws Exception {
        Cli.Result r = Cli.run(
                "detect",
                "--rules",
                samples().resolve("rules").toString(),
                "--logs",
                samples().resolve("logs").toString(),
                "--no-store",
                "--json");
        JsonNode doc = Json.mapper().readTree(r.out());
        assertThat(doc.path("hits")).hasSize(10);
        for (JsonNode h : doc.path("hits")) {
            assertThat(h.path("author").asText()).isEqualTo("Harrier sample rules (CC0)");
            assertThat(h.path("ruleId").asText()).isNotBlank();
        }
        assertThat(doc.path("summary").path("events").asLong()).isEqualTo(46);
        assertThat(doc.path("summary").path("badRecords").asLong()).isEqualTo(1);
        assertThat(doc.path("summary").path("readErrors").get(0).asText())
                .endsWith("ws-pl-014-sysmon.json:13: bad JSON: Unexpected character ('<' (code 60)):"
                        + " was expecting comma to separate Object entries");
        assertThat(doc.path("summary").path("hitsByLevel").path("critical").asLong())
                .isEqualTo(1);
    }

    @Test
    void minLevelAndCsv() throws Exception {
        Cli.Result r = Cli.run(
                "detect",
                "--rules",
                samples().resolve("rules").toString(),
                "--logs",
                samples().resolve("logs").toString(),
                "--no-store",
                "--min-level",
                "high",
                "--csv");
        List<String> lines = r.out().lines().toList();
        assertThat(lines.get(0)).isEqualTo("time,host,level,rule,rule_id,author,techniques,source,line,fields");
        assertThat(lines).hasSize(1 + 5);
        assertThat(lines.subList(1, lines.size())).allSatisfy(l -> assertThat(l).containsAnyOf(",high,", ",critical,"));
        assertThat(r.err()).contains("5 below --min-level");
        Cli.Result bad = Cli.run("detect", "--rules", "x", "--logs", "y", "--min-level", "severe");
        assertThat(bad.code()).isEqualTo(2);
        assertThat(bad.err()).contains("unknown level 'severe'");
    }

    @Test
    void badRulesAreListedAndTheRestRun() throws Exception {
        Path rules = tmp.resolve("rules");
        Files.createDirectories(rules);
        Files.copy(samples().resolve("rules/c2_connection_paper_lantern.yml"), rules.resolve("good.yml"));
        Files.writeString(rules.resolve("bad-regex.yml"), """
                title: Bad regex
                logsource: {category: process_creation, product: windows}
                detection:
                    sel:
                        CommandLine|re: 'a(b'
                    condition: sel
                """);
        Files.writeString(rules.resolve("bad-yaml.yml"), "title: x\ndetection: [unclosed\n");
        Files.writeString(rules.resolve("bad-modifier.yml"), """
                title: Unknown modifier
                logsource: {category: process_creation, product: windows}
                detection:
                    sel:
                        CommandLine|containz: 'x'
                    condition: sel
                """);
        Cli.Result check = Cli.run("sigma", "check", rules.toString());
        assertThat(check.code()).isEqualTo(1);
        assertThat(check.out())
                .contains(rules.resolve("bad-regex.yml") + ":5: 'CommandLine|re': invalid regular expression")
                .contains(rules.resolve("bad-yaml.yml") + ":")
                .contains(rules.resolve("bad-modifier.yml") + ":5:")
                .contains("4 files: 1 rules, 0 correlations, 0 filters loaded; 3 failed");
        Cli.Result run = Cli.run(
                "detect",
                "--rules",
                rules.toString(),
                "--logs",
                samples().resolve("logs").toString(),
                "--no-store");
        assertThat(run.out()).contains("rule rejected: " + rules.resolve("bad-regex.yml") + ":5:");
        assertThat(run.out()).contains("Connection to Operation Paper Lantern Infrastructure");
        Cli.Result ok = Cli.run("sigma", "check", samples().resolve("rules").toString(), "--json");
        assertThat(ok.code()).isZero();
        JsonNode doc = Json.mapper().readTree(ok.out());
        assertThat(doc.path("rules").asInt()).isEqualTo(8);
        assertThat(doc.path("correlations").asInt()).isEqualTo(2);
        assertThat(doc.path("filters").asInt()).isEqualTo(1);
    }

    @Test
    void conformanceOnAMiniatureCheckout() throws Exception {
        Path root = tmp.resolve("sigma");
        Files.createDirectories(root.resolve("rules/windows"));
        Files.copy(
                samples().resolve("rules/rundll32_programdata_dll.yml"),
                root.resolve("rules/windows/rundll32_programdata_dll.yml"));
        Path reg = root.resolve("regression_data/rules/windows/rundll32");
        Files.createDirectories(reg);
        String events = Files.readAllLines(samples().resolve("logs/ws-pl-014-sysmon.json"))
                        .get(5) + "\n";
        Files.writeString(reg.resolve("3d9f6b21.json"), events);
        Files.writeString(reg.resolve("info.yml"), """
                id: 00000000-0000-0000-0000-000000000001
                rule_metadata:
                    - id: 3d9f6b21-0c5a-4f7e-8a41-6be2f0c4d902
                      title: Rundll32 Loads a DLL From ProgramData by Export Name
                regression_tests_info:
                    - name: Positive Detection Test
                      type: evtx
                      match_count: 1
                      path: regression_data/rules/windows/rundll32/3d9f6b21.evtx
                    - name: Wrong count
                      type: evtx
                      match_count: 2
                      path: regression_data/rules/windows/rundll32/3d9f6b21.evtx
                """);
        Cli.Result r = Cli.run("sigma", "conformance", "--data", root.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("Rules: 1 files, 1 rules loaded, 0 failed");
        assertThat(r.out()).contains("expected 2 hits, got 1");
        assertThat(r.out()).endsWith("Regression: 1 passed, 1 failed\n");
        Cli.Result json = Cli.run("sigma", "conformance", "--data", root.toString(), "--json");
        JsonNode doc = Json.mapper().readTree(json.out());
        assertThat(doc.path("cases")).hasSize(2);
        assertThat(doc.path("cases").get(0).path("passed").asBoolean()).isTrue();
    }
}
