package dev.harrier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harrier.core.Json;
import dev.harrier.testkit.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code harrier assets import}, {@code harrier campaigns} and {@code harrier scope} on the sample case. */
class CampaignCommandsTest {
    @TempDir
    Path tmp;

    static Path samples() {
        return SharedData.repoRoot().resolve("samples");
    }

    @Test
    void assetsImportIsIdempotentAndReportsMalformedRows() throws Exception {
        String caseDir = tmp.resolve("case").toString();
        Path csv = samples().resolve("assets.csv");
        Cli.Result first = Cli.run("assets", "import", "--case", caseDir, csv.toString());
        assertThat(first.code()).as(first.out() + first.err()).isZero();
        assertThat(first.out()).contains("Assets: 7 read", "0 rows rejected", "objects 10 added");
        Cli.Result again = Cli.run("assets", "import", "--case", caseDir, csv.toString(), "--json");
        assertThat(again.code()).isZero();
        JsonNode doc = Json.mapper().readTree(again.out());
        assertThat(doc.path("added").asInt()).isZero();
        assertThat(doc.path("updated").asInt()).isZero();
        assertThat(doc.path("unchanged").asInt()).isEqualTo(10);

        Path bad = tmp.resolve("bad.csv");
        Files.writeString(bad, """
                host,ip ranges,organisation,sector,country,region
                ok.example,,Org,energy,DE,
                bad.example,10.0.0.999,Org,energy,DE,
                worse.example,,Org,energy,Germany,
                """);
        Cli.Result partial = Cli.run("assets", "import", "--case", caseDir, bad.toString());
        assertThat(partial.code()).isEqualTo(1);
        assertThat(partial.out())
                .contains(bad + ":3: ip ranges: '10.0.0.999' is not an address or CIDR range")
                .contains(bad + ":4: country: 'GERMANY' is not an ISO 3166 alpha-2 code")
                .contains("Assets: 1 read");

        Cli.Result missing = Cli.run(
                "assets", "import", "--case", caseDir, tmp.resolve("nope.csv").toString());
        assertThat(missing.code()).isEqualTo(2);
        assertThat(missing.err()).contains("no such file");
    }

    @Test
    void emptyCaseSaysNoSightings() {
        String caseDir = tmp.resolve("empty").toString();
        Cli.Result campaigns = Cli.run("campaigns", "--case", caseDir);
        assertThat(campaigns.code()).isEqualTo(1);
        assertThat(campaigns.err()).contains("no sightings");
        Cli.Result scope = Cli.run("scope", "--case", caseDir, "--json");
        assertThat(scope.code()).isEqualTo(1);
        assertThat(scope.err()).contains("no sightings");
        assertThat(Cli.run("scope", "--case", caseDir, "--gap", "soon").err()).contains("is not a duration");
        assertThat(Cli.run(
                                "scope",
                                "--case",
                                caseDir,
                                "--geoip",
                                tmp.resolve("none.mmdb").toString())
                        .err())
                .contains("--geoip")
                .contains("no such file");
    }

