package dev.harrier.intel.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.harrier.core.Limits;
import dev.harrier.core.ScoIds;
import dev.harrier.core.StixIds;
import dev.harrier.core.StixObject;
import dev.harrier.core.Tlp;
import dev.harrier.store.IncomingObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MISP events to STIX: the fixture exercises attribute types, objects, tags, galaxies and a bad attribute. */
class MispEventReaderTest {
    private static final String EVENT = "5f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b";
    private static final String ORG = "identity--5f1c2a3b-4d5e-4f60-8a7b-000000000001";
    private static Reads.Result r;

    @BeforeAll
    static void read() throws Exception {
        r = Reads.fixture("misp-event.json", IntelFormat.MISP_EVENT);
    }

    private static String pattern(String attributeUuid) {
        return r.get("indicator--" + attributeUuid).text("pattern").orElseThrow();
    }

    @Test
    void everyObjectIsDerivedFromTheEvent() {
        assertThat(r.objects()).allSatisfy(o -> {
            assertThat(o.derived()).isTrue();
            assertThat(o.original()).isNull();
            assertThat(o.sourceName()).isEqualTo("MISP event " + EVENT);
        });
        assertThat(r.summary().specVersion()).isEmpty();
        assertThat(r.summary().objectsRead()).isEqualTo(r.objects().size());
    }

