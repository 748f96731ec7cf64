package dev.harrier.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.core.Limits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Format detection of network logs next to the Windows formats, compression, and mixed directories. */
class NetworkDetectionTest {
    private static final Map<String, TelemetryFormat> NETWORK = Map.of(
            "conn.log", TelemetryFormat.ZEEK_TSV,
            "dns.log", TelemetryFormat.ZEEK_TSV,
            "ssl.log", TelemetryFormat.ZEEK_TSV,
            "files.log", TelemetryFormat.ZEEK_TSV,
            "http.log", TelemetryFormat.ZEEK_JSON,
            "x509.log", TelemetryFormat.ZEEK_JSON,
            "notice.log", TelemetryFormat.ZEEK_JSON,
            "eve.json", TelemetryFormat.SURICATA_EVE);

    @TempDir
    Path tmp;

    @Test
    void everyFixtureIsDetectedPlainAndCompressed() throws IOException {
        for (Map.Entry<String, TelemetryFormat> e : NETWORK.entrySet()) {
            byte[] plain = TestFiles.network(e.getKey());
            Path p = tmp.resolve(e.getKey());
            Path gz = tmp.resolve(e.getKey() + ".gz");
            Path zst = tmp.resolve(e.getKey().replace(".", "-zstd."));
            Files.write(p, plain);
            Files.write(gz, TestFiles.gzip(plain));
            Files.write(zst, TestFiles.zstd(plain));
            assertThat(EventSources.detect(p, Limits.defaults())).as(e.getKey()).contains(e.getValue());
            assertThat(EventSources.detect(gz, Limits.defaults()))
                    .as(e.getKey())
                    .contains(e.getValue());
            assertThat(EventSources.detect(zst, Limits.defaults()))
                    .as(e.getKey())
                    .contains(e.getValue());
            TestFiles.Read a = TestFiles.readAll(p);
            TestFiles.Read b = TestFiles.readAll(gz);
            TestFiles.Read c = TestFiles.readAll(zst);
            assertThat(a.events()).as(e.getKey()).isNotEmpty();
            assertThat(b.events()).as(e.getKey() + " gzip").isEqualTo(a.events());
            // the zstd copy's name differs (conn-zstd.log): same events apart from a name-derived log type
            assertThat(c.events()).as(e.getKey() + " zstd").hasSameSizeAs(a.events());
            assertThat(b.stats().errors())
                    .extracting(ReadError::line)
                    .isEqualTo(a.stats().errors().stream().map(ReadError::line).toList());
            assertThat(c.stats().badRecords()).isEqualTo(a.stats().badRecords());
            assertThat(e.getValue().product()).isIn("zeek", "suricata");
        }
    }

    @Test
    void windowsFormatsStillDetectAsBefore() throws IOException {
        Map<String, TelemetryFormat> windows = Map.of(
                "evtx_concat.json", TelemetryFormat.EVTX_JSON,
                "evtx_lines.json", TelemetryFormat.EVTX_JSON,
                "ecs.ndjson", TelemetryFormat.ECS_NDJSON,
                "flat.json", TelemetryFormat.FLAT_JSON,
                "flat_bad.json", TelemetryFormat.FLAT_JSON);
        for (Map.Entry<String, TelemetryFormat> e : windows.entrySet()) {
            Path p = TestFiles.copy(e.getKey(), tmp);
            assertThat(EventSources.detect(p, Limits.defaults())).as(e.getKey()).contains(e.getValue());
            assertThat(TestFiles.read(p).events())
                    .allSatisfy(ev -> assertThat(ev.product()).isEqualTo("windows"));
            assertThat(e.getValue().product()).isEqualTo("windows");
        }
        // Windows names beat network look-alikes; Zeek/Suricata need their own marker keys
        assertThat(detect("{\"EventID\":1,\"ts\":1.5,\"uid\":\"C1\"}\n")).contains(TelemetryFormat.FLAT_JSON);
        assertThat(detect("{\"Channel\":\"x\",\"event_type\":\"alert\",\"timestamp\":\"t\"}\n"))
                .contains(TelemetryFormat.FLAT_JSON);
        assertThat(detect("{\"ts\":1.5,\"msg\":\"no zeek key\"}\n")).contains(TelemetryFormat.FLAT_JSON);
        assertThat(detect("{\"event_type\":\"alert\"}\n")).contains(TelemetryFormat.FLAT_JSON);
        assertThat(detect("{\"winlog\":{\"channel\":\"Security\"},\"event_type\":\"x\",\"timestamp\":\"t\"}\n"))
                .contains(TelemetryFormat.ECS_NDJSON);
        // network markers
        assertThat(detect("{\"ts\":\"2024-03-01T10:00:00Z\",\"_path\":\"weird\",\"name\":\"x\"}\n"))
                .contains(TelemetryFormat.ZEEK_JSON);
        assertThat(detect("{\"ts\":1.5,\"id\":{\"orig_h\":\"10.0.0.1\"}}\n")).contains(TelemetryFormat.ZEEK_JSON);
        assertThat(detect("{\"event_type\":\"stats\",\"timestamp\":\"2024-03-01T10:00:00+0000\",\"stats\":{}}\n"))
                .contains(TelemetryFormat.SURICATA_EVE);
        // a broken first line does not hide the format
        assertThat(detect("{\"ts\":1.5,\n{\"ts\":1.5,\"uid\":\"C1\"}\n")).contains(TelemetryFormat.ZEEK_JSON);
        // Zeek TSV header variants, and '#' files that are not Zeek
        assertThat(detect("#separator \\x09\n")).contains(TelemetryFormat.ZEEK_TSV);
        assertThat(detect("\uFEFF#separator \\x09\n#fields\tts\n")).contains(TelemetryFormat.ZEEK_TSV);
        assertThat(detect("#fields\tts\tuid\n")).contains(TelemetryFormat.ZEEK_TSV);
        assertThat(detect("#path\tconn\n")).contains(TelemetryFormat.ZEEK_TSV);
        assertThat(detect("# a comment\n{\"EventID\":1}\n")).isEmpty();
        assertThat(detect("#fieldsX\n")).isEmpty();
    }

