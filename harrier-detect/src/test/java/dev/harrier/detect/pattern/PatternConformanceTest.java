package dev.harrier.detect.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harrier.core.Json;
import dev.harrier.testkit.SharedData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every STIX indicator pattern in the shared reference data parses (and compiles): the OASIS STIX 2.1 examples
 * (stix2-json-schemas/examples) and the ATT&amp;CK bundle (which, as of v18.1, holds no indicators). Skipped with a
 * message when ../shared/data is absent.
 */
class PatternConformanceTest {
    @Test
    void everyIndicatorPatternInTheSharedDataParses() throws IOException {
        Path examples = SharedData.require("stix2-json-schemas/examples");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(examples)) {
            s.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
        }
        SharedData.root()
                .map(r -> r.resolve("attack/enterprise-attack.json"))
                .filter(Files::exists)
                .ifPresent(files::add);
        List<String> failures = new ArrayList<>();
        int parsed = 0;
        PatternCompiler compiler = new PatternCompiler();
        for (Path f : files) {
            JsonNode root = Json.mapper().readTree(f.toFile());
            List<JsonNode> objects = new ArrayList<>();
            if (root.has("objects")) {
                root.get("objects").forEach(objects::add);
            } else {
                objects.add(root);
            }
            for (JsonNode o : objects) {
                if (!"indicator".equals(o.path("type").asText())
                        || !o.path("pattern").isTextual()) {
                    continue;
                }
                String type = o.path("pattern_type").asText("stix");
                if (!type.equals("stix")) {
                    continue;
                }
                String version =
                        o.path("spec_version").asText(root.path("spec_version").asText("2.0"));
                try {
                    compiler.compile(o.get("pattern").textValue(), PatternDialect.ofSpecVersion(version));
                    parsed++;
                } catch (PatternException e) {
                    failures.add(f.getFileName() + " " + o.path("id").asText() + ": " + e.getMessage());
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(parsed).as("indicator patterns found").isGreaterThanOrEqualTo(40);
    }
}
