package dev.harrier.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.harrier.core.Limits;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappedSourceTest {
    @TempDir
    Path tmp;

    private ColumnMapping proxyMapping() throws IOException {
        return ColumnMapping.load(TestFiles.copyNetwork("proxy.mapping.yml", tmp));
    }

    @Test
    void proxyCsvWithMapping() throws IOException {
        Path csv = TestFiles.copyNetwork("proxy.csv", tmp);
        assertThat(EventSources.detect(csv, Limits.defaults())).isEmpty(); // CSV is never detected
        ColumnMapping m = proxyMapping();
        assertThat(m.format()).isEqualTo(ColumnMapping.Format.CSV);
        assertThat(m.channel()).isEqualTo("proxy/export");
        assertThat(m.product()).isEqualTo("proxy");
        TestFiles.Events r = TestFiles.read(csv, m);
        assertThat(r.events()).extracting(Event::line).containsExactly(2L, 3L, 7L, 9L);
        assertThat(r.stats().files()).isEqualTo(1);

        Event a = r.events().get(0);
        assertThat(a.product()).isEqualTo("proxy");
        assertThat(a.channel()).isEqualTo("proxy/export");
        assertThat(a.host()).isEqualTo("proxy-01");
        assertThat(a.eventId()).isEqualTo(-1);
        // 11:00 in Berlin (UTC+1 in March)
        assertThat(a.timestamp()).isEqualTo(Instant.parse("2024-03-01T10:00:00Z"));
        assertThat(a.get("src_ip")).isEqualTo("10.0.0.5");
        assertThat(a.get("src_port")).isEqualTo(50123L);
        assertThat(a.get("dst_ip")).isEqualTo("93.184.216.34");
        assertThat(a.get("dst_port")).isEqualTo(443L);
        assertThat(a.get("domain")).isEqualTo("example.com");
        assertThat(a.get("url")).isEqualTo("https://example.com/");
        assertThat(a.get("c-uri")).isEqualTo("https://example.com/");
        assertThat(a.get("cs-host")).isEqualTo("example.com");
        assertThat(a.get("user")).isEqualTo("alice");
        assertThat(a.get("status")).isEqualTo(200L);
        assertThat(a.get("bytes_out")).isEqualTo(1234L);
        assertThat(a.get("user_agent")).isEqualTo("Mozilla/5.0 (Windows NT 10.0; Win64; x64)");
        // the columns under their own names too, as text
        assertThat(a.get("client_port")).isEqualTo("50123");
        assertThat(a.get("username")).isEqualTo("alice");
        assertThat(a.fields().keySet()).startsWith("host", "src_ip", "src_port");

        Event b = r.events().get(1);
        assertThat(b.fields()).doesNotContainKeys("user", "username"); // empty cell
        assertThat(b.get("bytes_out")).isEqualTo(123456L);

        Event c = r.events().get(2); // a quoted field spanning lines 7-8
        assertThat(c.get("url")).isEqualTo("http://c2.example.net/gate.php?id=1,2");
        assertThat(c.get("user")).isEqualTo("carol \"admin\"");
        assertThat(c.get("user_agent")).isEqualTo("Line one\nline two");
        assertThat(c.get("status")).isEqualTo(404L);
        assertThat(c.host()).isEqualTo("proxy-02");

        Event d = r.events().get(3);
        assertThat(d.fields()).doesNotContainKeys("user_agent", "bytes_out", "user");
        assertThat(d.get("status")).isEqualTo(502L);

        assertThat(r.stats().badRecords()).isEqualTo(3);
        assertThat(r.stats().errors()).extracting(ReadError::line).containsExactly(4L, 5L, 6L);
        assertThat(r.stats().errors().get(0).reason()).isEqualTo("expected 13 columns (header line), got 8");
        assertThat(r.stats().errors().get(1).reason())
                .isEqualTo("column 'client_port' (fields.src_port, long): bad value 'http'");
        assertThat(r.stats().errors().get(2).reason())
                .startsWith("bad timestamp 'yesterday' in column 'time' (mapping ")
                .contains("proxy.mapping.yml")
                .endsWith("timestamp.format yyyy-MM-dd HH:mm:ss)");
    }

    @Test
    void aMissingColumnSkipsTheFileNamingTheMappingAndTheColumn() throws IOException {
        Path yml = tmp.resolve("bad.mapping.yml");
        Files.writeString(
                yml,
                "format: csv\nchannel: proxy/x\ntimestamp: time\nfields:\n  src_ip: client_ip\n  user: login_name\n");
        ColumnMapping m = ColumnMapping.load(yml);
        Path csv = TestFiles.copyNetwork("proxy.csv", tmp);
        TestFiles.Events r = TestFiles.read(csv, m);
        assertThat(r.events()).isEmpty();
        assertThat(r.stats().files()).isZero();
        assertThat(r.stats().skippedFiles()).isEqualTo(1);
        ReadError e = r.stats().errors().get(0);
        assertThat(e.source()).isEqualTo(csv.toString());
        assertThat(e.reason())
                .startsWith(
                        "skipped: mapping " + yml + ": column 'login_name' (fields.user) is not in the header line;")
                .contains("client_ip", "username");

        Path yml2 = tmp.resolve("bad-ts.mapping.yml");
        Files.writeString(yml2, "format: csv\nchannel: proxy/x\ntimestamp: {field: when}\n");
        TestFiles.Events r2 = TestFiles.read(csv, ColumnMapping.load(yml2));
        assertThat(r2.stats().errors().get(0).reason())
                .contains(yml2 + ": column 'when' (timestamp.field) is not in the header line");
    }

    @Test
    void flowJsonLinesWithMapping() throws IOException {
        ColumnMapping m = ColumnMapping.load(TestFiles.copyNetwork("flows.mapping.yml", tmp));
        assertThat(m.format()).isEqualTo(ColumnMapping.Format.JSONL);
        assertThat(m.product()).isEqualTo("netflow");
        Path f = TestFiles.copyNetwork("flows.jsonl", tmp);
        TestFiles.Events r = TestFiles.read(f, m);
        assertThat(r.events()).extracting(Event::line).containsExactly(1L, 2L, 5L);
        Event a = r.events().get(0);
        assertThat(a.channel()).isEqualTo("netflow/export");
        assertThat(a.product()).isEqualTo("netflow");
        assertThat(a.host()).isEqualTo("fw-01");
        assertThat(a.timestamp()).isEqualTo(Instant.parse("2024-03-01T10:00:00.123Z"));
        assertThat(a.get("src_ip")).isEqualTo("10.0.0.5");
        assertThat(a.get("src_port")).isEqualTo(50123L);
        assertThat(a.get("dst_port")).isEqualTo(443L);
        assertThat(a.get("packets")).isEqualTo(12L); // "12" typed by types:
        assertThat(a.get("src.addr")).isEqualTo("10.0.0.5"); // own fields, flattened
        assertThat(a.get("bytes")).isEqualTo(5120L);
        assertThat(r.events().get(1).get("dst_port")).isEqualTo(4444L); // "4444"
        assertThat(r.events().get(2).host()).isEqualTo("fw-02");
        assertThat(r.stats().errors()).extracting(ReadError::line).containsExactly(3L, 4L);
        assertThat(r.stats().errors().get(0).reason())
                .isEqualTo("mapping " + m.source() + ": no field 'start' (timestamp.field) in the record");
        assertThat(r.stats().errors().get(1).reason())
                .isEqualTo("field 'src.port' (fields.src_port, long): bad value 'x'");
    }

    @Test
    void headerlessTabSeparatedCompressedAndDirectories() throws IOException {
        ColumnMapping m = ColumnMapping.parse("""
                format: csv
                channel: fw/deny
                header: false
                delimiter: "\\t"
                columns: [epoch, src, dst, dport]
                timestamp: {field: epoch, format: epoch_seconds}
                fields: {src_ip: src, dst_ip: dst, dst_port: dport}
                """, "inline.yml");
        assertThat(m.product()).isEqualTo("generic");
        String tsv = "1709287200.5\t10.0.0.5\t10.0.0.9\t445\n1709287201\t10.0.0.6\t10.0.0.9\n";
        Path dir = tmp.resolve("fw");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("a.tsv"), tsv);
        Files.write(dir.resolve("sub/b.tsv.gz"), TestFiles.gzip(tsv.getBytes(StandardCharsets.UTF_8)));
        Files.write(dir.resolve("sub/c.tsv.zst"), TestFiles.zstd(tsv.getBytes(StandardCharsets.UTF_8)));
        Files.writeString(dir.resolve(".hidden.tsv"), tsv);
        TestFiles.Events r = TestFiles.read(dir, m);
        assertThat(r.events()).hasSize(3).allSatisfy(e -> {
            assertThat(e.channel()).isEqualTo("fw/deny");
            assertThat(e.product()).isEqualTo("generic");
            assertThat(e.timestamp()).isEqualTo(Instant.parse("2024-03-01T10:00:00.5Z"));
            assertThat(e.get("dst_port")).isEqualTo(445L);
            assertThat(e.get("dport")).isEqualTo("445");
            assertThat(e.host()).isNull();
        });
        assertThat(r.stats().files()).isEqualTo(3);
        assertThat(r.stats().errors())
                .extracting(ReadError::reason)
                .containsOnly("expected 4 columns (mapping columns), got 3");

        // the proxy fixture, gzip'd and zstd'd, reads the same as plain
        ColumnMapping proxy = proxyMapping();
        byte[] plain = TestFiles.network("proxy.csv");
        Path p = tmp.resolve("p.csv");
        Path gz = tmp.resolve("p.csv.gz");
        Path zst = tmp.resolve("p.csv.zst");
        Files.write(p, plain);
        Files.write(gz, TestFiles.gzip(plain));
        Files.write(zst, TestFiles.zstd(plain));
        List<String> a = TestFiles.read(p, proxy).events().stream()
                .map(TestFiles::summary)
                .map(String::valueOf)
                .toList();
        assertThat(a).hasSize(4);
        assertThat(TestFiles.read(gz, proxy).events().stream()
                        .map(TestFiles::summary)
                        .map(String::valueOf))
                .containsExactlyElementsOf(a);
        assertThat(TestFiles.read(zst, proxy).events().stream()
                        .map(TestFiles::summary)
                        .map(String::valueOf))
                .containsExactlyElementsOf(a);
        assertThatThrownBy(() -> EventSources.open(tmp.resolve("nope"), proxy, Limits.defaults()))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void badMappingsNameTheFileAndTheKey() throws IOException {
        assertBad("channel: x\n", "m.yml: key 'format' is required");
        assertBad("format: csv\n", "m.yml: key 'channel' is required");
        assertBad("format: xml\nchannel: x\n", "m.yml: key 'format': expected csv or jsonl, got 'xml'");
        assertBad("format: csv\nchannel: x\nchanel: y\n", "m.yml: unknown key 'chanel'");
        assertBad("format: csv\nchannel: x\ntimestamp: {field: t, fmt: iso}\n", "m.yml: unknown key 'timestamp.fmt'");
        assertBad(
                "format: csv\nchannel: x\ntimestamp: {field: t, format: \"yyyy-MM-dd HH:mm:ss qqqqqq\"}\n",
                "m.yml: key 'timestamp.format': not iso");
        assertBad("format: csv\nchannel: x\ntimestamp: {field: t, zone: Mars/Olympus}\n", "key 'timestamp.zone'");
        assertBad("format: csv\nchannel: x\ntypes: {a: money}\n", "m.yml: key 'types.a': expected string, long");
        assertBad("format: csv\nchannel: x\ndelimiter: ab\n", "m.yml: key 'delimiter': expected one character");
        assertBad("format: csv\nchannel: x\nheader: false\n", "m.yml: key 'columns': required");
        assertBad(
                "format: csv\nchannel: x\nheader: false\ncolumns: [a]\nfields: {src_ip: b}\n",
                "m.yml: key 'fields.src_ip': column 'b' is not in 'columns'");
        assertBad("format: jsonl\nchannel: x\nheader: true\n", "are for csv only");
        assertBad("format: csv\nchannel: [x\n", "m.yml: not valid YAML");
        assertBad("- a\n- b\n", "m.yml: expected a YAML mapping");
        assertBad("format: csv\nchannel: x\nfields: {src_ip: {a: b}}\n", "m.yml: key 'fields.src_ip'");
        Path big = tmp.resolve("big.yml");
        Files.writeString(big, "#".repeat(2 << 20));
        assertThatThrownBy(() -> ColumnMapping.load(big))
                .isInstanceOf(MappingException.class)
                .hasMessageContaining("larger than");
    }

    private static void assertBad(String yaml, String message) {
        assertThatThrownBy(() -> ColumnMapping.parse(yaml, "m.yml"))
                .isInstanceOf(MappingException.class)
                .isInstanceOf(IOException.class)
                .hasMessageContaining(message);
    }
}
