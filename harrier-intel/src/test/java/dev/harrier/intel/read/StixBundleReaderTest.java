package dev.harrier.intel.read;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.harrier.core.Json;
import dev.harrier.core.StixObject;
import dev.harrier.core.StixTimestamps;
import dev.harrier.store.IncomingObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading valid STIX 2.1 and 2.0 bundles. */
class StixBundleReaderTest {

    @Test
    void stix21ObjectsArriveUnchanged() throws Exception {
        Reads.Result r = Reads.fixture("stix21-small.json", IntelFormat.STIX_BUNDLE);
        JsonNode input = Json.mapper().readTree(Reads.bytes("stix21-small.json"));
        assertThat(r.errors()).isEmpty();
        assertThat(r.summary()).isEqualTo(new ReadSummary(9, 0, "2.1"));
        assertThat(r.objects()).hasSize(input.path("objects").size());
        for (int i = 0; i < r.objects().size(); i++) {
            IncomingObject o = r.objects().get(i);
            assertThat(o.object().json())
                    .as(o.object().id())
                    .isEqualTo(input.path("objects").get(i));
            assertThat(o.original()).isNull();
            assertThat(o.derived()).isFalse();
            assertThat(o.sourceName()).isEqualTo("stix21-small.json");
        }
    }

    @Test
    void aCyberObservableWithoutSpecVersionInA21BundleIsNotUpgraded() throws Exception {
        Reads.Result r = Reads.fixture("stix21-small.json", IntelFormat.STIX_BUNDLE);
        StixObject ip = r.get("ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd");
        assertThat(ip.json().has("spec_version")).isFalse();
    }

    @Test
    void unknownObjectTypesAreKeptAsCustomObjects() throws Exception {
        Reads.Result r = Reads.fixture("stix21-small.json", IntelFormat.STIX_BUNDLE);
        StixObject custom = r.get("x-acme-widget--1a7b6c5d-0000-4000-8000-000000000001");
        assertThat(custom.custom()).isTrue();
        assertThat(custom.get("x_acme_payload")
                        .path("nested")
                        .get(2)
                        .path("deep")
                        .asBoolean())
                .isTrue();
    }

    @Test
    void decimalsKeepTheirDigits() throws Exception {
        Reads.Result r = Reads.fixture("stix21-small.json", IntelFormat.STIX_BUNDLE);
        assertThat(r.get("intrusion-set--4e78f46f-a023-4e5f-bc24-71b3ca22ec29").toJson())
                .contains("\"x_fixture_score\":1.50");
    }

    @Test
    void stix20ObjectsAreUpgradedWithTheOriginalKept() throws Exception {
        Reads.Result r = Reads.fixture("stix20-small.json", IntelFormat.STIX_BUNDLE);
        JsonNode input = Json.mapper().readTree(Reads.bytes("stix20-small.json"));
        assertThat(r.errors()).isEmpty();
        assertThat(r.summary()).isEqualTo(new ReadSummary(11, 0, "2.0"));
        for (int i = 0; i < r.objects().size(); i++) {
            IncomingObject o = r.objects().get(i);
            JsonNode in = input.path("objects").get(i);
            assertThat(o.original()).as(o.object().id()).isNotNull();
            assertThat(Json.mapper().readTree(o.original())).isEqualTo(in);
            ObjectNode up = o.object().json();
            assertThat(up.path("spec_version").asText()).isEqualTo("2.1");
            List<String> names = new ArrayList<>();
            up.fieldNames().forEachRemaining(names::add);
            assertThat(names.subList(0, 3)).containsExactly("type", "spec_version", "id");
            // every property of the original is still there with the same value (timestamps: the same instant)
            for (Map.Entry<String, JsonNode> e : in.properties()) {
                if (e.getKey().equals("created") || e.getKey().equals("modified")) {
                    assertThat(StixTimestamps.sortKey(up.path(e.getKey()).asText()))
                            .isEqualTo(StixTimestamps.sortKey(e.getValue().asText()));
                    assertThat(up.path(e.getKey()).asText()).matches(".*\\.\\d{3,}Z");
                } else {
                    assertThat(up.get(e.getKey()))
                            .as(o.object().id() + " " + e.getKey())
                            .isEqualTo(e.getValue());
                }
            }
        }
    }

