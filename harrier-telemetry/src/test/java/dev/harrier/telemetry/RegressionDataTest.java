package dev.harrier.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.harrier.core.Limits;
import dev.harrier.testkit.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/** Every evtx_dump JSON file of SigmaHQ's regression data reads cleanly and agrees with a direct Jackson read. */
class RegressionDataTest {
    /** A plain mapper: the project's one rejects trailing tokens, and these files are concatenated objects. */
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static List<Path> jsonFiles(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        }
    }

    /** All root values of a file, read whole with Jackson (fine for these small files). */
    private static List<JsonNode> jacksonRead(Path f) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (JsonParser p = MAPPER.getFactory().createParser(f.toFile())) {
            while (p.nextToken() != null) {
                out.add(MAPPER.readTree(p));
            }
        }
        return out;
    }

    private static Object expectedEventId(JsonNode system) {
        JsonNode id = system.path("EventID");
        if (id.isObject()) {
            id = id.path("#text");
        }
        return id.isNumber() ? (Object) id.asLong() : (Object) Long.parseLong(id.asText());
    }

    @Test
    void everyRegressionFileReadsWithNoBadRecordsAndMatchesJackson() throws IOException {
        Path root = SharedData.require("sigma/regression_data");
        List<Path> files = jsonFiles(root);
        assertThat(files).hasSizeGreaterThan(100);
        SoftAssertions soft = new SoftAssertions();
        long total = 0;
        for (Path f : files) {
            List<JsonNode> expected = jacksonRead(f);
            assertThat(EventSources.detect(f, Limits.defaults()))
                    .as(f.toString())
                    .contains(TelemetryFormat.EVTX_JSON);
            List<Event> events = new ArrayList<>();
            ReadStats stats;
            try (EventSource src = EventSources.open(f, Limits.defaults())) {
                src.forEach(events::add);
                stats = src.stats();
            }
            total += events.size();
            soft.assertThat(stats.badRecords()).as(f + " " + stats.errors()).isZero();
            soft.assertThat(events).as(f.toString()).hasSize(expected.size());
            if (events.isEmpty()) {
                continue;
            }
            JsonNode system = expected.get(0).path("Event").path("System");
            Event first = events.get(0);
            soft.assertThat(first.get("EventID")).as(f + " EventID").isEqualTo(expectedEventId(system));
            soft.assertThat(first.get("Channel"))
                    .as(f + " Channel")
                    .isEqualTo(system.path("Channel").asText());
            soft.assertThat(first.get("Provider_Name"))
                    .as(f + " Provider_Name")
                    .isEqualTo(system.path("Provider")
                            .path("#attributes")
                            .path("Name")
                            .asText());
            soft.assertThat(first.host())
                    .as(f + " Computer")
                    .isEqualTo(system.path("Computer").asText());
            soft.assertThat(first.timestamp()).as(f + " timestamp").isNotNull();
            // every EventData key is a top-level field with the same text
            JsonNode data = expected.get(0).path("Event").path("EventData");
            data.properties().forEach(e -> {
                if (!e.getKey().equals("#attributes")
                        && e.getValue().isValueNode()
                        && !e.getValue().isNull()) {
                    soft.assertThat(String.valueOf(first.get(e.getKey())))
                            .as(f + " " + e.getKey())
                            .isEqualTo(e.getValue().asText());
                }
            });
        }
        soft.assertAll();
        assertThat(total).isGreaterThanOrEqualTo(files.size());
    }

    @Test
    void theWholeRegressionTreeReadsAsOneSource() throws IOException {
        Path root = SharedData.require("sigma/regression_data");
        long expected = 0;
        List<Path> all;
        try (Stream<Path> s = Files.walk(root)) {
            all = s.filter(Files::isRegularFile).toList();
        }
        int detected = 0;
        for (Path f : all) {
            // content decides, not the name: a .jsoncls file holds evtx JSON too; .evtx/.yml/.raw do not
            if (EventSources.detect(f, Limits.defaults()).isPresent()) {
                detected++;
                expected += jacksonRead(f).size();
            }
        }
        assertThat(detected).isGreaterThan(jsonFiles(root).size());
        try (EventSource src = EventSources.open(root, Limits.defaults())) {
            long[] n = {0};
            src.forEach(e -> n[0]++);
            ReadStats s = src.stats();
            assertThat(n[0]).isEqualTo(expected);
            assertThat(s.badRecords()).as("%s", s.errors()).isZero();
            // .evtx and .yml files beside the JSON are skipped and reported, not read
            assertThat(s.skippedFiles()).isGreaterThan(0);
            assertThat(s.errors()).allSatisfy(e -> assertThat(e.reason()).startsWith("skipped:"));
        }
    }
}