    private Optional<TelemetryFormat> detect(String content) throws IOException {
        Path f = Files.createTempFile(tmp, "d", ".txt");
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return EventSources.detect(f, Limits.defaults());
    }

    @Test
    void aDirectoryMixingFormats() throws IOException {
        Path root = tmp.resolve("logs");
        Files.createDirectories(root.resolve("zeek/2024-03-01"));
        Files.createDirectories(root.resolve("suricata"));
        Files.createDirectories(root.resolve("windows"));
        Files.write(
                root.resolve("zeek/2024-03-01/conn.10:00:00-11:00:00.log.gz"),
                TestFiles.gzip(TestFiles.network("conn.log")));
        Files.write(root.resolve("zeek/2024-03-01/dns.log"), TestFiles.network("dns.log"));
        Files.write(
                root.resolve("zeek/2024-03-01/http.10:00:00-11:00:00.log.zst"),
                TestFiles.zstd(TestFiles.network("http.log")));
        Files.write(root.resolve("suricata/eve.json"), TestFiles.network("eve.json"));
        Files.write(root.resolve("windows/flat.json"), TestFiles.resource("flat.json"));
        Files.write(root.resolve("windows/ecs.ndjson.gz"), TestFiles.gzip(TestFiles.resource("ecs.ndjson")));
        Files.write(root.resolve("proxy.csv"), TestFiles.network("proxy.csv"));

        List<String> seen = new ArrayList<>();
        try (EventSource src = EventSources.open(root, Limits.defaults())) {
            src.forEach(e -> seen.add(
                    e.product() + " " + e.channel() + " " + root.relativize(Path.of(e.source())) + ":" + e.line()));
            ReadStats s = src.stats();
            assertThat(s.files()).isEqualTo(6);
            assertThat(s.skippedFiles()).isEqualTo(1); // proxy.csv: needs a mapping
            // conn 4, dns 3, http 2, eve 7, flat 3, ecs 3; bad: conn 2, dns 1, http 1, eve 2
            assertThat(s.events()).isEqualTo(22);
            assertThat(s.badRecords()).isEqualTo(6);
            assertThat(s.errors())
                    .filteredOn(e -> e.line() == 0)
                    .singleElement()
                    .satisfies(e -> assertThat(e.source()).endsWith("proxy.csv"));
        }
        assertThat(seen)
                .contains(
                        "suricata suricata/alert suricata/eve.json:1",
                        "windows Microsoft-Windows-Sysmon/Operational windows/ecs.ndjson.gz:1",
                        "zeek zeek/conn zeek/2024-03-01/conn.10:00:00-11:00:00.log.gz:9",
                        "zeek zeek/dns zeek/2024-03-01/dns.log:9",
                        "zeek zeek/http zeek/2024-03-01/http.10:00:00-11:00:00.log.zst:1");
        // sorted walk: suricata/, windows/, zeek/
        assertThat(seen.get(0)).startsWith("suricata ");
        assertThat(seen.get(seen.size() - 1)).startsWith("zeek zeek/http ");
    }
}
