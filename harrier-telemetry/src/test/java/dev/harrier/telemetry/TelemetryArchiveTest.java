package dev.harrier.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.core.Limits;
import dev.harrier.testkit.SharedData;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link TelemetryArchive}: round trip, index skipping, corrupt segments, idempotence, flat memory. */
class TelemetryArchiveTest {
    private static final Instant T0 = Instant.parse("2026-03-02T09:40:00Z");

    @TempDir
    Path tmp;

    private TelemetryArchive archive() {
        return TelemetryArchive.ofCase(tmp.resolve("case"), Limits.defaults());
    }

    private static List<Event> all(EventSource src) throws IOException {
        List<Event> out = new ArrayList<>();
        src.forEach(out::add);
        return out;
    }

    private static void assertSame(Event a, Event b) {
        assertThat(b.fields()).as("fields of %s", a).isEqualTo(a.fields());
        for (Map.Entry<String, @Nullable Object> f : a.fields().entrySet()) {
            Object v = f.getValue();
            Object w = b.fields().get(f.getKey());
            if (v instanceof List) {
                assertThat(w).as(f.getKey()).isInstanceOf(List.class);
            } else if (v instanceof Map) {
                assertThat(w).as(f.getKey()).isInstanceOf(Map.class);
            } else if (v != null && w != null) {
                assertThat(w.getClass()).as(f.getKey()).isEqualTo(v.getClass());
            }
        }
        assertThat(b.timestamp()).isEqualTo(a.timestamp());
        assertThat(b.host()).isEqualTo(a.host());
        assertThat(b.channel()).isEqualTo(a.channel());
        assertThat(b.product()).isEqualTo(a.product());
        assertThat(b.provider()).isEqualTo(a.provider());
        assertThat(b.eventId()).isEqualTo(a.eventId());
        assertThat(b.source()).isEqualTo(a.source());
        assertThat(b.line()).isEqualTo(a.line());
    }

    @Test
    void roundTripKeepsEveryFieldTypeAndOrigin() throws IOException {
        List<Path> inputs = new ArrayList<>();
        inputs.add(SharedData.repoRoot().resolve("samples/logs"));
        Path net = Path.of("src/test/resources/network");
        for (String n : List.of("conn.log", "dns.log", "http.log", "ssl.log", "x509.log", "files.log", "eve.json")) {
            inputs.add(net.resolve(n).toAbsolutePath());
        }
        List<Event> originals = new ArrayList<>();
        TelemetryArchive a = archive().withSegmentEvents(7);
        for (Path p : inputs) {
            try (EventSource src = EventSources.open(p, Limits.defaults())) {
                originals.addAll(all(src));
            }
        }
        Map<String, @Nullable Object> typed = new LinkedHashMap<>();
        typed.put("s", "text");
        typed.put("n", 42L);
        typed.put("d", 1.5);
        typed.put("whole", 2.0);
        typed.put("nan", Double.NaN);
        typed.put("big", new BigDecimal("18446744073709551615"));
        typed.put("b", true);
        typed.put("nil", null);
        typed.put("at", Instant.parse("2026-03-02T09:41:07.123456789Z"));
        typed.put("list", List.of("a", 1L, List.of(Instant.EPOCH)));
        typed.put("map", Map.of("k", List.of(1.25), "$t", "not a tag"));
        originals.add(Events.network("zeek", "zeek/x", "sensor", typed, T0, "synthetic", 3));
        originals.add(Events.of(Map.of("EventID", 1L, "Computer", "WS1", "Channel", "Security"), null, "w", 9));

        TelemetryArchive.AppendResult r;
        try (TelemetryArchive.Appender app = a.appender()) {
            for (Event e : originals) {
                app.add(e);
            }
            r = app.commit();
        }
        assertThat(r.events()).isEqualTo(originals.size());
        assertThat(r.inputs())
                .isEqualTo(originals.stream().map(Event::source).distinct().count());
        assertThat(a.segments()).hasSize((int) r.segments());
        assertThat(a.segments().stream()
                        .mapToLong(TelemetryArchive.Segment::events)
                        .sum())
                .isEqualTo(originals.size());

        List<Event> back;
        try (TelemetryArchive.Scan scan = a.open(null, null, Set.of())) {
            back = all(scan);
            assertThat(scan.stats().badRecords()).isZero();
            assertThat(scan.stats().errors()).isEmpty();
            assertThat(scan.segmentsSelected()).isEqualTo(a.segments().size());
        }
        assertThat(back).hasSize(originals.size());
        for (int i = 0; i < originals.size(); i++) {
            assertSame(originals.get(i), back.get(i));
        }
        assertThat(originals.stream().map(Event::product).distinct()).contains("windows", "zeek", "suricata");
    }

