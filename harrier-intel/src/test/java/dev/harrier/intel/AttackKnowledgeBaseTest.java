package dev.harrier.intel;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.harrier.core.Json;
import dev.harrier.store.Aliases;
import dev.harrier.store.Store;
import dev.harrier.testkit.SharedData;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The knowledge base over real ATT&amp;CK Enterprise v18.1 and the MISP galaxies in {@code ../shared/data}: counts equal
 * the ones published in {@code shared/data/README.md}, and profiles equal what an independent reading of the raw
 * bundle gives.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AttackKnowledgeBaseTest {
    @TempDir
    static Path dir;

    private Store store;
    private JsonNode raw;
    private List<FileImportResult> imported;

    @BeforeAll
    void importAttackAndGalaxies() throws Exception {
        Path attack = SharedData.require("attack/enterprise-attack.json");
        Path actors = SharedData.require("misp-galaxy/clusters/threat-actor.json");
        Path groups = SharedData.require("misp-galaxy/clusters/mitre-intrusion-set.json");
        store = TestCases.sqlite(dir);
        imported = TestCases.importAll(store, attack, actors, groups);
        raw = Json.mapper().readTree(attack.toFile());
    }

    @AfterAll
    void close() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void everyFileImportsWithoutRejections() {
        assertThat(imported).hasSize(3).allSatisfy(r -> {
            assertThat(r.status()).as(r.file() + ": " + r.message()).isEqualTo("imported");
            assertThat(r.rejected()).as(r.file() + " " + r.errors()).isZero();
        });
        assertThat(imported.get(0).counts().totalAdded()).isEqualTo(24_771);
    }

    @Test
    void statsEqualThePublishedCounts() {
        IntelStats s = IntelStats.compute(store);
        Map<String, long[]> expected = new HashMap<>();
        expected.put("intrusion-set", new long[] {187, 172});
        expected.put("attack-pattern", new long[] {835, 691});
        expected.put("malware", new long[] {696, 693});
        expected.put("tool", new long[] {91, 91});
        expected.put("campaign", new long[] {52, 52});
        expected.put("course-of-action", new long[] {268, 44});
        expected.put("x-mitre-tactic", new long[] {14, 14});
        expected.put("x-mitre-matrix", new long[] {1, 1});
        expected.put("x-mitre-detection-strategy", new long[] {691, 691});
        expected.put("x-mitre-analytic", new long[] {1739, 1739});
        expected.put("x-mitre-data-component", new long[] {109, 106});
        expected.put("x-mitre-data-source", new long[] {38, 0});
        // the galaxies add intrusion-sets and more; so compare ATT&CK's own types only where galaxies add none
        for (Map.Entry<String, long[]> e : expected.entrySet()) {
            if (e.getKey().equals("intrusion-set")) {
                continue;
            }
            assertThat(s.total().get(e.getKey())).as("total " + e.getKey()).isEqualTo(e.getValue()[0]);
            assertThat(s.active().getOrDefault(e.getKey(), 0L))
                    .as("active " + e.getKey())
                    .isEqualTo(e.getValue()[1]);
        }
        assertThat(s.attack().groups()).isEqualTo(172);
        assertThat(s.attack().techniques()).isEqualTo(216);
        assertThat(s.attack().subtechniques()).isEqualTo(475);
        assertThat(s.attack().software()).isEqualTo(693 + 91);
        assertThat(s.attack().campaigns()).isEqualTo(52);
        assertThat(s.attack().domains()).containsKey("enterprise-attack");
        assertThat(s.relationships())
                .containsEntry("uses", 17_270L)
                .containsEntry("mitigates", 1_445L)
                .containsEntry("detects", 691L)
                .containsEntry("subtechnique-of", 477L)
                .containsEntry("revoked-by", 140L)
                .containsEntry("attributed-to", 25L + galaxyAttributions());
    }

    private long galaxyAttributions() {
        // galaxy actors attributed to their suspected state sponsor
        return store
                .relationships(
                        new dev.harrier.store.RelationshipQuery(Set.of(), Set.of(), Set.of("attributed-to"), true))
                .stream()
                .filter(r -> !r.sourceRef().startsWith("campaign--"))
                .count();
    }

    @Test
    void apt29ResolvesByEveryAliasWithTechniquesAndSoftware() {
        KnowledgeBase kb = KnowledgeBase.load(store);
        for (String q : List.of(
                "APT29",
                "apt-29",
                "Cozy Bear",
                "cozybear",
                "G0016",
                "intrusion-set--899ce53f-13a0-479b-a0e4-67d46e241542")) {
            Resolution r = kb.resolve(q);
            assertThat(r.kind()).as(q).isEqualTo(Resolution.Kind.ACTOR);
            assertThat(r.candidates().get(0).ids())
                    .as(q)
                    .contains("intrusion-set--899ce53f-13a0-479b-a0e4-67d46e241542");
        }
        // ATT&CK lists NOBELIUM as an APT29 alias; MISP's galaxy keeps UNC2452 (also "Nobelium") as a separate actor
        // it only calls "similar": a real conflict, shown with both candidates rather than merged
        Resolution nobelium = kb.resolve("NOBELIUM");
        assertThat(nobelium.kind()).isEqualTo(Resolution.Kind.CONFLICT);
        assertThat(nobelium.candidates()).extracting(c -> c.primary().name()).contains("APT29", "UNC2452");
        ActorProfile p = kb.profile(kb.resolve("cozy bear").candidates().get(0));
        String id = "intrusion-set--899ce53f-13a0-479b-a0e4-67d46e241542";
        assertThat(p.conflicts())
                .extracting(ActorProfile.AliasConflict::otherActorName)
                .contains("UNC2452");
        assertThat(p.cluster().primary().id()).isEqualTo(id);
        assertThat(ids(p.techniques().stream().map(ActorProfile.TechniqueRow::id)))
                .isEqualTo(oracleUses(id, "attack-pattern"));
        assertThat(ids(p.software().stream().map(ActorProfile.SoftwareRow::id)))
                .isEqualTo(oracleUses(id, "malware", "tool"));
        assertThat(p.techniques())
                .filteredOn(t -> t.attackId().equals("T1059.001"))
                .singleElement()
                .satisfies(t -> assertThat(t.tactics()).contains("execution"));
        assertThat(p.campaigns()).extracting(ActorProfile.CampaignRow::attackId).contains("C0024");
        // MISP's synonyms merge with ATT&CK's: the galaxy's entries join the cluster and add their names
        assertThat(p.cluster().members())
                .extracting(ActorMember::source)
                .contains(SourceLabels.ATTACK, "MISP galaxy threat-actor", "MISP galaxy mitre-intrusion-set");
        Map<String, List<String>> sources = p.aliases().stream()
                .collect(Collectors.toMap(a -> Aliases.normalize(a.alias()), ActorProfile.AliasRow::sources));
        assertThat(sources.get("cozybear")).contains(SourceLabels.ATTACK, "MISP galaxy threat-actor");
        assertThat(sources.get("group100")).contains("MISP galaxy threat-actor");
        assertThat(p.attribution())
                .extracting(ActorProfile.ChainLink::toName)
                .anyMatch(n -> n.contains("Russian Federation"));
    }

    @Test
    void equationResolvesCaseInsensitivelyWithTechniquesAndSoftware() {
        KnowledgeBase kb = KnowledgeBase.load(store);
        Resolution r = kb.resolve("equation");
        assertThat(r.kind()).isEqualTo(Resolution.Kind.ACTOR);
        String id = "intrusion-set--96e239be-ad99-49eb-b127-3007b8c1bec9";
        ActorProfile p = kb.profile(r.candidates().get(0));
        assertThat(p.cluster().primary().id()).isEqualTo(id);
        assertThat(p.techniques()).isNotEmpty();
        assertThat(ids(p.techniques().stream().map(ActorProfile.TechniqueRow::id)))
                .isEqualTo(oracleUses(id, "attack-pattern"));
        assertThat(ids(p.software().stream().map(ActorProfile.SoftwareRow::id)))
                .isEqualTo(oracleUses(id, "malware", "tool"));
        // "Equation Group" of the MISP galaxy names G0020 and joins
        assertThat(p.cluster().members()).extracting(ActorMember::name).contains("Equation Group");
        assertThat(kb.resolve("EQGRP").candidates().get(0).primary().id()).isEqualTo(id);
    }

    @Test
    void punctuationInsensitiveAliasesOfGalaxyActors() {
        KnowledgeBase kb = KnowledgeBase.load(store);
        Resolution a = kb.resolve("APT-C-39");
        Resolution b = kb.resolve("apt c 39");
        Resolution c = kb.resolve("aptc39");
        assertThat(a.kind()).isNotEqualTo(Resolution.Kind.NONE);
        assertThat(b.candidates()).isEqualTo(a.candidates());
        assertThat(c.candidates()).isEqualTo(a.candidates());
        assertThat(a.candidates().get(0).members())
                .extracting(ActorMember::name)
                .contains("Longhorn");
        ActorProfile p = kb.profile(a.candidates().get(0));
        assertThat(p.attribution())
                .extracting(ActorProfile.ChainLink::toName)
                .anyMatch(n -> n.contains("United States"));
    }

    @Test
    void exportOfAttackAndGalaxiesValidatesAgainstTheOasisSchemas() throws Exception {
        dev.harrier.testkit.StixSchemaValidator validator = dev.harrier.testkit.StixSchemaValidator.fromSharedData();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        IntelExporter.Summary s = IntelExporter.export(
                store,
                out,
                new IntelExporter.Options(Set.of(), dev.harrier.core.Tlp.CLEAR, dev.harrier.core.Tlp.CLEAR, true));
        JsonNode bundle = Json.mapper().readTree(out.toByteArray());
        assertThat(bundle.path("objects").size()).isEqualTo((int) s.total()).isGreaterThan(24_771);
        List<String> problems = validator.validateBundle(bundle);
        assertThat(problems)
                .as("first problems: %s", problems.stream().limit(20).collect(Collectors.toList()))
                .isEmpty();
    }

    /** Ids of active objects of the given types that the group "uses", read straight from the raw bundle. */
    private Set<String> oracleUses(String groupId, String... types) {
        Set<String> inactive = new TreeSet<>();
        for (JsonNode o : raw.path("objects")) {
            if (o.path("revoked").asBoolean(false)
                    || o.path("x_mitre_deprecated").asBoolean(false)) {
                inactive.add(o.path("id").asText());
            }
        }
        Set<String> wanted = Set.of(types);
        Set<String> out = new TreeSet<>();
        for (JsonNode o : raw.path("objects")) {
            if (o.path("type").asText().equals("relationship")
                    && o.path("relationship_type").asText().equals("uses")
                    && o.path("source_ref").asText().equals(groupId)
                    && !inactive.contains(o.path("id").asText())) {
                String target = o.path("target_ref").asText();
                String type = target.substring(0, target.indexOf("--"));
                if (wanted.contains(type) && !inactive.contains(target)) {
                    out.add(target);
                }
            }
        }
        return out;
    }

    private static Set<String> ids(java.util.stream.Stream<String> s) {
        return s.collect(Collectors.toCollection(TreeSet::new));
    }
}
