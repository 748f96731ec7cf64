package dev.harrier.intel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harrier.core.Json;
import dev.harrier.core.StixObject;
import dev.harrier.core.StixTimestamps;
import dev.harrier.core.Tlp;
import dev.harrier.store.Store;
import dev.harrier.testkit.StixSchemaValidator;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Export: lossless, TLP-filtered, and valid against the OASIS STIX 2.1 schemas. */
class IntelExportTest {
    @TempDir
    Path dir;

    private static JsonNode export(Store store, Tlp max, Set<String> types) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        IntelExporter.export(store, out, new IntelExporter.Options(types, max, Tlp.CLEAR, true));
        return Json.mapper().readTree(out.toByteArray());
    }

    @Test
    void reExportOfAStix21BundleGivesTheSameJson() throws Exception {
        Path bundle = TestCases.samples().resolve("01-velvet-monsoon.stix21.json");
        try (Store store = TestCases.sqlite(dir)) {
            TestCases.importAll(store, bundle);
            JsonNode exported = export(store, Tlp.RED, Set.of());
            Map<String, JsonNode> byId = new HashMap<>();
            exported.path("objects").forEach(o -> byId.put(o.path("id").asText(), o));
            // every object of the input, at its latest version, comes back identical (property order aside)
            Map<String, JsonNode> latestIn = new HashMap<>();
            for (JsonNode o : Json.mapper().readTree(bundle.toFile()).path("objects")) {
                JsonNode prev = latestIn.get(o.path("id").asText());
                if (prev == null || key(o).compareTo(key(prev)) > 0) {
                    latestIn.put(o.path("id").asText(), o);
                }
            }
            assertThat(byId.keySet()).containsAll(latestIn.keySet());
            for (JsonNode o : latestIn.values()) {
                assertThat(byId.get(o.path("id").asText()))
                        .as(o.path("id").asText())
                        .isEqualTo(o);
            }
        }
    }

    private static String key(JsonNode o) {
        return StixTimestamps.sortKey(
                o.path("modified").asText(o.path("created").asText()));
    }

    @Test
    void maxMarkingLeavesOutWhatIsAboveIt() throws Exception {
        try (Store store = TestCases.sqlite(dir)) {
            TestCases.importAll(store, TestCases.samples());
            Map<Tlp, Integer> sizes = new HashMap<>();
            for (Tlp max : Tlp.values()) {
                JsonNode b = export(store, max, Set.of());
                for (JsonNode o : b.path("objects")) {
                    Tlp level = Tlp.highestOf(StixObject.of((com.fasterxml.jackson.databind.node.ObjectNode) o))
                            .orElse(Tlp.CLEAR);
                    assertThat(level.allowedUnder(max))
                            .as(o.path("id").asText() + " under " + max)
                            .isTrue();
                }
                sizes.put(max, b.path("objects").size());
            }
            assertThat(sizes.get(Tlp.CLEAR)).isLessThan(sizes.get(Tlp.GREEN));
            assertThat(sizes.get(Tlp.GREEN)).isLessThan(sizes.get(Tlp.AMBER));
            assertThat(sizes.get(Tlp.AMBER)).isLessThan(sizes.get(Tlp.AMBER_STRICT));
            assertThat(sizes.get(Tlp.AMBER_STRICT)).isLessThan(sizes.get(Tlp.RED));
        }
    }

    @Test
    void exportValidatesAgainstTheOasisSchemas() throws Exception {
        StixSchemaValidator validator = StixSchemaValidator.fromSharedData();
        try (Store store = TestCases.sqlite(dir)) {
            TestCases.importAll(store, TestCases.samples());
            JsonNode all = export(store, Tlp.RED, Set.of());
            List<String> problems = validator.validateBundle(all);
            assertThat(problems).isEmpty();
            JsonNode onlyActors = export(store, Tlp.AMBER, Set.of("intrusion-set"));
            assertThat(onlyActors.path("objects"))
                    .allSatisfy(o -> assertThat(o.path("type").asText()).isEqualTo("intrusion-set"));
            assertThat(validator.validateBundle(onlyActors)).isEmpty();
        }
    }

    @Test
    void schemaValidatorCatchesABrokenObject() {
        StixSchemaValidator validator = StixSchemaValidator.fromSharedData();
        JsonNode bad = StixObject.parse("{\"type\":\"intrusion-set\",\"spec_version\":\"2.1\","
                        + "\"id\":\"intrusion-set--00000000-0000-4000-8000-000000000000\",\"created\":\"yesterday\"}")
                .json();
        assertThat(validator.validateObject(bad)).isNotEmpty();
    }
}
