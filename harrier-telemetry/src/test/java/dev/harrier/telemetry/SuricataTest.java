package dev.harrier.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.core.Limits;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuricataTest {
    @TempDir
    Path tmp;

    @Test
    void eveJsonEveryEventType() throws IOException {
        Path f = TestFiles.copyNetwork("eve.json", tmp);
        assertThat(EventSources.detect(f, Limits.defaults())).contains(TelemetryFormat.SURICATA_EVE);
        TestFiles.Events r = TestFiles.read(f);
        assertThat(r.events())
                .extracting(Event::channel)
                .containsExactly(
                        "suricata/alert",
                        "suricata/dns",
                        "suricata/http",
                        "suricata/tls",
                        "suricata/flow",
                        "suricata/fileinfo",
                        "suricata/smtp");
        assertThat(r.events()).allSatisfy(e -> {
            assertThat(e.product()).isEqualTo("suricata");
            assertThat(e.eventId()).isEqualTo(-1);
            assertThat(e.provider()).isNull();
            assertThat(e.host()).isEqualTo("sensor-eve-1");
            assertThat(e.timestamp()).isNotNull();
        });

        Event alert = r.events().get(0);
        assertThat(alert.timestamp()).isEqualTo(Instant.parse("2024-03-01T10:00:10.123456Z"));
        assertThat(alert.get("timestamp")).isEqualTo("2024-03-01T10:00:10.123456+0000"); // as written
        assertThat(alert.get("event_type")).isEqualTo("alert");
        assertThat(alert.get("src_ip")).isEqualTo("10.0.0.7");
        assertThat(alert.get("dest_port")).isEqualTo(80L);
        assertThat(alert.get("flow_id")).isEqualTo(1234567890123456L);
        assertThat(alert.get("alert.signature_id")).isEqualTo(2019714L);
        assertThat(alert.get("alert.signature")).isEqualTo("ET POLICY PE EXE or DLL Windows file download HTTP");
        assertThat(alert.get("alert.metadata.created_at")).isEqualTo(List.of("2014_11_12"));
        assertThat(alert.get("http.hostname")).isEqualTo("198.51.100.23");
        assertThat(alert.fields()).containsKeys("alert.severity", "http.http_user_agent", "community_id");
        assertThat(alert.fields()).doesNotContainKeys("alert", "http"); // flattened, not nested
        assertThat(alert.get("alert")).isInstanceOf(Map.class); // the original tree still answers

        Event dns = r.events().get(1);
        assertThat(dns.get("dns.rrname")).isEqualTo("example.com");
        assertThat(dns.get("dns.rrtype")).isEqualTo("A");
        assertThat(dns.get("dns.qr")).isEqualTo(true);
        assertThat(dns.get("dns.grouped.A")).isEqualTo(List.of("93.184.216.34"));
        assertThat(dns.get("dns.answers"))
                .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.LIST)
                .singleElement()
                .isInstanceOf(Map.class);
        assertThat(dns.get("proto")).isEqualTo("UDP");

        Event http = r.events().get(2);
        assertThat(http.timestamp()).isEqualTo(Instant.parse("2024-03-01T09:00:11Z")); // +0100
        assertThat(http.get("http.http_method")).isEqualTo("PROPFIND");
        assertThat(http.get("http.status")).isEqualTo(207L);
        assertThat(http.line()).isEqualTo(3);

        Event tls = r.events().get(3);
        assertThat(tls.line()).isEqualTo(5);
        assertThat(tls.get("tls.sni")).isEqualTo("example.com");
        assertThat(tls.get("tls.ja3.hash")).isEqualTo("e7d705a3286e19ea42f587b344ee6865");
        assertThat(tls.get("tls.version")).isEqualTo("TLS 1.3");

        Event flow = r.events().get(4);
        assertThat(flow.get("flow.bytes_toclient")).isEqualTo(124620L);
        assertThat(flow.get("flow.alerted")).isEqualTo(true);
        assertThat(flow.get("tcp.syn")).isEqualTo(true);

        Event file = r.events().get(5);
        assertThat(file.get("fileinfo.sha256"))
                .isEqualTo("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb");
        assertThat(file.get("fileinfo.filename")).isEqualTo("/files/invoice march.exe");
        assertThat(file.get("fileinfo.size")).isEqualTo(123456L);

        Event smtp = r.events().get(6);
        assertThat(smtp.line()).isEqualTo(9);
        assertThat(smtp.get("smtp.rcpt_to")).isEqualTo(List.of("<alice@example.com>"));
        assertThat(smtp.get("email.subject")).isEqualTo("Invoice March");

        assertThat(r.stats().badRecords()).isEqualTo(2);
        assertThat(r.stats().errors()).extracting(ReadError::line).containsExactly(4L, 8L);
        assertThat(r.stats().errors().get(0).reason()).startsWith("bad JSON");
        assertThat(r.stats().errors().get(1))
                .hasToString(f + ":8: expected a Suricata EVE record, no \"event_type\" string");
    }
}
