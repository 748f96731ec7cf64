package dev.harrier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harrier.core.Json;
import dev.harrier.testkit.Golden;
import dev.harrier.testkit.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The intel commands end to end on the sample data, with golden files for their text output. */
class IntelCommandsTest {
    @TempDir
    Path dir;

    private String caseDir;
    private Cli.Result imported;

    @BeforeEach
    void importSamples() {
        caseDir = dir.resolve("case").toString();
        imported = Cli.run(
                "intel",
                "import",
                "--case",
                caseDir,
                SharedData.repoRoot().resolve("samples/intel").toString());
    }

    private String normalize(String s) {
        return s.replace(SharedData.repoRoot().resolve("samples/intel").toString(), "<samples>")
                .replace(dir.toString(), "<tmp>");
    }

    @Test
    void importPrintsAPerFileSummary() {
        // one CSV line is rejected, so the exit code says "partial"
        assertThat(imported.code()).as(imported.err()).isEqualTo(1);
        Golden.assertMatches("intel-import.txt", normalize(imported.out()));
        Cli.Result again = Cli.run(
                "intel",
                "import",
                "--case",
                caseDir,
                "--force",
                "--json",
                SharedData.repoRoot().resolve("samples/intel").toString());
        JsonNode doc = parse(again.out());
        for (JsonNode f : doc.path("files")) {
            assertThat(f.path("counts").path("added").size())
                    .as(f.path("file").asText())
                    .isZero();
            assertThat(f.path("counts").path("updated").size())
                    .as(f.path("file").asText())
                    .isZero();
        }
        Cli.Result skipped = Cli.run(
                "intel",
                "import",
                "--case",
                caseDir,
                SharedData.repoRoot()
                        .resolve("samples/intel/04-threat-actor-galaxy.json")
                        .toString());
        assertThat(skipped.code()).isZero();
        assertThat(skipped.out()).contains("skipped: identical content was imported before");
    }

    @Test
    void statsTextAndJson() {
        Cli.Result text = Cli.run("intel", "stats", "--case", caseDir);
        assertThat(text.code()).isZero();
        Golden.assertMatches("intel-stats.txt", text.out());
        JsonNode json =
                parse(Cli.run("intel", "stats", "--case", caseDir, "--json").out());
        // the sample lab's actor, the two galaxy actors, and the actor the MISP event names
        assertThat(json.path("total").path("intrusion-set").asLong()).isEqualTo(4);
        assertThat(json.path("relationships").path("uses").asLong()).isGreaterThanOrEqualTo(10);
    }

    @Test
    void showResolvesAnAliasAndPrintsTheProfile() {
        Cli.Result r = Cli.run("intel", "show", "--case", caseDir, "ink", "heron");
        assertThat(r.code()).isZero();
        Golden.assertMatches("intel-show-ink-heron.txt", r.out());
        JsonNode json = parse(Cli.run("intel", "show", "--case", caseDir, "--json", "APT-X-99")
                .out());
        assertThat(json.path("resolution").asText()).isEqualTo("actor");
        assertThat(json.path("profile").path("techniques").size()).isEqualTo(8);
    }

    @Test
    void showReportsConflictsAndMisses() {
        Cli.Result conflict = Cli.run("intel", "show", "--case", caseDir, "Paper Crane");
        assertThat(conflict.code()).isZero();
        assertThat(conflict.out())
                .contains("alias of 2 actors")
                .contains("GRANITE OWL")
                .contains("VELVET MONSOON");
        Cli.Result none = Cli.run("intel", "show", "--case", caseDir, "monsoo");
        assertThat(none.code()).isEqualTo(1);
        assertThat(none.out()).contains("Did you mean: ").contains("VELVET MONSOON");
    }

    @Test
    void exportWritesABundleUnderTheMarkingCeiling() throws Exception {
        Path out = dir.resolve("green.json");
        Cli.Result r = Cli.run(
                "intel", "export", "--case", caseDir, "--json", "--max-marking", "tlp:green", "-o", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode b = Json.mapper().readTree(Files.readString(out));
        assertThat(b.path("type").asText()).isEqualTo("bundle");
        assertThat(b.path("objects").toString())
                .doesNotContain("InkDrop C2 URL")
                .contains("update-lantern.example");
        assertThat(r.err()).contains("withheld above TLP:GREEN");
    }

    private static JsonNode parse(String s) {
        try {
            return Json.mapper().readTree(s);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + s, e);
        }
    }
}
