package dev.harrier.detect.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harrier.core.Json;
import dev.harrier.core.Limits;
import dev.harrier.detect.sigma.SigmaRules;
import dev.harrier.telemetry.Event;
import dev.harrier.telemetry.EventSource;
import dev.harrier.telemetry.EventSources;
import dev.harrier.testkit.SharedData;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark corpus built from SigmaHQ's regression events, and a small {@link DetectBench} run over it. */
class CorpusBuilderTest {
    private static final int N = 2_000;

    private static Path regression;
    private static CorpusBuilder builder;

    @TempDir
    Path tmp;

    @BeforeAll
    static void seeds() throws IOException {
        // skips the class with a clear message when ../shared/data is absent
        regression = SharedData.require("sigma/regression_data");
        builder = CorpusBuilder.fromRegressionData(regression);
    }

    @Test
    void everyLineIsAnEventTheReaderAccepts() throws IOException {
        assertThat(builder.seeds()).hasSizeGreaterThan(100);
        Path corpus = tmp.resolve("c.ndjson");
        CorpusBuilder.Summary s = builder.write(corpus, N, false, n -> {});
        assertThat(s.events()).isEqualTo(N);
        assertThat(s.bytes()).isEqualTo(Files.size(corpus));
        List<String> lines = Files.readAllLines(corpus, StandardCharsets.UTF_8);
        assertThat(lines).hasSize(N);
        for (String line : lines) {
            JsonNode n = Json.mapper().readTree(line);
            assertThat(n.path("Event").path("System").isObject()).as(line).isTrue();
        }
        long events = 0;
        try (EventSource src = EventSources.open(corpus, Limits.defaults())) {
            for (Event e = src.next(); e != null; e = src.next()) {
                events++;
                assertThat(e.eventId()).isNotNegative();
                assertThat(e.timestamp()).isNotNull();
            }
            assertThat(src.stats().badRecords()).isZero();
            assertThat(src.stats().errors()).isEmpty();
        }
        assertThat(events).isEqualTo(N);
    }

    @Test
    void copiesAreVaried() throws IOException {
        Path corpus = tmp.resolve("c.ndjson");
        builder.write(corpus, N, false, n -> {});
        Set<String> hosts = new HashSet<>();
        Set<String> images = new HashSet<>();
        Set<Object> guids = new HashSet<>();
        List<Instant> times = new ArrayList<>();
        long record = 0;
        try (EventSource src = EventSources.open(corpus, Limits.defaults())) {
            for (Event e = src.next(); e != null; e = src.next()) {
                hosts.add(String.valueOf(e.host()));
                Object image = e.get("Image");
                if (image != null) {
                    images.add(image.toString());
                }
                Object guid = e.get("ProcessGuid");
                if (guid != null) {
                    guids.add(guid);
                }
                times.add(e.timestamp());
                assertThat(e.get("EventRecordID")).isEqualTo(++record);
            }
        }
        assertThat(hosts).hasSizeGreaterThan(500);
        // the seeds have about 150 distinct images; perturbed copies get new file and directory names
        assertThat(images).hasSizeGreaterThan(1_000);
        assertThat(guids).hasSizeGreaterThan(N / 2);
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i)).isAfter(times.get(i - 1));
        }
        Set<String> seedImages = new HashSet<>();
        for (var seed : builder.seeds()) {
            JsonNode img = seed.path("Event").path("EventData").path("Image");
            if (img.isTextual()) {
                seedImages.add(img.textValue());
            }
        }
        long unchangedImages = images.stream().filter(seedImages::contains).count();
        assertThat(unchangedImages).as("most copies are perturbed").isLessThan(images.size() / 4);
    }

    @Test
    void sameSeedSameCorpusOtherSeedOtherCorpus() throws IOException {
        Path a = tmp.resolve("a.ndjson");
        Path b = tmp.resolve("b.ndjson");
        Path c = tmp.resolve("c.ndjson");
        builder.write(a, 500, false, n -> {});
        builder.write(b, 500, false, n -> {});
        builder.withRandomSeed(7).write(c, 500, false, n -> {});
        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
        assertThat(Files.readAllBytes(a)).isNotEqualTo(Files.readAllBytes(c));
    }

    @Test
    void gzipCorpusReadsTheSame() throws IOException {
        Path plain = tmp.resolve("c.ndjson");
        Path gz = tmp.resolve("c.ndjson.gz");
        builder.write(plain, 300, false, n -> {});
        builder.write(gz, 300, true, n -> {});
        assertThat(Files.size(gz)).isLessThan(Files.size(plain));
        assertThat(DetectBench.parseAndMap(gz, Limits.defaults()).events()).isEqualTo(300);
        assertThat(DetectBench.parseOnly(gz, Json.mapper()).events()).isEqualTo(300);
        try (BufferedReader r = Files.newBufferedReader(plain, StandardCharsets.UTF_8)) {
            assertThat(r.lines().count()).isEqualTo(300);
        }
    }

    @Test
    void benchCountsAgree() throws IOException {
        Path corpus = tmp.resolve("c.ndjson");
        builder.write(corpus, N, false, n -> {});
        Path rules = regression.getParent().resolve("rules/windows/process_creation");
        SigmaRules.Loaded loaded = DetectBench.loadRules(List.of(rules), n -> {});
        assertThat(loaded.ruleSet().rules()).hasSizeGreaterThan(500);

        DetectBench.Result r = new DetectBench(loaded, Limits.defaults()).run(corpus, 1, msg -> {});

        assertThat(r.events()).isEqualTo(N);
        assertThat(r.parsedObjects()).isEqualTo(r.events());
        assertThat(r.badRecords()).isZero();
        assertThat(r.rules()).isEqualTo(loaded.ruleSet().rules().size());
        assertThat(r.parseOnly().passes()).hasSize(1);
        assertThat(r.parseAndDetect().medianEventsPerSecond()).isPositive();
        assertThat(r.detectVsParseMedian()).isPositive();
        // a realistic share of events hits: the unchanged copies and generic rules, not every copy
        assertThat(r.eventsWithHits()).isPositive().isLessThan(N / 4);
        assertThat(r.hits()).isGreaterThanOrEqualTo(r.eventsWithHits());
        assertThat(r.evaluationsPerEvent()).isPositive();
        assertThat(r.heap()).extracting(DetectBench.HeapPoint::percent).containsExactly(25, 50, 75, 100);
        assertThat(r.heap()).extracting(DetectBench.HeapPoint::events).containsExactly(500L, 1_000L, 1_500L, 2_000L);
        assertThat(r.maxHeapBytes()).isPositive();
        assertThat(r.toText()).contains("parse + detect / parse only");
        assertThat(Json.mapper().readTree(r.toJson()).path("events").asLong()).isEqualTo(N);

        DetectBench.Pass p = DetectBench.parseOnly(corpus, Json.mapper());
        DetectBench.Pass d = DetectBench.parseAndDetect(corpus, Limits.defaults(), loaded.ruleSet());
        assertThat(d.events()).isEqualTo(p.events()).isEqualTo(N);
        assertThat(d.hits()).isEqualTo(r.hits());
    }
}
