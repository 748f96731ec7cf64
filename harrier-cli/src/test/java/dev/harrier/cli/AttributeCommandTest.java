package dev.harrier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harrier.core.Json;
import dev.harrier.testkit.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code harrier attribute} and {@code harrier bench attribution} end to end on the sample intel. */
class AttributeCommandTest {
    @TempDir
    Path dir;

    private String caseDir;

    @BeforeEach
    void importSamples() {
        caseDir = dir.resolve("case").toString();
        Cli.run(
                "intel",
                "import",
                "--case",
                caseDir,
                SharedData.repoRoot().resolve("samples/intel").toString());
    }

    private static JsonNode parse(String s) {
        try {
            return Json.mapper().readTree(s);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void attributesTheSampleActorsOwnTechniquesToIt() {
        // the evidence is what the knowledge base says the sample actor does, read through 'intel show'
        JsonNode profile = parse(Cli.run("intel", "show", "--case", caseDir, "--json", "VELVET MONSOON")
                        .out())
                .path("profile");
        List<String> techniques = new ArrayList<>();
        for (JsonNode t : profile.path("techniques")) {
            if (!t.path("attackId").asText().isEmpty()) {
                techniques.add(t.path("attackId").asText());
            }
        }
        assertThat(techniques).isNotEmpty();
        Cli.Result r = Cli.run("attribute", "--case", caseDir, "--techniques", String.join(",", techniques), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode a = parse(r.out()).path("attribution");
        JsonNode top = a.path("candidates").get(0);
        assertThat(top.path("id").asText())
                .isEqualTo(profile.path("cluster").path("primary").path("id").asText());
        assertThat(top.path("supports").size()).isEqualTo(techniques.size());
        assertThat(top.path("supports").get(0).path("grade").isObject()
                        || top.path("supports").get(0).path("grade").isTextual())
                .isTrue();
        double sum = a.path("unknownProbability").asDouble();
        for (JsonNode c : a.path("candidates")) {
            sum += c.path("probability").asDouble();
        }
        assertThat(sum).isLessThanOrEqualTo(1.0 + 1e-9);
        assertThat(a.path("hypotheses").path("rows").size()).isEqualTo(techniques.size());

        Cli.Result text = Cli.run("attribute", "--case", caseDir, "--techniques", String.join(",", techniques));
        assertThat(text.out())
                .contains(top.path("name").asText())
                .contains("Competing hypotheses")
                .contains("unknown actor");
    }

    @Test
    void unknownTechniqueIdsAreReportedNotFatal() {
        Cli.Result r = Cli.run("attribute", "--case", caseDir, "--techniques", "T9999,bogus");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("unknown technique id T9999").contains("\"bogus\" is not an ATT&CK technique id");
        assertThat(r.out()).contains("Abstain").contains("no usable evidence");
    }

    @Test
    void noEvidenceOrCampaignIsAUsageError() {
        Cli.Result none = Cli.run("attribute", "--case", caseDir);
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("no evidence");
        // a case without sightings has no campaigns to attribute
        Cli.Result campaign = Cli.run("attribute", "--case", caseDir, "--campaign", "c1");
        assertThat(campaign.code()).isEqualTo(1);
        assertThat(campaign.out() + campaign.err()).contains("sightings");
    }

    @Test
    void emptyCaseAbstains() {
        Cli.Result r =
                Cli.run("attribute", "--case", dir.resolve("empty").toString(), "--techniques", "T1059.001", "--json");
        assertThat(r.code()).isEqualTo(1);
        JsonNode a = parse(r.out()).path("attribution");
        assertThat(a.path("abstain").asBoolean()).isTrue();
        assertThat(a.path("problems").toString()).contains("unknown technique id T1059.001");
    }

    @Test
    void benchRejectsBadArguments() {
        Cli.Result missing = Cli.run(
                "bench", "attribution", "--attack", dir.resolve("nope.json").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
        Cli.Result overlap = Cli.run(
                "bench",
                "attribution",
                "--attack",
                SharedData.repoRoot().resolve("pom.xml").toString(),
                "--seeds",
                "1,101");
        assertThat(overlap.code()).isEqualTo(2);
        assertThat(overlap.err()).contains("disjoint");
    }

    @Test
    void helpIsAvailable() {
        for (String[] cmd : new String[][] {{"attribute", "--help"}, {"bench", "attribution", "--help"}}) {
            Cli.Result r = Cli.run(cmd);
            assertThat(r.code()).isZero();
            assertThat(r.out()).contains("Usage: harrier " + cmd[0]);
        }
    }
}
