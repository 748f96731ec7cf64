package dev.harrier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harrier.core.Json;
import dev.harrier.testkit.SharedData;
import dev.harrier.testkit.StixSchemaValidator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code harrier demo} runs the whole flow on the shipped samples and says where its output is. */
class DemoTest {
    @TempDir
    Path dir;

    @Test
    void demoRunsEndToEndAndWritesValidExports() throws Exception {
        Path caseDir = dir.resolve("demo");
        String samples = SharedData.repoRoot().resolve("samples").toString();
        Cli.Result r = Cli.run("demo", "--case", caseDir.toString(), "--samples", samples);
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out())
                .contains("== 2. Re-import")
                .contains("0 new, 0 updated")
                .contains("VELVET MONSOON")
                .contains("resolution: CONFLICT, 2 candidates")
                .contains("Done. Case: " + caseDir.toAbsolutePath());
        for (String level : new String[] {"clear", "green", "amber"}) {
            assertThat(caseDir.resolve("exports/intel-" + level + ".json")).isRegularFile();
        }
        // a second run starts from a fresh case and gives the same narrative
        Cli.Result again = Cli.run("demo", "--case", caseDir.toString(), "--samples", samples);
        assertThat(again.out()).isEqualTo(r.out());

        Cli.Result json = Cli.run("demo", "--case", caseDir.toString(), "--samples", samples, "--json");
        JsonNode doc = Json.mapper().readTree(json.out());
        assertThat(doc.path("reimport").path("added").asLong()).isZero();
        assertThat(doc.path("conflict").asText()).isEqualTo("CONFLICT");
    }

    @Test
    void demoExportsValidateAgainstTheStixSchemas() throws Exception {
        StixSchemaValidator validator = StixSchemaValidator.fromSharedData();
        Path caseDir = dir.resolve("demo");
        Cli.run(
                "demo",
                "--case",
                caseDir.toString(),
                "--samples",
                SharedData.repoRoot().resolve("samples").toString());
        JsonNode amber = Json.mapper().readTree(Files.readString(caseDir.resolve("exports/intel-amber.json")));
        assertThat(validator.validateBundle(amber)).isEmpty();
    }

    @Test
    void refusesToWipeADirectoryThatIsNotACase() throws Exception {
        Path notACase = dir.resolve("important");
        Files.createDirectories(notACase);
        Files.writeString(notACase.resolve("notes.txt"), "keep me");
        Cli.Result r = Cli.run(
                "demo",
                "--case",
                notACase.toString(),
                "--samples",
                SharedData.repoRoot().resolve("samples").toString());
        assertThat(r.code()).isEqualTo(3);
        assertThat(r.err()).contains("is not a Harrier case");
        assertThat(notACase.resolve("notes.txt")).hasContent("keep me");
    }
}