    private Event ev(String host, int minute, String source, long line) {
        return Events.network(
                "zeek",
                "zeek/conn",
                host,
                Map.of("id.orig_h", "10.0.0." + line, "ts", T0.plusSeconds(60L * minute)),
                T0.plusSeconds(60L * minute),
                source,
                line);
    }

    @Test
    void indexSkipsSegmentsByTimeAndHost() throws IOException {
        TelemetryArchive a = archive();
        try (TelemetryArchive.Appender app = a.appender()) {
            app.add(ev("sensor-a", 0, "a.log", 1));
            app.add(ev("sensor-a", 5, "a.log", 2));
            app.add(ev("sensor-b", 10, "b.log", 1));
            app.add(ev("sensor-b", 20, "b.log", 2));
            app.add(Events.network("zeek", "zeek/conn", null, Map.of("x", "y"), null, "c.log", 1));
            app.commit();
        }
        assertThat(a.segments())
                .extracting(TelemetryArchive.Segment::file)
                .containsExactly("seg-000001.ndjson.zst", "seg-000002.ndjson.zst", "seg-000003.ndjson.zst");
        TelemetryArchive.Segment s2 = a.segments().get(1);
        assertThat(s2.minTime()).isEqualTo(T0.plusSeconds(600));
        assertThat(s2.maxTime()).isEqualTo(T0.plusSeconds(1200));
        assertThat(s2.hosts()).containsExactly("sensor-b");
        assertThat(s2.sources()).containsExactly("b.log");
        assertThat(s2.channels()).containsExactly("zeek/conn");
        assertThat(s2.products()).containsExactly("zeek");
        assertThat(a.segments().get(2).minTime()).isNull();

        try (TelemetryArchive.Scan scan = a.open(T0.plusSeconds(300), null, Set.of())) {
            assertThat(all(scan))
                    .extracting(e -> e.source() + ":" + e.line())
                    .containsExactly("a.log:2", "b.log:1", "b.log:2");
            assertThat(scan.segmentsSkipped()).isEqualTo(1); // no timestamps at all
        }
        try (TelemetryArchive.Scan scan = a.open(T0.plusSeconds(660), T0.plusSeconds(1200), Set.of())) {
            assertThat(all(scan)).isEmpty();
            assertThat(scan.segmentsSelected()).isEqualTo(1);
            assertThat(scan.segmentsSkipped()).isEqualTo(2);
        }
        try (TelemetryArchive.Scan scan = a.open(null, null, Set.of("SENSOR-A"))) {
            assertThat(all(scan)).extracting(Event::host).containsExactly("sensor-a", "sensor-a");
            assertThat(scan.segmentsSkipped()).isEqualTo(2);
            assertThat(scan.stats().files()).isEqualTo(1);
        }
        try (TelemetryArchive.Scan scan = a.open(T0.plusSeconds(3600), null, Set.of())) {
            assertThat(all(scan)).isEmpty();
            assertThat(scan.segmentsSelected()).isZero();
        }
    }

    @Test
    void corruptAndMissingSegmentsAreReportedAndTheRestIsRead() throws IOException {
        TelemetryArchive a = archive();
        try (TelemetryArchive.Appender app = a.appender()) {
            for (String src : List.of("a.log", "b.log", "c.log")) {
                for (int i = 1; i <= 50; i++) {
                    app.add(ev("s", i, src, i));
                }
            }
            app.commit();
        }
        List<TelemetryArchive.Segment> segs = a.segments();
        Path corrupt = a.dir().resolve(segs.get(0).file());
        try (RandomAccessFile f = new RandomAccessFile(corrupt.toFile(), "rw")) {
            f.seek(f.length() / 2);
            int b = f.read();
            f.seek(f.length() / 2);
            f.write(b ^ 0xff);
        }
        Files.delete(a.dir().resolve(segs.get(1).file()));
        try (TelemetryArchive.Scan scan = a.open(null, null, Set.of())) {
            List<Event> events = all(scan);
            assertThat(events)
                    .hasSize(50)
                    .allSatisfy(e -> assertThat(e.source()).isEqualTo("c.log"));
            ReadStats st = scan.stats();
            assertThat(st.skippedFiles()).isEqualTo(2);
            assertThat(st.files()).isEqualTo(1);
            assertThat(st.errors())
                    .extracting(ReadError::reason)
                    .anySatisfy(r -> assertThat(r).startsWith("corrupt segment: SHA-256"))
                    .anySatisfy(r -> assertThat(r).isEqualTo("segment missing"));
        }
    }

