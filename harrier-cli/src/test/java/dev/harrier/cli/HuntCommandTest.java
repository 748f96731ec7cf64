package dev.harrier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harrier.core.Json;
import dev.harrier.store.SightingQuery;
import dev.harrier.store.Store;
import dev.harrier.store.sql.SqlStores;
import dev.harrier.testkit.SharedData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The VELVET MONSOON network scenario end to end: intel import, {@code detect --iocs --archive} over Windows, Zeek
 * and Suricata logs, then a retro-hunt after new intel arrives.
 */
class HuntCommandTest {
    @TempDir
    Path tmp;

    static Path samples() {
        return SharedData.repoRoot().resolve("samples");
    }

    /** The IOC sightings of a case as "indicator value @ file:line", file relative to samples/logs. */
    private static Set<String> iocSightings(Path caseDir) {
        Set<String> out = new TreeSet<>();
        String logs = samples().resolve("logs").toString() + "/";
        try (Store store = SqlStores.open(caseDir)) {
            store.forEachSighting(SightingQuery.all().withKind("ioc"), s -> {
                String indicator = s.fields().get("indicator");
                out.add(indicator.substring(indicator.indexOf(' ') + 1) + " @ "
                        + s.eventSource().replace(logs, "") + ":" + s.eventLine());
            });
        }
        return out;
    }

    private static long count(Path caseDir) {
        try (Store store = SqlStores.open(caseDir)) {
            return store.countSightings(SightingQuery.all().withKind("ioc"));
        }
    }

    private static Set<String> diff(Set<String> after, Set<String> before) {
        Set<String> d = new TreeSet<>(after);
        d.removeAll(before);
        return d;
    }

    @Test
    void detectArchivesAndRetroHuntFindsOldActivityOnce() throws Exception {
        Path caseDir = tmp.resolve("case");
        Path intel = tmp.resolve("intel");
        Files.createDirectories(intel);
        Path heldBack = samples().resolve("intel/06-iocs-defanged.txt");
        try (Stream<Path> s = Files.list(samples().resolve("intel"))) {
            for (Path p : s.sorted().toList()) {
                if (!p.equals(heldBack)) {
                    Files.copy(p, intel.resolve(p.getFileName()));
                }
            }
        }
        assertThat(Cli.run("intel", "import", intel.toString(), "--case", caseDir.toString())
                        .code())
                .isEqualTo(1); // 05-iocs.csv has one line that cannot be typed

        Cli.Result detect = Cli.run(
                "detect",
                "--iocs",
                "--archive",
                "--logs",
                samples().resolve("logs").toString(),
                "--case",
                caseDir.toString());
        assertThat(detect.code()).as(detect.out() + detect.err()).isEqualTo(1); // the broken Windows line
        assertThat(detect.out()).contains("Archived: 7 inputs (7 segments) in " + caseDir.resolve("telemetry"));
        Set<String> first = iocSightings(caseDir);
        long firstCount = count(caseDir);
        assertThat(firstCount).isEqualTo(FIRST_SIGHTINGS);
        assertThat(first).containsExactlyInAnyOrder(FIRST.toArray(String[]::new));

        Cli.Result imp = Cli.run("intel", "import", heldBack.toString(), "--case", caseDir.toString());
        assertThat(imp.code()).as(imp.out() + imp.err()).isZero();

        Cli.Result hunt = Cli.run("hunt", "--case", caseDir.toString());
        assertThat(hunt.code()).as(hunt.out() + hunt.err()).isZero();
        Set<String> second = iocSightings(caseDir);
        long secondCount = count(caseDir);
        assertThat(secondCount - firstCount).isEqualTo(RETRO_SIGHTINGS);
        assertThat(diff(second, first)).containsExactlyInAnyOrder(RETRO.toArray(String[]::new));
        assertThat(second).containsAll(first);
        assertThat(hunt.out())
                .contains("Archive: 7 segments read, 0 skipped by the index (no filter)")
                .contains("Events: 46 re-scanned, 0 malformed skipped")
                .contains("sightings: " + RETRO_SIGHTINGS + " new, " + FIRST_SIGHTINGS + " already known")
                .contains("203.0.113.46")
                .contains("2001:db8:5a1e::77");

        Cli.Result again = Cli.run("hunt", "--case", caseDir.toString(), "--json");
        assertThat(again.code()).isZero();
        JsonNode doc = Json.mapper().readTree(again.out());
        assertThat(doc.path("hits")).isEmpty();
        assertThat(doc.path("summary").path("newSightings").asLong()).isZero();
        assertThat(doc.path("summary").path("knownSightings").asLong()).isEqualTo(secondCount);
        assertThat(iocSightings(caseDir)).isEqualTo(second);

        Cli.Result late = Cli.run("hunt", "--case", caseDir.toString(), "--since", "2026-03-03", "--json");
        JsonNode lateDoc = Json.mapper().readTree(late.out());
        assertThat(lateDoc.path("summary").path("events").asLong()).isZero();
        assertThat(lateDoc.path("summary").path("segmentsRead").asLong()).isZero();
        assertThat(lateDoc.path("summary").path("segmentsSkipped").asLong()).isEqualTo(7);

        Cli.Result window = Cli.run(
                "hunt",
                "--case",
                caseDir.toString(),
                "--since",
                "2026-03-02T10:06",
                "--until",
                "2026-03-02T10:08",
                "--json");
        JsonNode w = Json.mapper().readTree(window.out());
        assertThat(w.path("summary").path("events").asLong()).isEqualTo(EVENTS_10_06_TO_10_08);

        // detect --archive again: every input is archived already
        Cli.Result redo = Cli.run(
                "detect",
                "--iocs",
                "--archive",
                "--logs",
                samples().resolve("logs").toString(),
                "--case",
                caseDir.toString());
        assertThat(redo.out())
                .contains("Archived: 0 inputs (0 segments) in " + caseDir.resolve("telemetry")
                        + "; 7 inputs archived before, skipped")
                .contains("Sightings: 0 new in");
    }