    @Test
    void upgradeAddsWhat21Requires() throws Exception {
        Reads.Result r = Reads.fixture("stix20-small.json", IntelFormat.STIX_BUNDLE);
        StixObject malware = r.get("malware--8b0f1f1c-4b3a-4d5e-9c2f-1a2b3c4d5e6f");
        assertThat(malware.get("is_family").asBoolean()).isTrue();
        assertThat(malware.strings("malware_types")).containsExactly("remote-access-trojan");
        assertThat(malware.strings("labels")).containsExactly("remote-access-trojan");
        StixObject indicator = r.get("indicator--1d2c3b4a-5f6e-4d7c-8b9a-0f1e2d3c4b5a");
        assertThat(indicator.text("pattern_type")).contains("stix");
        assertThat(indicator.text("valid_from")).contains("2018-05-01T00:00:00.000Z");
        assertThat(indicator.strings("indicator_types")).containsExactly("malicious-activity");
        assertThat(r.get("tool--2f1e0d9c-8b7a-4c6d-9e5f-0a1b2c3d4e5f").strings("tool_types"))
                .containsExactly("remote-access");
        assertThat(r.get("report--0a0b0c0d-1e1f-4a2b-8c3d-4e5f6a7b8c9d").strings("report_types"))
                .containsExactly("threat-report");
        assertThat(r.get("threat-actor--9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d").strings("threat_actor_types"))
                .containsExactly("nation-state");
        StixObject classless = r.get("identity--0b1a5a0c-9a1e-4f0e-8d55-7b2f0c3a2b11");
        assertThat(classless.json().has("identity_class")).isFalse();
        assertThat(classless.created()).contains("2018-01-01T00:00:00.100Z");
        assertThat(classless.modified()).contains("2018-01-01T00:00:00.120Z");
        StixObject marking = r.get("marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da");
        assertThat(marking.json().has("modified")).isFalse();
        // STIX 2.1 names the TLP 1.0 markings
        assertThat(marking.name()).contains("TLP:GREEN");
    }

    @Test
    void attackObjectsAreAttributedToMitre() throws Exception {
        Reads.Result r = Reads.fixture("stix20-small.json", IntelFormat.STIX_BUNDLE);
        Map<String, String> sourceById = new java.util.HashMap<>();
        r.objects().forEach(o -> sourceById.put(o.object().id(), o.sourceName()));
        assertThat(sourceById.get("identity--c78cb6e5-0c4b-4611-8297-d1b8b55e40b5"))
                .isEqualTo("MITRE ATT&CK");
        assertThat(sourceById.get("attack-pattern--7385dfaf-6886-4229-9ecd-6fd678040830"))
                .isEqualTo("MITRE ATT&CK");
        assertThat(sourceById.get("x-mitre-tactic--4ca45d45-df4d-4613-8980-bac22d278fa5"))
                .isEqualTo("MITRE ATT&CK");
        assertThat(sourceById.get("malware--8b0f1f1c-4b3a-4d5e-9c2f-1a2b3c4d5e6f"))
                .isEqualTo("stix20-small.json");
    }

    @Test
    void aBundleWithoutSpecVersionWhoseObjectsLackItIsReportedAs20() throws Exception {
        String bundle = "{\"type\":\"bundle\",\"id\":\"bundle--00000000-0000-4000-8000-000000000001\",\"objects\":["
                + "{\"type\":\"malware\",\"id\":\"malware--00000000-0000-4000-8000-000000000002\","
                + "\"created\":\"2018-01-01T00:00:00Z\",\"modified\":\"2018-01-01T00:00:00Z\",\"name\":\"x\","
                + "\"labels\":[\"worm\"]}]}";
        Reads.Result r = Reads.read(
                bundle.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "b.json",
                IntelFormat.STIX_BUNDLE,
                dev.harrier.core.Limits.defaults());
        assertThat(r.summary().specVersion()).isEqualTo("2.0");
        assertThat(r.objects().get(0).original()).isNotNull();
        assertThat(r.stix().get(0).specVersion()).isEqualTo("2.1");
    }
}
