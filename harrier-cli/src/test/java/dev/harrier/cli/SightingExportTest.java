package dev.harrier.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harrier.core.Json;
import dev.harrier.store.SightingQuery;
import dev.harrier.store.Store;
import dev.harrier.store.sql.SqlStores;
import dev.harrier.testkit.SharedData;
import dev.harrier.testkit.StixSchemaValidator;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code intel export} adds the STIX sightings summed from the case's IOC hits. */
class SightingExportTest {
    @TempDir
    Path tmp;

    Path caseDir;

    @BeforeEach
    void detect() {
        Path samples = SharedData.repoRoot().resolve("samples");
        caseDir = tmp.resolve("case");
        Cli.run("intel", "import", samples.resolve("intel").toString(), "--case", caseDir.toString());
        Cli.Result d =
                Cli.run("detect", "--iocs", "--logs", samples.resolve("logs").toString(), "--case", caseDir.toString());
        assertThat(d.code()).as(d.err()).isLessThanOrEqualTo(1);
    }

    private JsonNode export(String max, String... extra) throws Exception {
        Path out = tmp.resolve("bundle-" + max.replace(':', '-').replace('+', '-') + extra.length + ".json");
        String[] args = {"intel", "export", "--case", caseDir.toString(), "--max-marking", max, "-o", out.toString()};
        String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
        System.arraycopy(extra, 0, all, args.length, extra.length);
        Cli.Result r = Cli.run(all);
        assertThat(r.code()).as(r.err()).isZero();
        return Json.mapper().readTree(out.toFile());
    }

    /** Stored IOC hits per "indicator|host", counted straight from the store. */
    private Map<String, Long> storedHits() {
        Map<String, Long> hits = new TreeMap<>();
        try (Store store = SqlStores.open(caseDir)) {
            store.forEachSighting(SightingQuery.all().withKind("ioc"), s -> {
                String host = s.host() == null || s.host().equals("-") ? "" : s.host();
                hits.merge(s.ruleId() + "|" + host, 1L, Long::sum);
            });
        }
        return hits;
    }

    @Test
    void sightingsSumTheStoredHitsAndResolveInsideTheBundle() throws Exception {
        JsonNode bundle = export("tlp:red");
        Map<String, JsonNode> byId = new HashMap<>();
        for (JsonNode o : bundle.get("objects")) {
            byId.put(o.get("id").asText(), o);
        }
        Map<String, Long> counted = new TreeMap<>();
        int sightings = 0;
        for (JsonNode o : bundle.get("objects")) {
            if (!o.get("type").asText().equals("sighting")) {
                continue;
            }
            sightings++;
            JsonNode indicator = byId.get(o.get("sighting_of_ref").asText());
            assertThat(indicator).as("sighting_of_ref resolves").isNotNull();
            assertThat(indicator.get("type").asText()).isEqualTo("indicator");
            assertThat(o.get("first_seen").asText())
                    .isLessThanOrEqualTo(o.get("last_seen").asText());
            String host = "";
            if (o.has("where_sighted_refs")) {
                JsonNode identity = byId.get(o.get("where_sighted_refs").get(0).asText());
                assertThat(identity.get("identity_class").asText()).isEqualTo("system");
                host = identity.get("name").asText();
            }
            JsonNode od = byId.get(o.get("observed_data_refs").get(0).asText());
            assertThat(od.get("number_observed").asLong())
                    .isEqualTo(o.get("count").asLong());
            for (JsonNode ref : od.get("object_refs")) {
                assertThat(byId).containsKey(ref.asText());
            }
            assertThat(o.get("object_marking_refs")).isEqualTo(indicator.get("object_marking_refs"));
            counted.merge(
                    o.get("sighting_of_ref").asText() + "|" + host,
                    o.get("count").asLong(),
                    Long::sum);
        }
        assertThat(sightings).isPositive();
        assertThat(counted).isEqualTo(storedHits());
    }

    @Test
    void bundleWithSightingsValidatesAgainstTheStixSchemas() throws Exception {
        StixSchemaValidator validator = StixSchemaValidator.fromSharedData();
        JsonNode bundle = export("tlp:red");
        assertThat(count(bundle, "sighting")).isPositive();
        assertThat(validator.validateBundle(bundle)).isEmpty();
    }

    @Test
    void aLowerCeilingWithholdsSightingsOfMarkedIndicators() throws Exception {
        JsonNode red = export("tlp:red");
        JsonNode clear = export("tlp:clear");
        assertThat(count(clear, "sighting")).isLessThan(count(red, "sighting"));
        for (JsonNode o : clear.get("objects")) {
            for (JsonNode m : o.path("object_marking_refs")) {
                assertThat(dev.harrier.core.Tlp.fromMarkingRef(m.asText()).orElse(dev.harrier.core.Tlp.CLEAR))
                        .as("TLP marking of %s", o.get("id").asText())
                        .isEqualTo(dev.harrier.core.Tlp.CLEAR);
            }
        }
        JsonNode without = export("tlp:red", "--no-sightings");
        assertThat(count(without, "sighting")).isZero();
        assertThat(count(without, "indicator")).isEqualTo(count(red, "indicator"));
    }

    private static long count(JsonNode bundle, String type) {
        long n = 0;
        for (JsonNode o : bundle.get("objects")) {
            n += o.get("type").asText().equals(type) ? 1 : 0;
        }
        return n;
    }
}