    @Test
    void theEventBecomesAReportListingEverythingDerived() {
        StixObject report = r.get("report--" + EVENT);
        assertThat(report.name()).contains("Quiet Heron intrusion set activity");
        assertThat(report.text("published")).contains("2024-03-01T13:00:00.000Z");
        assertThat(report.modified()).contains("2024-03-01T12:00:00.000Z");
        assertThat(report.text("created_by_ref")).contains(ORG);
        assertThat(report.markingRefs()).containsExactly(Tlp.AMBER.markingId());
        assertThat(report.strings("labels"))
                .containsExactly("osint:source-type=\"blog-post\"", "tlp:ex:chr", "misp-galaxy:sector=\"Energy\"");
        Set<String> expected = r.stix().stream()
                .filter(o -> !o.type().equals("report") && !o.type().equals("marking-definition"))
                .map(StixObject::id)
                .collect(Collectors.toSet());
        assertThat(report.strings("object_refs")).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void theCreatorOrganisationIsAnIdentity() {
        StixObject org = r.get(ORG);
        assertThat(org.name()).contains("Fixture CERT");
        assertThat(org.text("identity_class")).contains("organization");
    }

    @Test
    void toIdsAttributesBecomeIndicatorsWithPatternsPerType() {
        assertThat(pattern("a0000000-0000-4000-8000-000000000000")).isEqualTo("[domain-name:value = 'reed.example']");
        assertThat(pattern("a0000000-0000-4000-8000-000000000001"))
                .isEqualTo("[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_ref.value = "
                        + "'203.0.113.9' AND network-traffic:dst_port = 8443]");
        assertThat(pattern("a0000000-0000-4000-8000-000000000002"))
                .isEqualTo("[url:value = 'https://reed.example/a\\'b\\\\c']");
        assertThat(pattern("a0000000-0000-4000-8000-000000000003"))
                .isEqualTo("[file:hashes.MD5 = '5d41402abc4b2a76b9719d911017c592']");
        assertThat(pattern("a0000000-0000-4000-8000-000000000004"))
                .isEqualTo("[file:name = 'reed.dll' AND file:hashes.'SHA-256' = "
                        + "'3f79bb7b435b05321651daefd374cdc681dc06faa65e374e38337b88ca046dea']");
        assertThat(pattern("a0000000-0000-4000-8000-000000000005"))
                .isEqualTo("[email-message:from_ref.value = 'lure@mail.reed.example']");
        assertThat(pattern("a0000000-0000-4000-8000-000000000006")).isEqualTo("[autonomous-system:number = 64500]");
        assertThat(pattern("a0000000-0000-4000-8000-000000000007")).isEqualTo("[mutex:name = 'Global\\\\ReedMutex']");
        assertThat(pattern("a0000000-0000-4000-8000-000000000008"))
                .isEqualTo("[windows-registry-key:key = 'HKLM\\\\Software\\\\Reed']");
        assertThat(pattern("a0000000-0000-4000-8000-000000000009"))
                .isEqualTo("[network-traffic:x_misp_ja3_fingerprint_md5 = 'e7d705a3286e19ea42f587b344ee6865']");
        assertThat(pattern("a0000000-0000-4000-8000-000000000010"))
                .isEqualTo("[x509-certificate:hashes.'SHA-1' = '0d3b8c2f6f6b8a8e9c7d6e5f4a3b2c1d0e9f8a7b']");
        assertThat(pattern("a0000000-0000-4000-8000-000000000011")).startsWith("[file:hashes.SSDEEP = '96:s4Ud1L");
        StixObject v6 = r.get("indicator--a0000000-0000-4000-8000-000000000019");
        assertThat(v6.text("pattern")).contains("[ipv6-addr:value = '2001:db8::7']");
        assertThat(v6.text("valid_from")).contains("2024-02-01T00:00:00.000Z");
        assertThat(v6.text("valid_until")).contains("2024-02-20T00:00:00.000Z");
        StixObject domain = r.get("indicator--a0000000-0000-4000-8000-000000000000");
        assertThat(domain.description()).contains("C2 domain");
        assertThat(domain.text("valid_from")).contains("2024-03-01T10:46:40.000Z");
        assertThat(domain.text("pattern_type")).contains("stix");
        assertThat(domain.strings("indicator_types")).containsExactly("malicious-activity");
        assertThat(domain.markingRefs()).containsExactly(Tlp.AMBER.markingId());
        assertThat(domain.text("created_by_ref")).contains(ORG);
        assertThat(domain.text("x_misp_category")).contains("Network activity");
    }

    @Test
    void ruleAttributesKeepTheirLanguage() {
        StixObject yara = r.get("indicator--a0000000-0000-4000-8000-000000000016");
        assertThat(yara.text("pattern_type")).contains("yara");
        assertThat(yara.text("pattern")).contains("rule Reed { strings: $a = \"reed\" condition: $a }");
    }

    @Test
    void otherAttributesBecomeObservedDataOrNotes() {
        StixObject od = r.get("observed-data--a0000000-0000-4000-8000-000000000012");
        assertThat(od.strings("object_refs")).singleElement().satisfies(ref -> {
            StixObject ip = r.get(ref);
            assertThat(ip.type()).isEqualTo("ipv4-addr");
            assertThat(ip.text("value")).contains("198.51.100.23");
            // the attribute's tlp:red is stricter than the event's amber
            assertThat(ip.markingRefs()).containsExactly(Tlp.RED.markingId());
        });
        assertThat(od.markingRefs()).containsExactly(Tlp.RED.markingId());
        assertThat(od.get("number_observed").asInt()).isEqualTo(1);
        StixObject dip = r.get("observed-data--a0000000-0000-4000-8000-000000000013");
        List<StixObject> scos = dip.strings("object_refs").stream().map(r::get).collect(Collectors.toList());
        StixObject domain = scos.stream()
                .filter(o -> o.type().equals("domain-name"))
                .findFirst()
                .orElseThrow();
        StixObject ip = scos.stream()
                .filter(o -> o.type().equals("ipv4-addr"))
                .findFirst()
                .orElseThrow();
        assertThat(domain.strings("resolves_to_refs")).containsExactly(ip.id());
        StixObject note = r.get("note--a0000000-0000-4000-8000-000000000014");
        assertThat(note.text("content")).contains("Lures impersonate a conference invitation.");
        assertThat(note.strings("object_refs")).containsExactly("report--" + EVENT);
    }

    @Test
    void bothTlpMarkingDefinitionsAreEmittedOnce() {
        assertThat(r.ofType("marking-definition"))
                .extracting(StixObject::id)
                .containsExactly(Tlp.AMBER.markingId(), Tlp.RED.markingId());
        assertThat(r.ofType("marking-definition").get(0)).isEqualTo(Tlp.AMBER.definition());
    }

    @Test
    void cyberObservableIdsFollowTheStixRule() {
        // the STIX 2.1 specification's deterministic id of ipv4-addr 198.51.100.23
        String expected = "ipv4-addr--" + StixIds.uuid5(ScoIds.STIX_SCO_NAMESPACE, "{\"value\":\"198.51.100.23\"}");
        assertThat(r.byId()).containsKey(expected);
    }

    @Test
    void anInvalidValueIsRejectedWithItsPath() {
        assertThat(r.errors()).singleElement().satisfies(e -> {
            assertThat(e.location()).isEqualTo("$.Event.Attribute[15].value");
            assertThat(e.message()).contains("999.1.1.1").contains("not an IP address");
            assertThat(e.line()).isGreaterThan(100);
            assertThat(e.source()).isEqualTo("misp-event.json");
        });
        assertThat(r.byId()).doesNotContainKey("indicator--a0000000-0000-4000-8000-000000000015");
    }

    @Test
    void deletedAttributesAreSkipped() {
        assertThat(r.byId()).doesNotContainKey("indicator--a0000000-0000-4000-8000-000000000018");
    }

    @Test
    void mispObjectsBecomeOneIndicatorAndingTheirIdsAttributes() {
        assertThat(pattern("b0000000-0000-4000-8000-000000000000"))
                .isEqualTo("[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e' AND file:hashes.'SHA-256' = "
                        + "'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' AND "
                        + "file:name = 'reed-dropper.exe']");
        assertThat(pattern("b0000000-0000-4000-8000-000000000001"))
                .isEqualTo("[domain-name:value = 'stage2.reed.example' AND "
                        + "domain-name:resolves_to_refs[*].value = '203.0.113.77']");
        assertThat(pattern("b0000000-0000-4000-8000-000000000003"))
                .isEqualTo("[network-traffic:dst_ref.value = '203.0.113.80' AND network-traffic:dst_port = 443]");
        assertThat(r.get("indicator--b0000000-0000-4000-8000-000000000000").text("x_misp_object"))
                .contains("file");
        StixObject od = r.get("observed-data--b0000000-0000-4000-8000-000000000002");
        assertThat(od.strings("object_refs")).singleElement().satisfies(ref -> {
            StixObject file = r.get(ref);
            assertThat(file.text("name")).contains("readme.txt");
            assertThat(file.get("hashes").path("SHA-1").asText()).isEqualTo("da39a3ee5e6b4b0d3255bfef95601890afd80709");
            assertThat(file.get("size").asLong()).isEqualTo(1024);
        });
    }

    @Test
    void galaxyTagsAndClustersBecomeOneObjectEach() {
        List<StixObject> actors = r.ofType("intrusion-set");
        assertThat(actors).singleElement().satisfies(a -> {
            assertThat(a.name()).contains("Quiet Heron");
            assertThat(a.aliases()).contains("Quiet Heron", "Heron Team");
            assertThat(a.text("x_misp_uuid")).contains("c0000000-0000-4000-8000-000000000001");
            assertThat(a.description()).contains("Fixture actor.");
        });
        StixObject technique = r.ofType("attack-pattern").get(0);
        assertThat(technique.name()).contains("PowerShell");
        assertThat(technique.attackId()).contains("T1059.001");
        StixObject malware = r.ofType("malware").get(0);
        assertThat(malware.name()).contains("ReedLoader");
        assertThat(malware.get("is_family").asBoolean()).isTrue();
        StixObject tool = r.ofType("tool").get(0);
        assertThat(tool.name()).contains("Cobalt Strike");
        assertThat(tool.attackId()).contains("S0154");
    }

    @Test
    void relationshipsFollowWhatTheEventStates() {
        String actor = r.ofType("intrusion-set").get(0).id();
        String technique = r.ofType("attack-pattern").get(0).id();
        String malware = r.ofType("malware").get(0).id();
        String tool = r.ofType("tool").get(0).id();
        List<String> rels = r.ofType("relationship").stream()
                .map(o -> o.text("source_ref").orElseThrow() + " "
                        + o.text("relationship_type").orElseThrow() + " "
                        + o.text("target_ref").orElseThrow())
                .collect(Collectors.toList());
        // the cluster states that the actor uses the malware
        assertThat(rels).contains(actor + " uses " + malware);
        // co-occurrence in one event does not make the actor use the technique
        assertThat(rels).doesNotContain(actor + " uses " + technique);
        String domain = "indicator--a0000000-0000-4000-8000-000000000000";
        assertThat(rels)
                .contains(
                        domain + " indicates " + actor,
                        domain + " indicates " + technique,
                        domain + " indicates " + malware);
        // an attribute's own galaxy tag links only that attribute
        assertThat(rels).contains("indicator--a0000000-0000-4000-8000-000000000017 indicates " + tool);
        assertThat(rels).doesNotContain(domain + " indicates " + tool);
        assertThat(r.get("indicator--a0000000-0000-4000-8000-000000000017").strings("labels"))
                .containsExactly("kill-chain:command-and-control");
    }

    @Test
    void responseListsBareEventsAndArraysOfEvents() throws Exception {
        Reads.Result response = Reads.fixture("misp-response.json", IntelFormat.MISP_EVENT);
        assertThat(response.ofType("report"))
                .extracting(o -> o.name().orElseThrow())
                .containsExactly("first", "second");
        assertThat(response.objects())
                .extracting(IncomingObject::sourceName)
                .contains(
                        "MISP event d0000000-0000-4000-8000-000000000001",
                        "MISP event d0000000-0000-4000-8000-000000000002");
        Reads.Result bare = Reads.fixture("misp-bare-event.json", IntelFormat.MISP_EVENT);
        assertThat(bare.ofType("report"))
                .extracting(o -> o.name().orElseThrow())
                .containsExactly("bare event");
        assertThat(bare.ofType("indicator"))
                .singleElement()
                .satisfies(i -> assertThat(i.text("pattern")).contains("[ipv4-addr:value = '192.0.2.3']"));
        // an Orgc without uuid gets a derived identity id
        assertThat(bare.ofType("identity"))
                .singleElement()
                .satisfies(i -> assertThat(i.id()).isEqualTo(StixIds.derived("identity", "misp-org:small org")));
        Reads.Result list = Reads.fixture("misp-event-list.json", IntelFormat.MISP_EVENT);
        assertThat(list.ofType("report"))
                .extracting(o -> o.name().orElseThrow())
                .containsExactly("listed event");
    }

    @Test
    void readingTwiceGivesTheSameObjects() throws Exception {
        assertThat(Reads.fixture("misp-event.json", IntelFormat.MISP_EVENT).fingerprint())
                .isEqualTo(r.fingerprint());
    }

    @Test
    void spillingAttributesToDiskGivesTheSameResult() throws Exception {
        Reads.CollectingSink sink = new Reads.CollectingSink();
        ReadContext ctx = new ReadContext("misp-event.json", Limits.defaults(), sink);
        ReadSummary s;
        try (InputStream in = Files.newInputStream(Reads.fixture("misp-event.json"))) {
            s = new MispEventReader(1).read(in, ctx);
        }
        assertThat(new Reads.Result(sink.objects, sink.errors, s).fingerprint()).isEqualTo(r.fingerprint());
    }

    @Test
    void jsonThatIsNoEventIsASyntaxError() {
        for (String json : List.of("{\"foo\": 1}", "[]", "[1, 2]", "\"Event\"", "{\"Event\": \"x\"}")) {
            assertThatThrownBy(() -> Reads.read(
                            json.getBytes(StandardCharsets.UTF_8), "x.json", IntelFormat.MISP_EVENT, Limits.defaults()))
                    .as(json)
                    .isInstanceOf(IntelSyntaxException.class)
                    .hasMessageContaining("not a MISP event");
        }
    }

    @Test
    void attributesBeyondMaxObjectsPerFileAreRejected() throws Exception {
        Reads.Result few = Reads.read(
                Reads.fixture("misp-event.json"),
                IntelFormat.MISP_EVENT,
                Limits.defaults().withMaxObjectsPerFile(3));
        assertThat(few.errors())
                .filteredOn(e -> e.message().contains("maxObjectsPerFile"))
                .hasSize(20 + 4 - 3);
        assertThat(few.ofType("indicator")).hasSize(3);
    }
}
