package dev.harrier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harrier.core.Json;
import dev.harrier.report.NavigatorLayers;
import dev.harrier.testkit.Golden;
import dev.harrier.testkit.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
    @TempDir
    Path tmp;

    @Test
    void navigatorLayersOfTheSampleCase() throws Exception {
        Path samples = SharedData.repoRoot().resolve("samples");
        Path caseDir = tmp.resolve("case");
        Cli.run("intel", "import", samples.resolve("intel").toString(), "--case", caseDir.toString());
        Cli.Result d = Cli.run(
                "detect",
                "--rules",
                samples.resolve("rules").toString(),
                "--logs",
                samples.resolve("logs").toString(),
                "--case",
                caseDir.toString());
        assertThat(d.code()).as(d.err()).isLessThanOrEqualTo(1);
        Path out = tmp.resolve("report");
        Cli.Result r =
                Cli.run("report", "--case", caseDir.toString(), "--out", out.toString(), "--actor", "velvet monsoon");
        assertThat(r.code()).as(r.err()).isZero();
        String caseLayer = Files.readString(out.resolve("navigator-case.json"));
        String cmp = Files.readString(out.resolve("navigator-vs-velvet-monsoon.json"));
        assertThat(NavigatorLayers.validate(Json.mapper().readTree(caseLayer))).isEmpty();
        JsonNode c = Json.mapper().readTree(cmp);
        assertThat(NavigatorLayers.validate(c)).isEmpty();
        boolean anyBoth = false;
        for (JsonNode t : c.get("techniques")) {
            anyBoth |= t.get("color").asText().equals(NavigatorLayers.BOTH);
        }
        assertThat(anyBoth)
                .as("the sample campaign shares techniques with its actor")
                .isTrue();
        Golden.assertMatches("report/navigator-case.json", caseLayer);
        Golden.assertMatches("report/navigator-vs-velvet-monsoon.json", cmp);
    }

    @Test
    void unknownActorAndUnsupportedFormatAreExplained() {
        Path caseDir = tmp.resolve("empty");
        Path out = tmp.resolve("out");
        Cli.Result r = Cli.run("report", "--case", caseDir.toString(), "--out", out.toString(), "--actor", "nobody");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("no sightings").contains("No single actor is 'nobody'");
        assertThat(Files.exists(out.resolve("navigator-case.json"))).isTrue();
        Cli.Result f = Cli.run("report", "--case", caseDir.toString(), "--out", out.toString(), "--format", "docx");
        assertThat(f.code()).isEqualTo(2);
        assertThat(f.err()).contains("Unsupported --format 'docx'");
    }
}
