package dev.harrier.intel.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.harrier.core.Limits;
import dev.harrier.core.StixIds;
import dev.harrier.core.StixObject;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** MISP galaxy cluster files to intrusion-sets with their sponsors, origin and victims. */
class GalaxyClusterReaderTest {
    private static final String HERON =
            StixIds.derived("intrusion-set", "misp-galaxy:threat-actor:e0000000-0000-4000-8000-000000000001");
    private static final String COPY =
            StixIds.derived("intrusion-set", "misp-galaxy:threat-actor:e0000000-0000-4000-8000-000000000002");
    private static Reads.Result r;

    @BeforeAll
    static void read() throws Exception {
        r = Reads.fixture("galaxy-threat-actor.json", IntelFormat.MISP_GALAXY_CLUSTER);
    }

    private static List<String> relationships(String from, String type) {
        return r.ofType("relationship").stream()
                .filter(o -> o.text("source_ref").orElseThrow().equals(from))
                .filter(o -> o.text("relationship_type").orElseThrow().equals(type))
                .map(o -> o.text("target_ref").orElseThrow())
                .collect(Collectors.toList());
    }

    @Test
    void eachValueIsAnIntrusionSetWithADerivedId() {
        assertThat(r.ofType("intrusion-set"))
                .extracting(o -> o.name().orElseThrow())
                .containsExactly("Quiet Heron", "Heron Copy", "Bare Actor", "Unknown Sponsor");
        StixObject heron = r.get(HERON);
        assertThat(heron.text("x_misp_uuid")).contains("e0000000-0000-4000-8000-000000000001");
        assertThat(heron.text("x_misp_galaxy")).contains("threat-actor");
        assertThat(heron.strings("aliases")).containsExactly("Quiet Heron", "Heron Team", "G9001");
        assertThat(heron.description()).contains("Fixture actor with everything.");
        assertThat(r.objects()).allSatisfy(o -> {
            assertThat(o.derived()).isTrue();
            assertThat(o.sourceName()).isEqualTo("MISP galaxy threat-actor");
        });
    }

    @Test
    void metaIsKeptInCustomProperties() {
        StixObject heron = r.get(HERON);
        assertThat(heron.text("x_misp_country")).contains("CN");
        assertThat(heron.text("x_misp_attribution_confidence")).contains("50");
        assertThat(heron.strings("x_misp_name_attribution"))
                .containsExactly("Heron Team:aaaaaaaa-0000-4000-8000-000000000000");
        assertThat(heron.get("x_misp_related").get(0).path("dest-uuid").asText())
                .isEqualTo("e0000000-0000-4000-8000-000000000002");
        assertThat(heron.get("x_misp_related").get(0).path("type").asText()).isEqualTo("similar");
        assertThat(heron.text("x_misp_cfr_type_of_incident")).contains("Espionage");
        assertThat(heron.get("x_misp_meta").path("motive").asText()).isEqualTo("Espionage");
        // no empty lists: STIX forbids them
        assertThat(r.get(COPY).json().has("x_misp_related")).isFalse();
    }

    @Test
    void referencesNameTheGalaxyAttackAndTheSources() {
        StixObject heron = r.get(HERON);
        assertThat(heron.externalIds("misp-galaxy")).containsExactly("e0000000-0000-4000-8000-000000000001");
        assertThat(heron.externalIds("mitre-attack")).containsExactly("G9001");
        assertThat(heron.attackId()).contains("G9001");
        List<String> urls = heron.get("external_references").findValuesAsText("url");
        assertThat(urls).containsExactly("https://attack.mitre.org/groups/G9001", "https://example.org/heron");
        assertThat(heron.get("external_references").findValuesAsText("description"))
                .contains("not a url");
    }

    @Test
    void theSuspectedSponsorIsANationStateThreatActorSharedByItsActors() {
        List<StixObject> sponsors = r.ofType("threat-actor");
        assertThat(sponsors).singleElement().satisfies(t -> {
            assertThat(t.name()).contains("China (suspected state sponsor)");
            assertThat(t.strings("threat_actor_types")).containsExactly("nation-state");
            assertThat(t.id()).isEqualTo(StixIds.derived("threat-actor", "misp-galaxy:state-sponsor:china"));
        });
        assertThat(relationships(HERON, "attributed-to"))
                .containsExactly(sponsors.get(0).id());
        assertThat(relationships(COPY, "attributed-to"))
                .containsExactly(sponsors.get(0).id());
        // "Unknown" names no sponsor
        String unknown =
                StixIds.derived("intrusion-set", "misp-galaxy:threat-actor:e0000000-0000-4000-8000-000000000006");
        assertThat(relationships(unknown, "attributed-to")).isEmpty();
    }

