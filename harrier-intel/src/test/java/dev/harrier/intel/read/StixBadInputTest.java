package dev.harrier.intel.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.harrier.core.Limits;
import dev.harrier.core.StixObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Bad STIX input: per-object rejections with their JSON path, and syntax errors of the whole file. */
class StixBadInputTest {

    private static Reads.Result bad() throws Exception {
        return Reads.fixture("stix-bad-objects.json", IntelFormat.STIX_BUNDLE);
    }

    @Test
    void everyBadObjectIsRejectedWithThePathOfTheOffendingProperty() throws Exception {
        Reads.Result r = bad();
        Map<String, String> messageByPath =
                r.errors().stream().collect(Collectors.toMap(IntelError::location, IntelError::message));
        assertThat(messageByPath.keySet())
                .containsExactlyInAnyOrder(
                        "$.objects[1].name",
                        "$.objects[2].aliases[1]",
                        "$.objects[3].revoked",
                        "$.objects[4].external_references[0].source_name",
                        "$.objects[5].object_marking_refs[0]",
                        "$.objects[6].id",
                        "$.objects[7].id",
                        "$.objects[8].id",
                        "$.objects[9].created",
                        "$.objects[10].created",
                        "$.objects[11].modified",
                        "$.objects[12].target_ref",
                        "$.objects[13].sighting_of_ref",
                        "$.objects[15]",
                        "$.objects[16].name",
                        "$.objects[17].type",
                        "$.objects[18].created_by_ref",
                        "$.objects[19].kill_chain_phases[0].phase_name",
                        "$.objects[21].confidence",
                        "$.objects[22].external_references");
        assertThat(messageByPath.get("$.objects[1].name")).isEqualTo("'name' must be a string");
        assertThat(messageByPath.get("$.objects[6].id")).contains("missing required property 'id'");
        assertThat(messageByPath.get("$.objects[8].id")).contains("intrusion-set--<UUID>");
        assertThat(messageByPath.get("$.objects[11].modified")).contains("earlier than 'created'");
        assertThat(messageByPath.get("$.objects[15]")).contains("not a JSON object");
        assertThat(messageByPath.get("$.objects[16].name")).contains("duplicate property name");
        assertThat(r.summary().rejected()).isEqualTo(20);
    }

    @Test
    void theRestIsReadIncludingUnknownTypes() throws Exception {
        Reads.Result r = bad();
        assertThat(r.stix())
                .extracting(StixObject::id)
                .containsExactly(
                        "identity--00000000-0000-4000-8000-000000000000",
                        "x-new-thing--00000000-0000-4000-8000-000000000014",
                        "malware--00000000-0000-4000-8000-000000000020");
        assertThat(r.summary().objectsRead()).isEqualTo(3);
    }

    @Test
    void errorsCarryTheSourceAndThePositionOfTheObject() throws Exception {
        Reads.Result r = bad();
        IntelError name = r.errors().stream()
                .filter(e -> e.location().equals("$.objects[1].name"))
                .findFirst()
                .orElseThrow();
        assertThat(name.source()).isEqualTo("stix-bad-objects.json");
        // the second object starts on line 14, column 5 of the fixture
        assertThat(name.line()).isEqualTo(14);
        assertThat(name.column()).isEqualTo(5);
        assertThat(name.toString()).isEqualTo("stix-bad-objects.json:14:5: $.objects[1].name: 'name' must be a string");
    }

    @Test
    void truncatedJsonIsASyntaxErrorWithLineAndColumn() {
        assertThatThrownBy(() -> Reads.fixture("stix-truncated.json", IntelFormat.STIX_BUNDLE))
                .isInstanceOfSatisfying(IntelSyntaxException.class, e -> {
                    assertThat(e.source()).isEqualTo("stix-truncated.json");
                    assertThat(e.line()).isGreaterThan(30);
                    assertThat(e.column()).isPositive();
                    assertThat(e.detail()).startsWith("malformed JSON");
                    assertThat(e.getMessage()).startsWith("stix-truncated.json:" + e.line() + ":" + e.column() + ": ");
                });
    }

    @Test
    void malformedJsonIsASyntaxErrorAtTheBadToken() {
        assertThatThrownBy(() -> Reads.fixture("stix-malformed.json", IntelFormat.STIX_BUNDLE))
                .isInstanceOfSatisfying(IntelSyntaxException.class, e -> {
                    assertThat(e.line()).isEqualTo(3);
                    assertThat(e.column()).isGreaterThan(60);
                });
    }

    @Test
    void aSingleObjectIsNotABundle() {
        assertThatThrownBy(() -> Reads.fixture("stix-single-object.json", IntelFormat.STIX_BUNDLE))
                .isInstanceOf(IntelSyntaxException.class)
                .hasMessageContaining("not a STIX bundle")
                .hasMessageContaining("'indicator'");
    }

    @Test
    void contentAfterTheBundleIsASyntaxError() {
        assertThatThrownBy(() -> Reads.fixture("stix-trailing.json", IntelFormat.STIX_BUNDLE))
                .isInstanceOf(IntelSyntaxException.class)
                .hasMessageContaining("after the top-level");
    }

    @Test
    void binaryGarbageIsASyntaxError() {
        assertThatThrownBy(() -> Reads.fixture("binary.bin", IntelFormat.STIX_BUNDLE))
                .isInstanceOf(IntelSyntaxException.class);
    }