    @Test
    void archivingTheSameInputTwiceChangesNothing() throws IOException {
        Path logs = SharedData.repoRoot().resolve("samples/logs");
        TelemetryArchive a = archive().withSegmentEvents(5);
        TelemetryArchive.AppendResult first;
        try (EventSource src = EventSources.open(logs, Limits.defaults())) {
            first = a.append(src);
        }
        assertThat(first.inputsAlreadyArchived()).isZero();
        assertThat(first.inputs()).isEqualTo(7); // 3 Windows logs, 4 network logs
        assertThat(first.segments()).isGreaterThan(3); // rolled every 5 events
        byte[] index = Files.readAllBytes(a.dir().resolve(TelemetryArchive.INDEX));
        List<Path> files;
        try (Stream<Path> s = Files.list(a.dir())) {
            files = s.sorted().toList();
        }
        TelemetryArchive.AppendResult second;
        try (EventSource src = EventSources.open(logs, Limits.defaults())) {
            second = a.append(src);
        }
        assertThat(second.events()).isEqualTo(first.events());
        assertThat(second.inputs()).isZero();
        assertThat(second.inputsAlreadyArchived()).isEqualTo(7);
        assertThat(second.segments()).isZero();
        assertThat(Files.readAllBytes(a.dir().resolve(TelemetryArchive.INDEX))).isEqualTo(index);
        try (Stream<Path> s = Files.list(a.dir())) {
            assertThat(s.sorted().toList()).isEqualTo(files);
        }
        assertThat(a.inputs())
                .extracting(TelemetryArchive.Input::events)
                .containsExactly(
                        a.inputs().stream().map(TelemetryArchive.Input::events).toArray(Long[]::new));
        // a changed input is archived again
        try (TelemetryArchive.Appender app = a.appender()) {
            app.add(ev("s", 1, a.inputs().get(0).source(), 99));
            assertThat(app.commit().inputs()).isEqualTo(1);
        }
        // closing without commit discards the input in progress
        int before = a.segments().size();
        try (TelemetryArchive.Appender app = a.appender()) {
            app.add(ev("s", 1, "x.log", 1));
        }
        assertThat(a.segments()).hasSize(before);
        try (Stream<Path> s = Files.list(a.dir())) {
            assertThat(s.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    private static long usedAfterGc() {
        System.gc();
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void twoHundredThousandEventsWithFlatMemory() throws IOException {
        int n = 200_000;
        TelemetryArchive a = archive().withSegmentEvents(30_000);
        List<Long> samples = new ArrayList<>();
        String pad = "x".repeat(100);
        Iterator<Event> gen = new Iterator<>() {
            int i;

            @Override
            public boolean hasNext() {
                return i < n;
            }

            @Override
            public Event next() {
                i++;
                if (i % 50_000 == 0) {
                    samples.add(usedAfterGc());
                }
                return Events.of(
                        Map.of(
                                "EventID",
                                1L,
                                "Computer",
                                "ws" + (i % 500),
                                "Image",
                                "C:\\p\\" + i + ".exe",
                                "CommandLine",
                                "run --id " + i + " " + pad,
                                "ProcessId",
                                (long) i),
                        T0.plusMillis(i),
                        "big-" + (i / 70_000) + ".json",
                        i);
            }
        };
        TelemetryArchive.AppendResult r;
        try (TelemetryArchive.Appender app = a.appender()) {
            while (gen.hasNext()) {
                app.add(gen.next());
            }
            r = app.commit();
        }
        assertThat(r.events()).isEqualTo(n);
        assertThat(samples).hasSize(4);
        assertThat(samples.get(3) - samples.get(0)).as("write heap %s", samples).isLessThan(8L << 20);
        assertThat(a.segments().get(0).hosts()).hasSize(TelemetryArchive.MAX_INDEXED_HOSTS);
        assertThat(a.segments().get(0).hostsTruncated()).isTrue();

        samples.clear();
        long count = 0;
        long sum = 0;
        try (TelemetryArchive.Scan scan = a.open(null, null, Set.of("ws7"))) {
            // segments with more hosts than listed are never skipped by host; the last one holds only ws0
            assertThat(scan.segmentsSkipped())
                    .isEqualTo(a.segments().stream()
                            .filter(s -> !s.hostsTruncated() && !s.hosts().contains("ws7"))
                            .count())
                    .isEqualTo(1);
            for (Event e = scan.next(); e != null; e = scan.next()) {
                count++;
            }
        }
        assertThat(count).isEqualTo(n / 500);
        try (TelemetryArchive.Scan scan = a.open(null, null, Set.of())) {
            for (Event e = scan.next(); e != null; e = scan.next()) {
                count++;
                sum += (Long) e.get("ProcessId");
                if (count % 50_000 == 0) {
                    samples.add(usedAfterGc());
                }
            }
        }
        assertThat(sum).isEqualTo((long) n * (n + 1) / 2);
        assertThat(samples).hasSizeGreaterThanOrEqualTo(4);
        assertThat(samples.get(samples.size() - 1) - samples.get(0))
                .as("read heap %s", samples)
                .isLessThan(8L << 20);
        assertThat(Arrays.asList(a.dir().toFile().list())).contains(TelemetryArchive.INDEX);
    }
}
