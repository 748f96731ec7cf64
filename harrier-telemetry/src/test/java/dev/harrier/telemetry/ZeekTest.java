package dev.harrier.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.core.Limits;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZeekTest {
    @TempDir
    Path tmp;

    @Test
    void connTsvIsTypedFromTheTypesHeader() throws IOException {
        Path f = TestFiles.copyNetwork("conn.log", tmp);
        assertThat(EventSources.detect(f, Limits.defaults())).contains(TelemetryFormat.ZEEK_TSV);
        TestFiles.Events r = TestFiles.read(f);
        assertThat(r.events()).extracting(Event::line).containsExactly(9L, 10L, 11L, 14L);
        assertThat(r.stats().events()).isEqualTo(4);
        assertThat(r.stats().files()).isEqualTo(1);

        Event a = r.events().get(0);
        assertThat(a.product()).isEqualTo("zeek");
        assertThat(a.channel()).isEqualTo("zeek/conn");
        assertThat(a.eventId()).isEqualTo(-1);
        assertThat(a.provider()).isNull();
        assertThat(a.host()).isNull();
        assertThat(a.source()).isEqualTo(f.toString());
        assertThat(a.timestamp()).isEqualTo(Instant.parse("2024-03-01T10:00:00.123456Z"));
        assertThat(a.get("ts")).isEqualTo(Instant.parse("2024-03-01T10:00:00.123456Z"));
        assertThat(a.get("uid")).isEqualTo("CHhAvVGS1DHFjwGM9");
        assertThat(a.get("id.orig_h")).isEqualTo("10.0.0.5");
        assertThat(a.get("id.orig_p")).isEqualTo(49152L);
        assertThat(a.get("id.resp_p")).isEqualTo(443L);
        assertThat(a.get("proto")).isEqualTo("tcp");
        assertThat(a.get("duration")).isEqualTo(1.5);
        assertThat(a.get("orig_bytes")).isEqualTo(517L);
        assertThat(a.get("local_orig")).isEqualTo(true);
        assertThat(a.get("local_resp")).isEqualTo(false);
        // unset: absent, not null-valued
        assertThat(a.fields()).doesNotContainKey("tunnel_parents");
        assertThat(a.get("tunnel_parents")).isNull();
        assertThat(a.fields().keySet()).startsWith("ts", "uid", "id.orig_h", "id.orig_p");
        assertThat(a.fieldNames()).contains("id.orig_h", "conn_state", "history");
        assertThat(a.get("Channel")).isNull(); // no Windows names are invented

        Event b = r.events().get(1);
        assertThat(b.get("tunnel_parents")).isEqualTo(List.of()); // (empty) set
        assertThat(b.timestamp()).isEqualTo(Instant.parse("2024-03-01T10:00:01.000001Z"));

        Event c = r.events().get(2);
        assertThat(c.timestamp()).isEqualTo(Instant.parse("2024-03-01T10:00:02.500Z"));
        assertThat(c.fields()).doesNotContainKeys("service", "duration", "orig_bytes", "resp_bytes");
        // a set split on the set separator; \x2c is an escaped comma inside one element
        assertThat(c.get("tunnel_parents")).isEqualTo(List.of("CUM0KZ3MLUfNB0cl11", "Ctun,nel2"));

        Event d = r.events().get(3);
        assertThat(d.get("id.orig_h")).isEqualTo("fe80::1");
        assertThat(d.get("service")).isEqualTo("dns\tmdns"); // \x09 decoded
        assertThat(d.get("duration")).isEqualTo(0.0001);
        assertThat(d.get("orig_bytes")).isEqualTo(new BigDecimal("18446744073709551615")); // count > Long.MAX

        assertThat(r.stats().badRecords()).isEqualTo(2);
        assertThat(r.stats().errors()).hasSize(2);
        assertThat(r.stats().errors().get(0)).hasToString(f + ":12: expected 21 columns (#fields), got 7");
        assertThat(r.stats().errors().get(1)).hasToString(f + ":13: column 'orig_bytes' (count): bad integer 'abc'");
    }

    @Test
    void dnsTsvVectorsEscapesAndBadBool() throws IOException {
        Path f = TestFiles.copyNetwork("dns.log", tmp);
        TestFiles.Events r = TestFiles.read(f);
        assertThat(r.events()).extracting(Event::line).containsExactly(9L, 10L, 12L);
        Event a = r.events().get(0);
        assertThat(a.channel()).isEqualTo("zeek/dns");
        assertThat(a.get("query")).isEqualTo("example.com");
        assertThat(a.get("qtype_name")).isEqualTo("A");
        assertThat(a.get("trans_id")).isEqualTo(4711L);
        assertThat(a.get("rtt")).isEqualTo(0.012345);
        assertThat(a.get("answers")).isEqualTo(List.of("93.184.216.34", "93.184.216.35"));
        assertThat(a.get("TTLs")).isEqualTo(List.of(3600.0, 3600.0));
        assertThat(a.get("AA")).isEqualTo(false);
        assertThat(a.get("RD")).isEqualTo(true);
        assertThat(a.timestamp()).isEqualTo(Instant.parse("2024-03-01T10:00:01.010Z"));

        Event b = r.events().get(1);
        assertThat(b.get("query")).isEqualTo("café.example"); // \xc3\xa9 decoded as UTF-8
        assertThat(b.get("rcode_name")).isEqualTo("NXDOMAIN");
        assertThat(b.fields()).doesNotContainKeys("rtt", "answers", "TTLs");

        Event c = r.events().get(2);
        assertThat(c.get("query")).isEqualTo("xmr.pool.minergate.com");
        assertThat(c.get("answers")).isEqualTo(List.of());
        assertThat(c.get("TTLs")).isEqualTo(List.of());

        assertThat(r.stats().errors())
                .singleElement()
                .hasToString(f + ":11: column 'AA' (bool): bad bool 'X' (expected T or F)");
    }

    @Test
    void sslAndFilesTsv() throws IOException {
        Path ssl = TestFiles.copyNetwork("ssl.log", tmp);
        TestFiles.Events s = TestFiles.read(ssl);
        assertThat(s.stats().badRecords()).isZero();
        assertThat(s.events())
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.channel()).isEqualTo("zeek/ssl"));
        assertThat(s.events().get(0).get("server_name")).isEqualTo("example.com");
        assertThat(s.events().get(0).get("established")).isEqualTo(true);
        assertThat(s.events().get(0).get("cert_chain_fps"))
                .isEqualTo(List.of("3b6f0a9e3c7f1e2d4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6e7f"));
        assertThat(s.events().get(0).get("client_cert_chain_fps")).isEqualTo(List.of());
        assertThat(s.events().get(1).fields()).doesNotContainKeys("server_name", "sni_matches_cert");

        Path files = TestFiles.copyNetwork("files.log", tmp);
        TestFiles.Events fl = TestFiles.read(files);
        assertThat(fl.stats().badRecords()).isZero();
        Event exe = fl.events().get(0);
        assertThat(exe.channel()).isEqualTo("zeek/files");
        assertThat(exe.get("fuid")).isEqualTo("FKp3bL2y1qV6Cx0d5");
        assertThat(exe.get("analyzers")).isEqualTo(List.of("MD5", "SHA1", "SHA256", "PE"));
        assertThat(exe.get("filename")).isEqualTo("invoice march.exe");
        assertThat(exe.get("mime_type")).isEqualTo("application/x-dosexec");
        assertThat(exe.get("seen_bytes")).isEqualTo(123456L);
        assertThat(exe.get("sha256")).isEqualTo("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb");
        assertThat(exe.get("timedout")).isEqualTo(false);
        Event html = fl.events().get(1);
        assertThat(html.get("analyzers")).isEqualTo(List.of());
        assertThat(html.fields()).doesNotContainKeys("filename", "total_bytes", "md5");
    }

    @Test
    void httpJsonLinesTakeTheLogTypeFromTheFileName() throws IOException {
        Path f = TestFiles.copyNetwork("http.log", tmp);
        assertThat(EventSources.detect(f, Limits.defaults())).contains(TelemetryFormat.ZEEK_JSON);
        TestFiles.Events r = TestFiles.read(f);
        assertThat(r.events()).extracting(Event::line).containsExactly(1L, 3L);
        Event a = r.events().get(0);
        assertThat(a.product()).isEqualTo("zeek");
        assertThat(a.channel()).isEqualTo("zeek/http");
        assertThat(a.eventId()).isEqualTo(-1);
        assertThat(a.timestamp()).isEqualTo(Instant.parse("2024-03-01T10:00:10.123456Z"));
        assertThat(a.get("ts")).isEqualTo(Instant.parse("2024-03-01T10:00:10.123456Z"));
        assertThat(a.get("id.orig_h")).isEqualTo("10.0.0.7");
        assertThat(a.get("id.resp_p")).isEqualTo(80L);
        assertThat(a.get("method")).isEqualTo("GET");
        assertThat(a.get("host")).isEqualTo("198.51.100.23");
        assertThat(a.host()).isNull(); // http.log's host is the Host header, not the sensor
        assertThat(a.get("uri")).isEqualTo("/files/invoice%20march.exe");
        assertThat(a.get("status_code")).isEqualTo(200L);
        assertThat(a.get("tags")).isEqualTo(List.of());
        assertThat(a.get("resp_mime_types")).isEqualTo(List.of("application/x-dosexec"));
        assertThat(r.events().get(1).get("user_agent")).isEqualTo("Microsoft-WebDAV-MiniRedir/10.0.19045");
        assertThat(r.events().get(1).timestamp()).isEqualTo(Instant.parse("2024-03-01T10:00:11Z"));

        assertThat(r.stats().errors()).singleElement().satisfies(e -> {
            assertThat(e.source()).isEqualTo(f.toString());
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.reason()).startsWith("bad JSON");
        });

        // rotated, compressed: the type is the name up to the first dot
        Path rotated = tmp.resolve("dns-dir/http.05:00:00-06:00:00.log.gz");
        Files.createDirectories(rotated.getParent());
        Files.write(rotated, TestFiles.gzip(TestFiles.network("http.log")));
        assertThat(TestFiles.read(rotated).events())
                .hasSize(2)
                .allSatisfy(e -> assertThat(e.channel()).isEqualTo("zeek/http"));
        Path odd = tmp.resolve("@weird name.json");
        Files.write(odd, TestFiles.network("http.log"));
        assertThat(TestFiles.read(odd).events())
                .allSatisfy(e -> assertThat(e.channel()).isEqualTo("zeek/unknown"));
    }

    @Test
    void x509JsonTimeFieldsAndBadTime() throws IOException {
        Path f = TestFiles.copyNetwork("x509.log", tmp);
        assertThat(EventSources.detect(f, Limits.defaults())).contains(TelemetryFormat.ZEEK_JSON);
        TestFiles.Events r = TestFiles.read(f);
        assertThat(r.events()).extracting(Event::line).containsExactly(1L, 3L);
        Event a = r.events().get(0);
        assertThat(a.channel()).isEqualTo("zeek/x509");
        assertThat(a.timestamp()).isEqualTo(Instant.parse("2024-03-01T10:00:00.250Z"));
        assertThat(a.get("certificate.subject")).isEqualTo("CN=example.com,O=Example Inc,C=US");
        assertThat(a.get("certificate.not_valid_before")).isEqualTo(Instant.parse("2024-01-01T00:00:00Z"));
        assertThat(a.get("certificate.not_valid_after")).isEqualTo(Instant.parse("2024-12-31T23:59:59Z"));
        assertThat(a.get("certificate.key_length")).isEqualTo(2048L);
        assertThat(a.get("san.dns")).isEqualTo(List.of("example.com", "www.example.com"));
        assertThat(a.get("basic_constraints.ca")).isEqualTo(false);
        Event c = r.events().get(1);
        assertThat(c.host()).isEqualTo("sensor-01"); // _system_name
        assertThat(c.get("certificate.not_valid_before")).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
        assertThat(r.stats().errors())
                .singleElement()
                .hasToString(f + ":2: bad time in \"certificate.not_valid_after\": not a time");
    }

    @Test
    void noticeJsonWithPathAndIsoTimestamps() throws IOException {
        // the file name says nothing: _path decides
        Path f = TestFiles.copyNetwork("notice.log", tmp, "export-0001.ndjson");
        assertThat(EventSources.detect(f, Limits.defaults())).contains(TelemetryFormat.ZEEK_JSON);
        TestFiles.Events r = TestFiles.read(f);
        assertThat(r.stats().badRecords()).isZero();
        assertThat(r.events()).hasSize(2).allSatisfy(e -> {
            assertThat(e.channel()).isEqualTo("zeek/notice");
            assertThat(e.host()).isEqualTo("sensor-01");
        });
        Event a = r.events().get(0);
        assertThat(a.timestamp()).isEqualTo(Instant.parse("2024-03-01T10:05:00.250Z"));
        assertThat(a.get("note")).isEqualTo("SSL::Invalid_Server_Cert");
        assertThat(a.get("p")).isEqualTo(4444L);
        assertThat(a.get("suppress_for")).isEqualTo(3600.0);
        assertThat(a.get("actions")).isEqualTo(List.of("Notice::ACTION_LOG"));
        assertThat(r.events().get(1).get("note")).isEqualTo("Scan::Port_Scan");
    }

    @Test
    void concatenatedLogsWithNewHeadersCustomSeparatorsAndHeaderProblems() throws IOException {
        String conn = new String(TestFiles.network("conn.log"), StandardCharsets.UTF_8);
        String dns = new String(TestFiles.network("dns.log"), StandardCharsets.UTF_8);
        String custom = "#separator \\x7c\n#set_separator|;\n#empty_field|EMPTY\n#unset_field|NONE\n#path|weird\n"
                + "#fields|ts|name|addl|notice|peer|vals\n#types|time|string|string|bool|string|vector[count]\n"
                + "1709287300.000000|bad_HTTP_request|a\\x7cb|F|zeek|1;2;NONE\n"
                + "1709287301.000000|EMPTY|NONE|T|zeek|EMPTY\n"
                + "#types|time|string\n" // wrong count: values read as strings from here on
                + "1709287302.000000|x|y|T|zeek|3\n";
        Path f = tmp.resolve("all.log");
        Files.writeString(f, conn + dns + custom, StandardCharsets.UTF_8);
        TestFiles.Events r = TestFiles.read(f);
        assertThat(r.events())
                .extracting(Event::channel)
                .containsExactly(
                        "zeek/conn",
                        "zeek/conn",
                        "zeek/conn",
                        "zeek/conn",
                        "zeek/dns",
                        "zeek/dns",
                        "zeek/dns",
                        "zeek/weird",
                        "zeek/weird",
                        "zeek/weird");
        List<Event> weird = r.events().subList(7, 10);
        assertThat(weird.get(0).get("addl")).isEqualTo("a|b");
        assertThat(weird.get(0).get("vals")).isEqualTo(java.util.Arrays.asList(1L, 2L, null));
        assertThat(weird.get(1).get("name")).isEqualTo("");
        assertThat(weird.get(1).fields()).doesNotContainKey("addl");
        assertThat(weird.get(1).get("vals")).isEqualTo(List.of());
        assertThat(weird.get(2).get("ts")).isEqualTo("1709287302.000000");
        assertThat(weird.get(2).timestamp()).isNull();
        assertThat(r.stats().errors()).last().satisfies(e -> {
            assertThat(e.reason()).isEqualTo("bad #types header: 2 types for 6 fields; values read as strings");
        });

        Path noFields = tmp.resolve("nofields.log");
        Files.writeString(noFields, "#separator \\x09\n#path\tconn\n1\t2\n");
        TestFiles.Events n = TestFiles.read(noFields);
        assertThat(n.events()).isEmpty();
        assertThat(n.stats().errors())
                .singleElement()
                .hasToString(noFields + ":3: data line before the #fields header");
    }

    @Test
    void noPathHeaderMeansTheFileNameAndOverlongLinesAreSkipped() throws IOException {
        String log = "#fields\tts\tuid\tmsg\n#types\ttime\tstring\tstring\n"
                + "1709287400.1\tC1\tshort\n"
                + "1709287400.2\tC2\t" + "x".repeat(3000) + "\n"
                + "1709287400.3\tC3\tshort again\n";
        Path f = tmp.resolve("weird.12:00:00-13:00:00.log");
        Files.writeString(f, log);
        assertThat(EventSources.detect(f, Limits.defaults())).contains(TelemetryFormat.ZEEK_TSV);
        Limits small = new Limits(64, 8 << 20, 100, 1000, 4L << 20, 10_000, 5_000_000L, 1024, 1000, 1L << 30);
        try (EventSource src = EventSources.open(f, small)) {
            Event a = src.next();
            Event b = src.next();
            assertThat(src.next()).isNull();
            assertThat(a.channel()).isEqualTo("zeek/weird");
            assertThat(a.timestamp()).isEqualTo(Instant.parse("2024-03-01T10:03:20.100Z"));
            assertThat(b.get("uid")).isEqualTo("C3");
            assertThat(src.stats().errors())
                    .singleElement()
                    .hasToString(f + ":4: line longer than 1024 bytes (Limits.maxLineLength)");
        }
    }

    @Test
    void forcedZeekTsvAndMapsAreUnmodifiable() throws IOException {
        Path f = TestFiles.copyNetwork("conn.log", tmp, "renamed.txt");
        try (EventSource src = EventSources.open(f, TelemetryFormat.ZEEK_TSV, Limits.defaults())) {
            Event e = src.next();
            assertThat(e).isNotNull();
            assertThat(e.channel()).isEqualTo("zeek/conn"); // #path wins over the file name
            Map<String, Object> fields = e.fields();
            org.assertj.core.api.Assertions.assertThatThrownBy(fields::clear)
                    .isInstanceOf(UnsupportedOperationException.class);
        }
        try (EventSource src = EventSources.open(
                TestFiles.copyNetwork("conn.log", tmp), TelemetryFormat.ZEEK_TSV, Limits.defaults())) {
            Event e = src.next();
            src.next();
            Event set = src.next();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ((List<?>) set.get("tunnel_parents")).clear())
                    .isInstanceOf(UnsupportedOperationException.class);
            assertThat(e.toString()).contains("zeek/conn");
        }
    }

    @Test
    void networkEventsCanBeBuiltDirectly() {
        Event e = Events.network(
                "zeek", "zeek/dns", "sensor-9", Map.of("query", "example.com"), Instant.EPOCH, "synthetic", 1);
        assertThat(e.product()).isEqualTo("zeek");
        assertThat(e.channel()).isEqualTo("zeek/dns");
        assertThat(e.host()).isEqualTo("sensor-9");
        assertThat(e.eventId()).isEqualTo(-1);
        assertThat(e.provider()).isNull();
        assertThat(e.get("query")).isEqualTo("example.com");
        Event w = Events.of(Map.of("EventID", 1, "Channel", "Security"), null, "x", 1);
        assertThat(w.product()).isEqualTo("windows");
        assertThat(w.channel()).isEqualTo("Security");
    }

    @Test
    void lazyTsvEventsBehaveLikeMapsAndRepeatedNamesStillRead() throws IOException {
        Path f = tmp.resolve("weird.log");
        Files.writeString(
                f,
                "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\tweird\n"
                        + "#fields\tts\tn\td\ts\tv\t_node_name\n"
                        + "#types\ttime\tcount\tdouble\tstring\tvector[count]\tstring\n"
                        + "-12.5\t007\t1e3\ta\\x2cb\t1,-,3\tsensor-1\n"
                        + "1709280000\t18446744073709551615\t.5\t(empty)\t(empty)\t-\n"
                        + "1709280000.1234567891\t1\t2\tx\t1,(empty)\t-\n"
                        + "#fields\tts\tx\tx\n#types\ttime\tstring\tstring\n"
                        + "1709280000\tfirst\tsecond\n"
                        + "1709280000\tonly\t-\n",
                StandardCharsets.UTF_8);
        TestFiles.Events r = TestFiles.read(f);
        assertThat(r.events()).hasSize(4);
        assertThat(r.stats().errors())
                .singleElement()
                .hasToString(f + ":10: column 'v' (vector[count]): bad integer '(empty)'");
        Event a = r.events().get(0);
        assertThat(a.timestamp()).isEqualTo(Instant.ofEpochSecond(-13, 500_000_000));
        assertThat(a.fields())
                .containsExactly(
                        Map.entry("ts", Instant.ofEpochSecond(-13, 500_000_000)),
                        Map.entry("n", 7L),
                        Map.entry("d", 1000.0),
                        Map.entry("s", "a,b"),
                        Map.entry("v", java.util.Arrays.asList(1L, null, 3L)),
                        Map.entry("_node_name", "sensor-1"));
        assertThat(a.fields()).isEqualTo(new java.util.LinkedHashMap<>(a.fields()));
        assertThat(a.fields().toString()).isEqualTo(new java.util.LinkedHashMap<>(a.fields()).toString());
        assertThat(a.host()).isEqualTo("sensor-1");
        assertThat(a.channel()).isEqualTo("zeek/weird");
        Event b = r.events().get(1);
        assertThat(b.get("n")).isEqualTo(new BigDecimal("18446744073709551615"));
        assertThat(b.get("d")).isEqualTo(0.5);
        assertThat(b.get("s")).isEqualTo("");
        assertThat(b.get("v")).isEqualTo(List.of());
        assertThat(b.fields()).hasSize(5).doesNotContainKey("_node_name");
        assertThat(b.fieldNames()).containsExactly("ts", "n", "d", "s", "v");
        assertThat(b.host()).isNull();
        Event c = r.events().get(2);
        assertThat(c.fields())
                .containsExactly(Map.entry("ts", Instant.ofEpochSecond(1709280000)), Map.entry("x", "second"));
        Event d = r.events().get(3);
        assertThat(d.get("x")).isEqualTo("only");
    }
}
