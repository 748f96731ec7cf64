package dev.harrier.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harrier.core.Json;
import dev.harrier.store.Sighting;
import dev.harrier.testkit.SharedData;
import java.nio.file.Files;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class NavigatorLayersTest {
    private static Sighting sighting(String rule, String... techniques) {
        return new Sighting(
                Sighting.idFor("sigma", rule, "x.json", 1, Instant.EPOCH),
                "sigma",
                rule,
                "Rule " + rule,
                "high",
                "someone",
                List.of(techniques),
                Instant.EPOCH,
                "host",
                "x.json",
                1,
                Map.of());
    }

    @Test
    void theSpecificationsOwnExampleIsValid() throws Exception {
        String spec = Files.readString(SharedData.require("navigator/layers/spec/v4.5/layerformat.md"));
        Matcher m = Pattern.compile("## Example.*?```json\\s*(\\{.*?\\n\\})\\s*```", Pattern.DOTALL)
                .matcher(spec);
        assertThat(m.find()).as("the example in layerformat.md").isTrue();
        JsonNode example = Json.mapper().readTree(m.group(1));
        assertThat(NavigatorLayers.validate(example)).isEmpty();
    }

    @Test
    void theSchemaRefusesBrokenLayers() {
        ObjectNode ok = NavigatorLayers.caseLayer("l", "d", new NavigatorLayers.Collector());
        assertThat(NavigatorLayers.validate(ok)).isEmpty();
        Map<String, ObjectNode> broken = new HashMap<>();
        broken.put("no name", ok.deepCopy().without("name"));
        ObjectNode v = ok.deepCopy();
        ((ObjectNode) v.get("versions")).put("layer", "4.4");
        broken.put("layer 4.4", v);
        ObjectNode old = ok.deepCopy();
        ((ObjectNode) old.get("versions")).put("navigator", "4.8.2");
        broken.put("navigator 4.8", old);
        ObjectNode d = ok.deepCopy();
        d.put("domain", "mitre-enterprise");
        broken.put("legacy domain", d);
        ObjectNode t = ok.deepCopy();
        t.putArray("techniques").addObject().put("techniqueID", "T12345");
        broken.put("bad technique id", t);
        ObjectNode c = ok.deepCopy();
        c.putArray("techniques").addObject().put("techniqueID", "T1059").put("color", "red");
        broken.put("bad colour", c);
        ObjectNode g = ok.deepCopy();
        ((ObjectNode) g.get("gradient")).putArray("colors").add("#ffffff");
        broken.put("one-colour gradient", g);
        ObjectNode x = ok.deepCopy();
        x.put("techiques", "typo");
        broken.put("unknown property", x);
        broken.forEach((why, layer) ->
                assertThat(NavigatorLayers.validate(layer)).as(why).isNotEmpty());
    }

    @Test
    void caseLayerScoresTechniquesBySightings() {
        NavigatorLayers.Collector c = new NavigatorLayers.Collector();
        c.add(sighting("a", "T1059.001", "T1105"));
        c.add(sighting("b", "t1059.001"));
        c.add(sighting("c", "T1105", "not-a-technique"));
        c.add(sighting("d", "T1105"));
        ObjectNode layer = NavigatorLayers.caseLayer("Case", "test", c);
        assertThat(NavigatorLayers.validate(layer)).isEmpty();
        Map<String, Long> scores = new HashMap<>();
        for (JsonNode t : layer.get("techniques")) {
            scores.put(t.get("techniqueID").asText(), t.get("score").asLong());
        }
        assertThat(scores).containsExactlyInAnyOrderEntriesOf(Map.of("T1059.001", 2L, "T1105", 3L));
        assertThat(layer.get("gradient").get("maxValue").asLong()).isEqualTo(3);
        assertThat(layer.get("techniques").get(0).get("comment").asText())
                .contains("Rule a")
                .contains("Rule b");
    }

    @Test
    void comparisonLayerColoursEachSide() {
        ObjectNode layer = NavigatorLayers.comparisonLayer(
                "Cmp", "INK HERON", Set.of("T1059.001", "T1105"), Set.of("T1105", "T1566.001"));
        assertThat(NavigatorLayers.validate(layer)).isEmpty();
        Map<String, String> colours = new HashMap<>();
        for (JsonNode t : layer.get("techniques")) {
            colours.put(t.get("techniqueID").asText(), t.get("color").asText());
        }
        assertThat(colours)
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "T1059.001", NavigatorLayers.CASE_ONLY,
                        "T1105", NavigatorLayers.BOTH,
                        "T1566.001", NavigatorLayers.ACTOR_ONLY));
        assertThat(layer.get("legendItems")).hasSize(3);
    }
}