    @Test
    void theCountryIsTheOrigin() {
        String cn = StixIds.derived("location", "country:CN");
        assertThat(relationships(HERON, "originates-from")).containsExactly(cn);
        assertThat(relationships(COPY, "originates-from")).containsExactly(cn);
        assertThat(r.get(cn).text("country")).contains("CN");
        assertThat(r.get(cn).name()).contains("China");
    }

    @Test
    void victimsAreCountriesRegionsOrOtherTargets() {
        List<StixObject> targets =
                relationships(HERON, "targets").stream().map(r::get).collect(Collectors.toList());
        assertThat(targets.stream()
                        .filter(o -> o.type().equals("location"))
                        .map(o -> o.text("country").orElse("-")))
                .containsExactly("US", "KR", "TW", "VN", "IR", "SY", "RU", "-", "DE");
        assertThat(targets)
                .filteredOn(o -> o.text("region").isPresent())
                .singleElement()
                .satisfies(o -> {
                    assertThat(o.text("region")).contains("south-eastern-asia");
                    assertThat(o.name()).contains("Southeast Asia");
                });
        assertThat(targets)
                .filteredOn(o -> o.name().orElse("").equals("Bank of Fixtures"))
                .singleElement()
                .satisfies(o -> {
                    assertThat(o.type()).isEqualTo("identity");
                    assertThat(o.text("identity_class")).contains("unknown");
                });
        // Germany is shared by both actors and emitted once
        assertThat(r.ofType("location"))
                .filteredOn(o -> o.text("country").orElse("").equals("DE"))
                .hasSize(1);
        assertThat(relationships(COPY, "targets")).containsExactly(StixIds.derived("location", "country:DE"));
    }

    @Test
    void targetCategoriesAreSectorClasses() {
        List<StixObject> sectors = relationships(HERON, "targets").stream()
                .map(r::get)
                .filter(o -> o.text("identity_class").orElse("").equals("class"))
                .collect(Collectors.toList());
        assertThat(sectors)
                .extracting(o -> o.name().orElseThrow())
                .containsExactly("Government", "Telecoms", "Private sector");
        assertThat(sectors.get(0).strings("sectors")).containsExactly("government");
        assertThat(sectors.get(1).strings("sectors")).containsExactly("telecommunications");
        assertThat(sectors.get(2).json().has("sectors")).isFalse();
    }

    @Test
    void badValuesAreRejectedWithTheirPath() {
        assertThat(r.errors())
                .extracting(IntelError::location)
                .containsExactly("$.values[3].uuid", "$.values[4].meta.synonyms[1]");
        assertThat(r.errors().get(0).line()).isEqualTo(79);
    }

    @Test
    void valuesListedBeforeTheGalaxyTypeWaitForIt() throws Exception {
        Reads.Result first = Reads.fixture("galaxy-values-first.json", IntelFormat.MISP_GALAXY_CLUSTER);
        assertThat(first.stix()).singleElement().satisfies(o -> {
            assertThat(o.id())
                    .isEqualTo(StixIds.derived(
                            "intrusion-set", "misp-galaxy:mitre-intrusion-set:f0000000-0000-4000-8000-000000000001"));
            assertThat(o.name()).contains("APT-Fixture - G9002");
            assertThat(o.externalIds("mitre-attack")).containsExactly("G9002");
        });
        assertThat(first.objects().get(0).sourceName()).isEqualTo("MISP galaxy mitre-intrusion-set");
        Reads.CollectingSink sink = new Reads.CollectingSink();
        ReadSummary s;
        try (InputStream in = Files.newInputStream(Reads.fixture("galaxy-values-first.json"))) {
            s = new GalaxyClusterReader(1)
                    .read(in, new ReadContext("galaxy-values-first.json", Limits.defaults(), sink));
        }
        assertThat(new Reads.Result(sink.objects, sink.errors, s).fingerprint()).isEqualTo(first.fingerprint());
    }

    @Test
    void jsonThatIsNoGalaxyIsASyntaxError() {
        for (String json : List.of("{\"values\": 3}", "{\"type\": \"threat-actor\"}", "{\"values\": []}", "[1]")) {
            assertThatThrownBy(() -> Reads.read(
                            json.getBytes(StandardCharsets.UTF_8),
                            "g.json",
                            IntelFormat.MISP_GALAXY_CLUSTER,
                            Limits.defaults()))
                    .as(json)
                    .isInstanceOf(IntelSyntaxException.class);
        }
    }

    @Test
    void readingTwiceGivesTheSameObjects() throws Exception {
        assertThat(Reads.fixture("galaxy-threat-actor.json", IntelFormat.MISP_GALAXY_CLUSTER)
                        .fingerprint())
                .isEqualTo(r.fingerprint());
    }
}