    @Test
    void sampleCaseFormsOneCampaignAgainstThePortAuthority() throws Exception {
        String caseDir = tmp.resolve("case").toString();
        assertThat(Cli.run("intel", "import", samples().resolve("intel").toString(), "--case", caseDir)
                        .code())
                .isEqualTo(1); // 05-iocs.csv has one line that cannot be typed
        Cli.Result detect = Cli.run(
                "detect",
                "--iocs",
                "--rules",
                samples().resolve("rules").toString(),
                "--logs",
                samples().resolve("logs").toString(),
                "--case",
                caseDir);
        assertThat(detect.code()).as(detect.out() + detect.err()).isEqualTo(1); // the broken Windows line
        assertThat(Cli.run(
                                "assets",
                                "import",
                                "--case",
                                caseDir,
                                samples().resolve("assets.csv").toString())
                        .code())
                .isZero();

        Cli.Result campaigns = Cli.run("campaigns", "--case", caseDir, "--json");
        assertThat(campaigns.code()).as(campaigns.err()).isZero();
        JsonNode doc = Json.mapper().readTree(campaigns.out());
        JsonNode main = doc.path("campaigns").get(0);
        assertThat(main.path("victims")).extracting(JsonNode::asText).containsExactly("Pomeranian Port Authority");
        List<String> kinds = new ArrayList<>();
        main.path("links").forEach(l -> kinds.add(l.path("kind").asText()));
        assertThat(kinds).contains("indicator", "infrastructure");
        String id = main.path("id").asText();
        assertThat(id).startsWith("camp-");

        // the campaign's evidence attributes it to the sample intel's actor
        Cli.Result attr = Cli.run("attribute", "--case", caseDir, "--campaign", id, "--json");
        // exit 1: the sample rules tag techniques the small sample knowledge base does not hold, and indicators
        // are not scored yet; both are reported as problems
        assertThat(attr.code()).as(attr.err()).isEqualTo(1);
        JsonNode a = Json.mapper().readTree(attr.out()).path("attribution");
        assertThat(a.path("problems").toString()).contains("not scored");
        assertThat(a.path("abstain").asBoolean()).isFalse();
        assertThat(a.path("candidates").get(0).path("name").asText()).isEqualTo("VELVET MONSOON");
        assertThat(a.path("evidence").path("countries"))
                .extracting(JsonNode::asText)
                .containsExactly("PL");
        assertThat(attr.err()).contains("Evidence from campaign " + id);
        Cli.Result mixed = Cli.run("attribute", "--case", caseDir, "--campaign", id, "--techniques", "T1105");
        assertThat(mixed.code()).isEqualTo(2);
        // the clock of the campaign only: one morning of activity is too little to fit an offset, and it says so
        Cli.Result clock = Cli.run("clock", "--case", caseDir, "--campaign", id);
        assertThat(clock.out() + clock.err()).contains("campaign " + id).contains("too little activity");
        Cli.Result noSuch = Cli.run("clock", "--case", caseDir, "--campaign", "camp-nope");
        assertThat(noSuch.code()).isEqualTo(2);

        Cli.Result text = Cli.run("campaigns", "--case", caseDir);
        assertThat(text.out())
                .contains(id, "victims: Pomeranian Port Authority", "indicator domain update-lantern.example");

        Cli.Result scope = Cli.run("scope", "--case", caseDir, "--campaign", id.substring(0, 9), "--json");
        assertThat(scope.code()).as(scope.err()).isZero();
        JsonNode s = Json.mapper().readTree(scope.out());
        assertThat(s.path("campaign").asText()).isEqualTo(id);
        assertThat(s.path("victims").get(0).path("name").asText()).isEqualTo("Pomeranian Port Authority");
        assertThat(s.path("victims").get(0).path("countries").get(0).asText()).isEqualTo("PL");
        assertThat(s.path("byCountry").get(0).path("key").asText()).isEqualTo("PL");
        assertThat(s.path("bySector").get(0).path("key").asText()).isEqualTo("transportation");
        assertThat(s.path("perYear").get(0).path("year").asInt()).isEqualTo(2026);
        List<String> infra = new ArrayList<>();
        s.path("infrastructure").forEach(i -> infra.add(i.path("value").asText()));
        assertThat(infra).contains("203.0.113.45", "update-lantern.example", "198.51.100.23");
        assertThat(infra).noneMatch(v -> v.startsWith("10.") || v.endsWith("corp.example"));

        Cli.Result scopeText = Cli.run("scope", "--case", caseDir);
        assertThat(scopeText.out()).contains("Scope of the whole case", "Pomeranian Port Authority", "By country:");

        Cli.Result unknown = Cli.run("scope", "--case", caseDir, "--campaign", "camp-nothing");
        assertThat(unknown.code()).isEqualTo(2);
        assertThat(unknown.err()).contains("no campaign 'camp-nothing'");
    }
}
