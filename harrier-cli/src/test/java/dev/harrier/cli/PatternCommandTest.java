package dev.harrier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harrier.core.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code harrier pattern check} and {@code harrier pattern match}. */
class PatternCommandTest {
    @TempDir
    Path tmp;

    @Test
    void checkExplainsErrorsWithPositionCaretAndExpectedTokens() {
        Cli.Result bad = Cli.run("pattern", "check", "[ipv4-addr:value = '1.2.3.4'");
        assertThat(bad.code()).isEqualTo(1);
        assertThat(bad.out()).isEqualTo("""
                        invalid pattern at line 1, column 29: missing ']' before end of pattern
                          [ipv4-addr:value = '1.2.3.4'
                                                      ^
                          expected: 'AND', 'OR', ']'
                        """);
        Cli.Result ok = Cli.run("pattern", "check", "[ipv4-addr:value ISSUBSET '198.51.100.0/24'] WITHIN 5 SECONDS");
        assertThat(ok.code()).isZero();
        assertThat(ok.out()).isEqualTo("valid\n");
    }

    @Test
    void matchReportsWhichObservationsSatisfiedEachPattern() throws Exception {
        Path patterns = tmp.resolve("patterns.txt");
        Files.writeString(patterns, """
                # sample indicators
                [ipv4-addr:value ISSUBSET '203.0.113.0/24']
                [domain-name:value = 'nowhere.example']
                """);
        Path obs = tmp.resolve("observations.json");
        Files.writeString(obs, """
                {"type":"bundle","id":"bundle--11111111-1111-4111-8111-111111111111","objects":[
                 {"type":"observed-data","spec_version":"2.1","id":"observed-data--22222222-2222-4222-8222-222222222222",
                  "created":"2026-03-02T09:42:11Z","modified":"2026-03-02T09:42:11Z",
                  "first_observed":"2026-03-02T09:42:11Z","last_observed":"2026-03-02T09:42:11Z","number_observed":1,
                  "object_refs":["ipv4-addr--33333333-3333-4333-8333-333333333333"]},
                 {"type":"ipv4-addr","spec_version":"2.1","id":"ipv4-addr--33333333-3333-4333-8333-333333333333",
                  "value":"203.0.113.45"}]}
                """);
        Cli.Result r = Cli.run(
                "pattern", "match", "--patterns", patterns.toString(), "--observations", obs.toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode doc = Json.mapper().readTree(r.out());
        assertThat(doc.path("matched").asInt()).isEqualTo(1);
        JsonNode first = doc.path("results").get(0);
        assertThat(first.path("matched").asBoolean()).isTrue();
        assertThat(first.path("source").asText()).endsWith("patterns.txt:2");
        assertThat(first.path("observations").get(0).asText())
                .isEqualTo("observed-data--22222222-2222-4222-8222-222222222222");
        JsonNode second = doc.path("results").get(1);
        assertThat(second.path("matched").asBoolean()).isFalse();
        assertThat(second.path("observations")).isEmpty();
        Cli.Result bad = Cli.run(
                "pattern", "match", "--patterns", obs.toString() + "-missing", "--observations", obs.toString());
        assertThat(bad.code()).isNotZero();
    }

    @Test
    void matchRunsPatternsOverTelemetryMappedToObservables() throws Exception {
        Path logs = Path.of("../samples/logs/network");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(logs), "samples/logs/network is missing");
        Path patterns = tmp.resolve("patterns.txt");
        Files.writeString(patterns, """
                [domain-name:value = 'sync.update-lantern.example'] FOLLOWEDBY [network-traffic:dst_ref.value = '203.0.113.46'] WITHIN 5 SECONDS
                [network-traffic:dst_ref.value ISSUBSET '198.51.100.0/24' AND network-traffic:dst_port = 22]
                [domain-name:value = 'nowhere.example']
                [broken
                """);
        Cli.Result r =
                Cli.run("pattern", "match", "--patterns", patterns.toString(), "--logs", logs.toString(), "--json");
        assertThat(r.code()).as(r.err()).isEqualTo(1);
        JsonNode doc = Json.mapper().readTree(r.out());
        assertThat(doc.get("valid").asInt()).isEqualTo(3);
        assertThat(doc.get("matched").asInt()).isEqualTo(2);
        assertThat(doc.get("invalid")).hasSize(1);
        JsonNode seq = doc.get("results").get(0);
        assertThat(seq.get("matched").asBoolean()).isTrue();
        // two occurrences: DNS query → connection (Zeek), TLS server name (Zeek) → alert (Suricata)
        assertThat(seq.get("events")).hasSize(4);
        assertThat(seq.get("events").get(0).asText()).contains("dns.log:");
        assertThat(seq.get("events").get(1).asText()).contains("conn.log:");
        assertThat(seq.get("events").get(2).asText()).contains("ssl.log:");
        assertThat(seq.get("events").get(3).asText()).contains("eve.json:");
        JsonNode ssh = doc.get("results").get(1);
        assertThat(ssh.get("events")).hasSize(1);
        assertThat(ssh.get("events").get(0).asText()).contains("conn.log:");
        assertThat(doc.get("results").get(2).get("matched").asBoolean()).isFalse();

        Cli.Result both = Cli.run(
                "pattern",
                "match",
                "--patterns",
                patterns.toString(),
                "--logs",
                logs.toString(),
                "--observations",
                "x");
        assertThat(both.code()).isEqualTo(2);
        assertThat(both.err()).contains("mutually exclusive");
    }
}
