package dev.harrier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.store.SightingQuery;
import dev.harrier.store.Store;
import dev.harrier.store.sql.SqlStores;
import dev.harrier.testkit.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Indicators whose patterns the IOC index cannot take are matched by the STIX pattern engine during detection. */
class PatternIndicatorDetectTest {
    @TempDir
    Path tmp;

    private static String indicator(String uuidTail, String name, String pattern, String validUntil) {
        return """
                {"type":"indicator","spec_version":"2.1","id":"indicator--00000000-0000-4000-8000-%s",
                 "created":"2026-01-01T00:00:00.000Z","modified":"2026-01-01T00:00:00.000Z","name":"%s",
                 "pattern":"%s","pattern_type":"stix","valid_from":"2026-01-01T00:00:00Z"%s}""".formatted(
                        uuidTail, name, pattern, validUntil.isEmpty() ? "" : ",\"valid_until\":\"" + validUntil + "\"");
    }

    @Test
    void complexPatternsBecomeSightingsOfTheEventsThatSatisfyThem() throws Exception {
        Path samples = SharedData.repoRoot().resolve("samples");
        Path caseDir = tmp.resolve("case");
        Path bundle = tmp.resolve("complex.json");
        Files.writeString(bundle, """
                {"type":"bundle","id":"bundle--00000000-0000-4000-8000-000000000000","objects":[%s,%s,%s,%s,%s]}""".formatted(
                        indicator(
                                "000000000001",
                                "InkDrop loader",
                                "[process:image_ref.name = 'rundll32.exe' AND process:command_line LIKE '%%inkdrop.dll%%']",
                                ""),
                        indicator(
                                "000000000002",
                                "Discovery from rundll32",
                                "[process:parent_ref.image_ref.name = 'rundll32.exe' AND process:image_ref.name IN"
                                        + " ('whoami.exe', 'ipconfig.exe', 'systeminfo.exe')]",
                                ""),
                        indicator(
                                "000000000003",
                                "Lookup then connect",
                                "[domain-name:value = 'sync.update-lantern.example'] FOLLOWEDBY"
                                        + " [network-traffic:dst_ref.value = '203.0.113.46'] WITHIN 5 SECONDS",
                                ""),
                        indicator(
                                "000000000004",
                                "Expired",
                                "[process:image_ref.name = 'whoami.exe' AND" + " process:pid > 0]",
                                "2026-02-01T00:00:00Z"),
                        indicator("000000000005", "Broken", "[process:name = ", "")));
        Cli.Result imp = Cli.run("intel", "import", bundle.toString(), "--case", caseDir.toString());
        assertThat(imp.code()).as(imp.out() + imp.err()).isZero();

        Cli.Result d =
                Cli.run("detect", "--iocs", "--logs", samples.resolve("logs").toString(), "--case", caseDir.toString());
        assertThat(d.code()).as(d.err()).isEqualTo(1); // the sample's one broken Windows line
        assertThat(d.out()).contains("pattern rejected: indicator--00000000-0000-4000-8000-000000000005");

        Set<String> got = new TreeSet<>();
        String logs = samples.resolve("logs").toAbsolutePath().normalize() + "/";
        try (Store store = SqlStores.open(caseDir)) {
            store.forEachSighting(
                    SightingQuery.all().withKind("stix-pattern"),
                    s -> got.add(s.ruleId().substring(s.ruleId().length() - 1) + " @ "
                            + s.eventSource().replace(logs, "") + ":" + s.eventLine()));
        }
        assertThat(got)
                .containsExactlyInAnyOrder(
                        // the loader itself, and the events whose parent process is the loader (STIX: any process
                        // object of the observation may satisfy the expression)
                        "1 @ ws-pl-014-sysmon.json:6",
                        "1 @ ws-pl-014-sysmon.json:8",
                        "1 @ ws-pl-014-sysmon.json:9",
                        "1 @ ws-pl-014-sysmon.json:10",
                        "1 @ ws-pl-014-sysmon.json:11",
                        "2 @ ws-pl-014-sysmon.json:9",
                        "2 @ ws-pl-014-sysmon.json:10",
                        "2 @ ws-pl-014-sysmon.json:11",
                        "3 @ network/dns.log:13",
                        "3 @ network/conn.log:13",
                        // second occurrence: the TLS server name, then Suricata's alert on that flow
                        "3 @ network/ssl.log:11",
                        "3 @ network/eve.json:5");

        // detection is idempotent: the same run adds nothing
        Cli.run("detect", "--iocs", "--logs", samples.resolve("logs").toString(), "--case", caseDir.toString());
        try (Store store = SqlStores.open(caseDir)) {
            assertThat(store.countSightings(SightingQuery.all().withKind("stix-pattern")))
                    .isEqualTo(got.size());
        }
    }
}
