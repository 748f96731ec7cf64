package dev.harrier.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.harrier.core.Limits;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EventSourcesTest {
    @TempDir
    Path tmp;

    private List<Event> events(Path p) throws IOException {
        List<Event> out = new ArrayList<>();
        try (EventSource src = EventSources.open(p, Limits.defaults())) {
            src.forEach(out::add);
            assertThat(src.stats().events()).isEqualTo(out.size());
        }
        return out;
    }

    @Test
    void evtxJsonConcatenatedWithoutSeparatorsAndPrettyPrinted() throws IOException {
        Path f = TestFiles.copy("evtx_concat.json", tmp);
        assertThat(EventSources.detect(f, Limits.defaults())).contains(TelemetryFormat.EVTX_JSON);
        List<Event> ev = events(f);
        assertThat(ev).hasSize(3);

        Event sysmon = ev.get(0);
        assertThat(sysmon.eventId()).isEqualTo(1);
        assertThat(sysmon.get("EventID")).isEqualTo(1L);
        assertThat(sysmon.channel()).isEqualTo("Microsoft-Windows-Sysmon/Operational");
        assertThat(sysmon.provider()).isEqualTo("Microsoft-Windows-Sysmon");
        assertThat(sysmon.get("Provider_Guid")).isEqualTo("5770385F-C22A-43E0-BF4C-06F5698FFBD9");
        assertThat(sysmon.host()).isEqualTo("ws01.corp.example");
        assertThat(sysmon.get("Computer")).isEqualTo("ws01.corp.example");
        assertThat(sysmon.get("Image")).isEqualTo("C:\\Windows\\System32\\cmd.exe");
        assertThat(sysmon.get("CommandLine")).isEqualTo("cmd.exe /c whoami");
        assertThat(sysmon.get("ProcessId")).isEqualTo(4460L);
        assertThat(sysmon.get("Level")).isEqualTo(4L);
        assertThat(sysmon.get("EventRecordID")).isEqualTo(100L);
        assertThat(sysmon.get("Execution_ProcessID")).isEqualTo(3208L);
        assertThat(sysmon.timestamp()).isEqualTo(Instant.parse("2024-03-01T10:00:00.123456Z"));
        // original nested paths still answer
        assertThat(sysmon.get("Event.System.Execution.#attributes.ThreadID")).isEqualTo(1724L);
        assertThat(sysmon.get("Event.EventData.IntegrityLevel")).isEqualTo("High");
        assertThat(sysmon.get("image")).isNull(); // case-sensitive
        assertThat(sysmon.fieldNames()).contains("Image", "CommandLine", "EventID", "Event.System.Channel");
        assertThat(sysmon.line()).isEqualTo(1);
        assertThat(sysmon.source()).isEqualTo(f.toString());

        Event security = ev.get(1);
        assertThat(security.eventId()).isEqualTo(4688); // {"#text": 4688, "#attributes": {...}}
        assertThat(security.get("EventID")).isEqualTo(4688L);
        assertThat(security.get("CommandLine")).isEqualTo("net user");
        assertThat(security.provider()).isEqualTo("Microsoft-Windows-Security-Auditing");
        assertThat(security.line()).isEqualTo(22);

        Event wmi = ev.get(2);
        assertThat(wmi.eventId()).isEqualTo(5858);
        assertThat(wmi.get("ResultCode")).isEqualTo("0x80041003"); // UserData children flattened
        assertThat(wmi.get("xmlns")).isNull();
        assertThat(wmi.timestamp()).isNull();
        assertThat(wmi.line()).isEqualTo(23);
    }

    @Test
    void evtxJsonOnePerLineSkipsABadLineAndReadsOn() throws IOException {
        Path f = TestFiles.copy("evtx_lines.json", tmp);
        TestFiles.Read r = TestFiles.readAll(f);
        assertThat(r.events()).hasSize(2);
        assertThat(r.stats().badRecords()).isEqualTo(1);
        assertThat(r.stats().errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.source()).isEqualTo(f.toString());
            assertThat(e.reason()).startsWith("bad JSON");
        });
        List<Event> ev = events(f);
        assertThat(ev.get(0).get("DestinationPort")).isEqualTo(443L);
        assertThat(ev.get(0).get("Initiated")).isEqualTo(true);
        assertThat(ev.get(1).line()).isEqualTo(3);
        assertThat(ev.get(1).get("ServiceName")).isEqualTo("evil"); // <Data Name="ServiceName">evil</Data>
        assertThat(ev.get(1).get("ImagePath")).isEqualTo("C:\\evil.exe");
    }

    @Test
    void evtxSyntaxErrorEndsThatFileOnlyAndTheNextFileIsRead() throws IOException {
        Path dir = tmp.resolve("d");
        Files.createDirectories(dir);
        String good = new String(TestFiles.resource("evtx_concat.json"), StandardCharsets.UTF_8);
        int cut = good.indexOf("}{") + 1;
        // first object intact, the second truncated mid-way, then garbage
        Files.writeString(dir.resolve("a.json"), good.substring(0, cut + 40) + " ]]] " + good);
        Files.write(dir.resolve("b.json"), TestFiles.resource("evtx_concat.json"));
        TestFiles.Read r = TestFiles.readAll(dir);
        assertThat(r.events()).hasSize(1 + 3);
        assertThat(r.stats().badRecords()).isEqualTo(1);
        ReadError err = r.stats().errors().get(0);
        assertThat(err.source()).endsWith("a.json");
        assertThat(err.line()).isEqualTo(22);
        assertThat(err.reason()).contains("rest of the file skipped");
    }

    @Test
    void evtxWrongShapeIsCountedAndSkipped() throws IOException {
        Path f = tmp.resolve("x.json");
        Files.writeString(
                f,
                "{\"Event\":{\"System\":{\"EventID\":1,\"Channel\":\"A\"}}}\n"
                        + "{\"Event\":{\"NoSystem\":1}}\n"
                        + "{\"Event\":{\"System\":{\"EventID\":2,\"Channel\":\"B\"}}}\n");
        TestFiles.Read r = TestFiles.readAll(f);
        assertThat(r.events()).extracting(m -> m.get("Channel")).containsExactly("A", "B");
        assertThat(r.stats().errors())
                .singleElement()
                .hasToString(f + ":2: expected {\"Event\":{\"System\":...}}, no \"Event.System\" object");
    }

    @Test
    void ecsNdjson() throws IOException {
        Path f = TestFiles.copy("ecs.ndjson", tmp);
        assertThat(EventSources.detect(f, Limits.defaults())).contains(TelemetryFormat.ECS_NDJSON);
        List<Event> ev = events(f);
        assertThat(ev).hasSize(3);
        Event a = ev.get(0);
        assertThat(a.eventId()).isEqualTo(1);
        assertThat(a.channel()).isEqualTo("Microsoft-Windows-Sysmon/Operational");
        assertThat(a.provider()).isEqualTo("Microsoft-Windows-Sysmon");
        assertThat(a.host()).isEqualTo("WS01"); // winlog.computer_name first
        assertThat(a.get("Image")).isEqualTo("C:\\Windows\\System32\\rundll32.exe");
        assertThat(a.get("CommandLine")).isEqualTo("rundll32.exe evil.dll,Start");
        assertThat(a.get("winlog.event_data.ParentImage")).isEqualTo("C:\\Windows\\explorer.exe");
        assertThat(a.get("host.name")).isEqualTo("ws01.corp.example");
        assertThat(a.get("EventRecordID")).isEqualTo("4711");
        assertThat(a.timestamp()).isEqualTo(Instant.parse("2024-03-01T12:00:00Z"));

        Event b = ev.get(1);
        assertThat(b.eventId()).isEqualTo(4625); // from event.code "4625"
        assertThat(b.get("EventID")).isEqualTo(4625L);
        assertThat(b.host()).isEqualTo("dc01"); // host.name
        assertThat(b.get("LogonType")).isEqualTo("3");
        assertThat(b.timestamp()).isEqualTo(Instant.parse("2024-03-01T11:00:05Z"));
        assertThat(b.line()).isEqualTo(2);

        Event c = ev.get(2); // dotted keys instead of nested objects
        assertThat(c.eventId()).isEqualTo(400);
        assertThat(c.channel()).isEqualTo("Windows PowerShell");
        assertThat(c.provider()).isEqualTo("PowerShell");
        assertThat(c.host()).isEqualTo("ws09");
        assertThat(c.get("HostApplication")).isEqualTo("powershell -enc AAAA");
    }

    @Test
    void flatJsonLines() throws IOException {
        Path f = TestFiles.copy("flat.json", tmp);
        assertThat(EventSources.detect(f, Limits.defaults())).contains(TelemetryFormat.FLAT_JSON);
        List<Event> ev = events(f);
        assertThat(ev).hasSize(3);
        Event a = ev.get(0);
        assertThat(a.eventId()).isEqualTo(1);
        assertThat(a.host()).isEqualTo("ws01.corp.example");
        assertThat(a.get("Hostname")).isEqualTo("ws01.corp.example");
        assertThat(a.provider()).isEqualTo("Microsoft-Windows-Sysmon");
        assertThat(a.channel()).isEqualTo("Microsoft-Windows-Sysmon/Operational");
        assertThat(a.get("CommandLine")).isEqualTo("procdump -ma lsass.exe");
        assertThat(a.get("Keywords")).isEqualTo(Long.MIN_VALUE);
        assertThat(a.timestamp()).isEqualTo(Instant.parse("2024-03-01T13:00:00Z"));

        Event b = ev.get(1);
        assertThat(b.get("EventID")).isEqualTo(4624L); // "4624" normalized
        assertThat(b.provider()).isEqualTo("Microsoft-Windows-Security-Auditing");
        assertThat(b.get("LogonType")).isEqualTo(3L);
        assertThat(b.get("ElevatedToken")).isEqualTo(false);
        assertThat(b.get("Ratio")).isEqualTo(0.25);
        assertThat(b.timestamp()).isEqualTo(Instant.parse("2024-03-01T13:00:02.5Z"));

        Event c = ev.get(2);
        assertThat(c.host()).isEqualTo("ws07");
        assertThat(c.provider()).isEqualTo("Microsoft-Windows-PowerShell");
        assertThat(c.get("Tags")).isEqualTo(List.of("a", "b"));
        assertThat(c.timestamp()).isEqualTo(Instant.parse("2024-03-01T11:00:03Z"));
    }

    @Test
    void exactNumbersStayExact() throws IOException {
        Path f = tmp.resolve("n.json");
        Files.writeString(
                f, "{\"EventID\":1,\"Big\":123456789012345678901234567890,\"Dec\":0.1000000000000000000001}\n");
        Event e = events(f).get(0);
        assertThat(e.get("Big")).isEqualTo(new BigDecimal("123456789012345678901234567890"));
        assertThat(e.get("Dec")).isEqualTo(new BigDecimal("0.1000000000000000000001"));
    }

    @Test
    void badLinesAreReportedWithLineNumbersAndTheRestIsRead() throws IOException {
        Path f = TestFiles.copy("flat_bad.json", tmp);
        TestFiles.Read r = TestFiles.readAll(f);
        assertThat(r.events()).extracting(m -> m.get("Computer")).containsExactly("h1", "h7");
        assertThat(r.stats().events()).isEqualTo(2);
        assertThat(r.stats().badRecords()).isEqualTo(4);
        assertThat(r.stats().errors()).extracting(ReadError::line).containsExactly(2L, 3L, 5L, 6L);
        assertThat(r.stats().errors().get(0).reason()).startsWith("bad JSON");
        assertThat(r.stats().errors().get(1).reason()).isEqualTo("expected a JSON object, got an array");
        assertThat(r.stats().errors().get(2).reason()).contains("more data after the record");
        assertThat(r.stats().errors().get(3).reason()).isEqualTo("expected a JSON object, got a string");
        assertThat(r.stats().errors()).allSatisfy(e -> assertThat(e.source()).isEqualTo(f.toString()));
    }

    @Test
    void overlongLinesAreReportedAndSkipped() throws IOException {
        Path f = tmp.resolve("long.json");
        String big = "x".repeat(5000);
        Files.writeString(
                f,
                "{\"EventID\":1}\n{\"EventID\":2,\"Pad\":\"" + big + "\"}\n{\"EventID\":3}\n",
                StandardCharsets.UTF_8);
        Limits small = new Limits(64, 8 << 20, 100, 1000, 4L << 20, 10_000, 5_000_000L, 1024, 1000, 1L << 30);
        TestFiles.Read r = TestFiles.readAll(f, small);
        assertThat(r.events()).extracting(m -> m.get("EventID")).containsExactly("1", "3");
        assertThat(r.stats().errors())
                .singleElement()
                .hasToString(f + ":2: line longer than 1024 bytes (Limits.maxLineLength)");
    }

    @Test
    void deepNestingIsRejectedPerRecord() throws IOException {
        Path f = tmp.resolve("deep.json");
        Files.writeString(f, "{\"EventID\":1}\n{\"a\":" + "[".repeat(200) + "]".repeat(200) + "}\n{\"EventID\":3}\n");
        TestFiles.Read r = TestFiles.readAll(f);
        assertThat(r.events()).hasSize(2);
        assertThat(r.stats().errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.reason()).contains("depth");
        });
    }

    @Test
    void gzipAndZstdGiveIdenticalEvents() throws IOException {
        for (String name : List.of("evtx_concat.json", "evtx_lines.json", "ecs.ndjson", "flat.json", "flat_bad.json")) {
            byte[] plain = TestFiles.resource(name);
            Path p = tmp.resolve(name);
            Path gz = tmp.resolve(name + ".gz");
            Path zst = tmp.resolve("no-extension-" + name);
            Files.write(p, plain);
            Files.write(gz, TestFiles.gzip(plain));
            Files.write(zst, TestFiles.zstd(plain));
            TestFiles.Read a = TestFiles.readAll(p);
            TestFiles.Read b = TestFiles.readAll(gz);
            TestFiles.Read c = TestFiles.readAll(zst);
            assertThat(a.events()).isNotEmpty();
            assertThat(b.events()).as(name + " gzip").isEqualTo(a.events());
            assertThat(c.events()).as(name + " zstd").isEqualTo(a.events());
            assertThat(b.stats().badRecords()).isEqualTo(a.stats().badRecords());
            assertThat(c.stats().errors())
                    .extracting(ReadError::line)
                    .isEqualTo(a.stats().errors().stream().map(ReadError::line).toList());
            assertThat(EventSources.detect(zst, Limits.defaults()))
                    .isEqualTo(EventSources.detect(p, Limits.defaults()));
        }
    }

    @Test
    void concatenatedGzipMembersAreReadAsOneStream() throws IOException {
        byte[] a = TestFiles.gzip(TestFiles.resource("flat.json"));
        byte[] b = TestFiles.gzip(TestFiles.resource("flat.json"));
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        Path f = tmp.resolve("two.gz");
        Files.write(f, both);
        assertThat(TestFiles.readAll(f).events()).hasSize(6);
    }

    @Test
    void directoriesAreWalkedSortedSkippingHiddenAndUnknownFiles() throws IOException {
        Path root = tmp.resolve("logs");
        Files.createDirectories(root.resolve("b-sub/deeper"));
        Files.createDirectories(root.resolve(".hidden-dir"));
        Files.write(root.resolve("c.json"), TestFiles.resource("flat.json"));
        Files.write(root.resolve("a.ndjson.gz"), TestFiles.gzip(TestFiles.resource("ecs.ndjson")));
        Files.write(root.resolve("b-sub/deeper/x.json.zst"), TestFiles.zstd(TestFiles.resource("evtx_concat.json")));
        Files.write(root.resolve(".hidden.json"), TestFiles.resource("flat.json"));
        Files.write(root.resolve(".hidden-dir/y.json"), TestFiles.resource("flat.json"));
        Files.writeString(root.resolve("b-sub/rule.yml"), "title: not telemetry\n");
        Files.write(root.resolve("b-sub/native.evtx"), "ElfFile\0\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(root.resolve("d-empty.json"), "");

        List<String> order = new ArrayList<>();
        try (EventSource src = EventSources.open(root, Limits.defaults())) {
            src.forEach(e -> order.add(root.relativize(Path.of(e.source())) + ":" + e.line()));
            ReadStats s = src.stats();
            assertThat(s.events()).isEqualTo(9);
            assertThat(s.badRecords()).isZero();
            assertThat(s.files()).isEqualTo(4); // a, x, c and the empty file
            assertThat(s.skippedFiles()).isEqualTo(2);
            assertThat(s.errors())
                    .extracting(e -> root.relativize(Path.of(e.source())).toString())
                    .containsExactly("b-sub/deeper/../native.evtx".replace("deeper/../", ""), "b-sub/rule.yml");
            assertThat(s.errors().get(0).reason()).contains("native .evtx is not supported yet");
        }
        assertThat(order)
                .containsExactly(
                        "a.ndjson.gz:1",
                        "a.ndjson.gz:2",
                        "a.ndjson.gz:3",
                        "b-sub/deeper/x.json.zst:1",
                        "b-sub/deeper/x.json.zst:22",
                        "b-sub/deeper/x.json.zst:23",
                        "c.json:1",
                        "c.json:2",
                        "c.json:3");
    }

    @Test
    void detectionSurvivesABadFirstLineAndABom() throws IOException {
        Path f = tmp.resolve("f.json");
        Files.writeString(
                f,
                "\uFEFF{\"broken\n"
                        + "{\"winlog\":{\"channel\":\"Security\",\"event_id\":4624},\"host\":{\"name\":\"h\"}}\n");
        assertThat(EventSources.detect(f, Limits.defaults())).contains(TelemetryFormat.ECS_NDJSON);
        TestFiles.Read r = TestFiles.readAll(f);
        assertThat(r.events()).singleElement().satisfies(m -> assertThat(m).containsEntry("EventID", "4624"));
        assertThat(r.stats().errors()).extracting(ReadError::line).containsExactly(1L);
    }

    @Test
    void detectRejectsNonJson() throws IOException {
        Path f = tmp.resolve("t.txt");
        Files.writeString(f, "hello world\n");
        assertThat(EventSources.detect(f, Limits.defaults())).isEqualTo(Optional.empty());
        TestFiles.Read r = TestFiles.readAll(f);
        assertThat(r.events()).isEmpty();
        assertThat(r.stats().skippedFiles()).isEqualTo(1);
        assertThat(r.stats().errors().get(0).reason()).contains("not JSON objects");
    }

    @Test
    void forcedFormatAndMissingPath() throws IOException {
        Path f = TestFiles.copy("flat.json", tmp);
        try (EventSource src = EventSources.open(f, TelemetryFormat.ECS_NDJSON, Limits.defaults())) {
            Event e = src.next();
            assertThat(e).isNotNull();
            assertThat(e.channel()).isNull(); // read as ECS: no winlog.channel
        }
        assertThatThrownBy(() -> EventSources.open(tmp.resolve("nope"), Limits.defaults()))
                .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void eventsAreImmutable() throws IOException {
        Event e = events(TestFiles.copy("flat.json", tmp)).get(2);
        Object tags = e.get("Tags");
        assertThat(tags).isInstanceOf(List.class);
        assertThatThrownBy(() -> ((List<?>) tags).clear()).isInstanceOf(UnsupportedOperationException.class);
        Event first = events(TestFiles.copy("ecs.ndjson", tmp)).get(0);
        Object host = first.get("host");
        assertThat(host).isInstanceOf(Map.class);
        assertThatThrownBy(() -> ((Map<?, ?>) host).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void aRecordOverThePropertyLimitIsSkippedInConcatenatedInput() throws IOException {
        StringBuilder big = new StringBuilder("{\"Event\":{\"System\":{\"EventID\":2},\"EventData\":{");
        for (int i = 0; i < 50; i++) {
            big.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":[1,2,{\"x\":3}]");
        }
        big.append("}}}");
        Path f = tmp.resolve("c.json");
        Files.writeString(
                f, "{\"Event\":{\"System\":{\"EventID\":1}}}" + big + "\n{\"Event\":{\"System\":{\"EventID\":3}}}");
        Limits small = new Limits(64, 8 << 20, 100, 1000, 4L << 20, 100, 5_000_000L, 64 << 10, 1000, 1L << 30);
        TestFiles.Read r = TestFiles.readAll(f, small);
        assertThat(r.events()).extracting(m -> m.get("EventID")).containsExactly("1", "3");
        assertThat(r.events().get(1)).containsEntry("@line", 2L);
        assertThat(r.stats().errors()).singleElement().satisfies(e -> {
            assertThat(e.line()).isEqualTo(1);
            assertThat(e.reason()).isEqualTo("more than 100 properties and items in one record");
        });
    }

    @Test
    void errorsAreCappedButAllCounted() throws IOException {
        Path f = tmp.resolve("many-bad.json");
        Files.writeString(f, "{\"EventID\":1}\n" + "nope\n".repeat(30) + "{\"EventID\":2}\n");
        Limits small = new Limits(64, 8 << 20, 100, 1000, 4L << 20, 10_000, 5_000_000L, 64 << 10, 5, 1L << 30);
        TestFiles.Read r = TestFiles.readAll(f, small);
        assertThat(r.events()).hasSize(2);
        assertThat(r.stats().badRecords()).isEqualTo(30);
        assertThat(r.stats().errors()).extracting(ReadError::line).containsExactly(2L, 3L, 4L, 5L, 6L);
    }
}