    @Test
    void anObjectOverMaxObjectBytesIsRejectedAndTheRestRead() throws Exception {
        String big = "x".repeat(5000);
        String bundle = bundle(
                object("identity", 1, "\"name\":\"small\""),
                object("identity", 2, "\"name\":\"" + big + "\""),
                object("identity", 3, "\"name\":\"small again\""));
        Reads.Result r = Reads.read(
                bundle.getBytes(StandardCharsets.UTF_8),
                "big.json",
                IntelFormat.STIX_BUNDLE,
                Limits.defaults().withMaxObjectBytes(2048));
        assertThat(r.stix())
                .extracting(StixObject::name)
                .containsExactly(java.util.Optional.of("small"), java.util.Optional.of("small again"));
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.location()).isEqualTo("$.objects[1]");
            assertThat(e.message()).contains("maxObjectBytes (2,048 bytes)");
        });
    }

    @Test
    void anObjectWithTooManyPropertiesIsRejected() throws Exception {
        StringBuilder aliases = new StringBuilder();
        for (int i = 0; i < 10_001; i++) {
            aliases.append(i == 0 ? "" : ",").append("\"a").append(i).append('"');
        }
        String bundle = bundle(
                object("intrusion-set", 1, "\"name\":\"many\",\"aliases\":[" + aliases + "]"),
                object("intrusion-set", 2, "\"name\":\"few\""));
        Reads.Result r = Reads.read(
                bundle.getBytes(StandardCharsets.UTF_8), "many.json", IntelFormat.STIX_BUNDLE, Limits.defaults());
        assertThat(r.stix())
                .extracting(StixObject::id)
                .containsExactly("intrusion-set--00000000-0000-4000-8000-000000000002");
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.location()).isEqualTo("$.objects[0]");
            assertThat(e.message()).contains("maxObjectProperties");
        });
    }

    @Test
    void objectsBeyondMaxObjectsPerFileAreRejectedOneByOne() throws Exception {
        String bundle = bundle(
                object("identity", 1, "\"name\":\"a\""),
                object("identity", 2, "\"name\":\"b\""),
                object("identity", 3, "\"name\":\"c\""),
                object("identity", 4, "\"name\":\"d\""));
        Reads.Result r = Reads.read(
                bundle.getBytes(StandardCharsets.UTF_8),
                "count.json",
                IntelFormat.STIX_BUNDLE,
                Limits.defaults().withMaxObjectsPerFile(2));
        assertThat(r.stix()).hasSize(2);
        assertThat(r.errors()).extracting(IntelError::location).containsExactly("$.objects[2]", "$.objects[3]");
        assertThat(r.errors().get(0).message()).contains("maxObjectsPerFile (2)");
    }

    @Test
    void nestingBeyondTheDepthLimitIsASyntaxError() {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        String bundle = bundle(object("identity", 1, "\"name\":\"a\",\"x_deep\":" + deep));
        assertThatThrownBy(() -> Reads.read(
                        bundle.getBytes(StandardCharsets.UTF_8),
                        "deep.json",
                        IntelFormat.STIX_BUNDLE,
                        Limits.defaults()))
                .isInstanceOfSatisfying(IntelSyntaxException.class, e -> {
                    assertThat(e.line()).isEqualTo(1);
                    assertThat(e.detail()).contains("nesting depth");
                });
    }

    @Test
    void aStringLongerThanMaxStringLengthIsASyntaxError() {
        String huge = "y".repeat((8 << 20) + 10);
        String bundle = bundle(object("identity", 1, "\"name\":\"" + huge + "\""));
        assertThatThrownBy(() -> Reads.read(
                        bundle.getBytes(StandardCharsets.UTF_8),
                        "huge.json",
                        IntelFormat.STIX_BUNDLE,
                        Limits.defaults()))
                .isInstanceOf(IntelSyntaxException.class)
                .hasMessageContaining("String value length");
    }

    @Test
    void wrongTypesOfKnownPropertiesInCustomObjectsAreStillCaught() throws Exception {
        String bundle = bundle(
                object("x-acme-thing", 1, "\"name\":[\"not\",\"a\",\"string\"]"),
                object("x-acme-thing", 2, "\"name\":\"fine\",\"x_acme_anything\":{\"goes\":[1,true,null]}"));
        Reads.Result r = Reads.read(
                bundle.getBytes(StandardCharsets.UTF_8), "custom.json", IntelFormat.STIX_BUNDLE, Limits.defaults());
        assertThat(r.errors()).extracting(IntelError::location).containsExactly("$.objects[0].name");
        assertThat(r.stix()).hasSize(1);
    }

    @Test
    void hugeNumbersAreKeptWithoutBeingExpanded() throws Exception {
        String bundle = bundle(
                object("identity", 1, "\"name\":\"n\",\"confidence\":1e999999999"),
                object("identity", 2, "\"name\":\"n\",\"x_big\":1e999999999"));
        Reads.Result r = Reads.read(
                bundle.getBytes(StandardCharsets.UTF_8), "num.json", IntelFormat.STIX_BUNDLE, Limits.defaults());
        assertThat(r.errors()).extracting(IntelError::location).containsExactly("$.objects[0].confidence");
        assertThat(r.stix().get(0).toJson()).contains("1E+999999999");
    }

    static String bundle(String... objects) {
        return "{\"type\":\"bundle\",\"id\":\"bundle--00000000-0000-4000-8000-000000000000\",\"objects\":["
                + String.join(",", List.of(objects)) + "]}";
    }

    static String object(String type, int n, String extra) {
        return String.format(
                "{\"type\":\"%s\",\"spec_version\":\"2.1\",\"id\":\"%s--00000000-0000-4000-8000-%012d\","
                        + "\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\"2024-01-01T00:00:00.000Z\",%s}",
                type, type, n, extra);
    }
}