    @Test
    void huntNeedsAnArchiveAndSomethingToHuntWith() {
        Path caseDir = tmp.resolve("empty");
        Cli.Result none = Cli.run("hunt", "--case", caseDir.toString());
        assertThat(none.code()).isEqualTo(2);
        assertThat(none.err()).contains("no archived telemetry in " + caseDir.resolve("telemetry"));
        Cli.Result nothing = Cli.run("hunt", "--case", caseDir.toString(), "--no-iocs");
        assertThat(nothing.code()).isEqualTo(2);
        assertThat(nothing.err()).contains("nothing to hunt with");
        Cli.Result badTime = Cli.run("hunt", "--case", caseDir.toString(), "--since", "yesterday");
        assertThat(badTime.code()).isEqualTo(2);
        assertThat(badTime.err()).contains("--since: 'yesterday' is not a time");
        Cli.Result db = Cli.run("hunt", "--db", "postgresql://u:p@127.0.0.1:1/x");
        assertThat(db.code()).isEqualTo(2);
        assertThat(db.err()).contains("needs --case DIR");
    }

    /** conn.log:13-14, dns.log:13, ssl.log:11, eve.json:5-6 and the Windows event at 10:06:01. */
    static final long EVENTS_10_06_TO_10_08 = 7;

    /**
     * IOC sightings after detect: one per indicator, so more than {@link #FIRST} lists (values several sources give,
     * such as 203.0.113.45 in STIX, MISP and the CSV list, and 198.51.100.23 matching both the CIDR and MISP).
     */
    static final long FIRST_SIGHTINGS = 49;

    /**
     * IOC sightings the retro-hunt adds: the six {@link #RETRO} ones, plus one of the defanged list's own
     * cdn-paperlantern.example indicator on each of the three events already seen for that domain (dns.log:10,
     * ssl.log:9, eve.json:6).
     */
    static final long RETRO_SIGHTINGS = 9;

    /** What detect finds with every sample indicator except the defanged list. */
    static final List<String> FIRST = List.of(
            "198.51.100.0/24 @ network/conn.log:12",
            "203.0.113.45 @ network/conn.log:11",
            "203.0.113.45 @ network/dns.log:11",
            "203.0.113.45 @ network/eve.json:3",
            "203.0.113.45 @ network/ssl.log:10",
            "203.0.113.45 @ ws-pl-014-sysmon.json:4",
            "203.0.113.45 @ ws-pl-014-sysmon.json:7",
            "3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea @ ws-pl-014-sysmon.json:6",
            "cdn-paperlantern.example @ network/dns.log:10",
            "cdn-paperlantern.example @ network/eve.json:6",
            "cdn-paperlantern.example @ network/ssl.log:9",
            "update-lantern.example @ network/dns.log:11",
            "update-lantern.example @ network/dns.log:13",
            "update-lantern.example @ network/eve.json:2",
            "update-lantern.example @ network/eve.json:3",
            "update-lantern.example @ network/ssl.log:10",
            "update-lantern.example @ network/ssl.log:11",
            "update-lantern.example @ ws-pl-014-sysmon.json:4",
            "update-lantern.example @ ws-pl-014-sysmon.json:7");

    /** What the retro-hunt adds after the defanged list is imported. */
    static final List<String> RETRO = List.of(
            "2001:db8:5a1e::77 @ network/conn.log:14", // IPv6 session to the partner's address
            "2001:db8:5a1e::77 @ network/eve.json:6", // TLS with SNI cdn-paperlantern.example over IPv6
            "203.0.113.46 @ network/conn.log:13", // the 18 MB upload
            "203.0.113.46 @ network/dns.log:13", // sync.update-lantern.example answered 203.0.113.46
            "203.0.113.46 @ network/eve.json:5", // Suricata alert on the upload
            "203.0.113.46 @ network/ssl.log:11");
}
