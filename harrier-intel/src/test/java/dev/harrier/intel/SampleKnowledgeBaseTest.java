package dev.harrier.intel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.intel.ActorProfile.AliasRow;
import dev.harrier.store.Store;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The knowledge base over the sample intel shipped in the repository (always runs). */
class SampleKnowledgeBaseTest {
    @TempDir
    Path dir;

    @Test
    void importsEverySampleAndReimportAddsNothing() throws Exception {
        try (Store store = TestCases.sqlite(dir)) {
            List<FileImportResult> first = TestCases.importAll(store, TestCases.samples());
            assertThat(first)
                    .hasSize(6)
                    .allSatisfy(r ->
                            assertThat(r.ok()).as(r.file() + " " + r.message()).isTrue());
            assertThat(first.stream().mapToInt(r -> r.counts().totalAdded()).sum())
                    .isGreaterThan(80);
            // the CSV has one line that cannot be typed, reported with its line number
            FileImportResult csv = first.stream()
                    .filter(r -> r.file().endsWith("05-iocs.csv"))
                    .findFirst()
                    .orElseThrow();
            assertThat(csv.rejected()).isEqualTo(1);
            assertThat(csv.errors().get(0).location()).contains("8");

            long before = store.countByType(dev.harrier.store.ObjectFilter.ALL).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            IntelImporter force = new IntelImporter(store, dev.harrier.core.Limits.defaults(), true);
            for (Path f : IntelImporter.expand(List.of(TestCases.samples()))) {
                FileImportResult r = force.importFile(f, n -> {});
                assertThat(r.counts().totalAdded()).as(f.toString()).isZero();
                assertThat(r.counts().totalUpdated()).as(f.toString()).isZero();
            }
            long after = store.countByType(dev.harrier.store.ObjectFilter.ALL).values().stream()
                    .mapToLong(Long::longValue)
                    .sum();
            assertThat(after).isEqualTo(before);
            // the bundle's older version of the actor is kept as history
            assertThat(store.versions("intrusion-set--" + velvetUuid(store))).hasSize(2);
        }
    }

    @Test
    void aliasFromTheGalaxyResolvesToTheMergedActor() throws Exception {
        try (Store store = TestCases.sqlite(dir)) {
            TestCases.importAll(store, TestCases.samples());
            KnowledgeBase kb = KnowledgeBase.load(store);
            for (String q : List.of("ink heron", "INK-HERON", "Monsoon Team", "apt x 99", "VELVET_MONSOON")) {
                Resolution r = kb.resolve(q);
                assertThat(r.kind()).as(q).isEqualTo(Resolution.Kind.ACTOR);
                assertThat(r.candidates().get(0).primary().name()).as(q).isEqualTo("VELVET MONSOON");
            }
            ActorProfile p = kb.profile(kb.resolve("ink heron").candidates().get(0));
            assertThat(p.cluster().members())
                    .extracting(ActorMember::source)
                    .contains("Harrier Sample Lab", "MISP galaxy threat-actor");
            AliasRow ink = p.aliases().stream()
                    .filter(a -> a.alias().equals("Ink Heron"))
                    .findFirst()
                    .orElseThrow();
            assertThat(ink.sources()).contains("Harrier Sample Lab", "MISP galaxy threat-actor");
            assertThat(p.aliases()).extracting(AliasRow::alias).contains("Monsoon Team", "APT-X-99");
            assertThat(p.techniques())
                    .extracting(ActorProfile.TechniqueRow::attackId)
                    .containsExactly(
                            "T1027", "T1053.005", "T1059.001", "T1071.001", "T1082", "T1105", "T1204.002", "T1566.001");
            assertThat(p.techniques().stream()
                            .filter(t -> t.attackId().equals("T1059.001"))
                            .findFirst()
                            .orElseThrow()
                            .tactics())
                    .containsExactly("execution");
            assertThat(p.software())
                    .extracting(ActorProfile.SoftwareRow::name)
                    .containsExactly("HarborTunnel", "InkDrop");
            assertThat(p.campaigns())
                    .extracting(ActorProfile.CampaignRow::name)
                    .containsExactly("Operation Paper Lantern");
            assertThat(p.attribution())
                    .extracting(ActorProfile.ChainLink::toName)
                    .contains("Harbor Directorate");
            assertThat(p.targetedCountries().stream()
                            .map(ActorProfile.PlaceRow::code)
                            .collect(Collectors.toSet()))
                    .containsExactlyInAnyOrder("DE", "FR", "PL", "UA", "JP", "KR");
            assertThat(p.targetedSectors())
                    .extracting(ActorProfile.PlaceRow::code)
                    .contains("energy", "government-national");
        }
    }

    @Test
    void aliasClaimedByTwoUnlinkedActorsIsAConflictNotAMerge() throws Exception {
        try (Store store = TestCases.sqlite(dir)) {
            TestCases.importAll(store, TestCases.samples());
            KnowledgeBase kb = KnowledgeBase.load(store);
            Resolution r = kb.resolve("paper crane");
            assertThat(r.kind()).isEqualTo(Resolution.Kind.CONFLICT);
            assertThat(r.candidates())
                    .extracting(c -> c.primary().name())
                    .containsExactlyInAnyOrder("GRANITE OWL", "VELVET MONSOON");
            ActorProfile velvet =
                    kb.profile(kb.resolve("velvet monsoon").candidates().get(0));
            assertThat(velvet.conflicts())
                    .extracting(ActorProfile.AliasConflict::otherActorName)
                    .contains("GRANITE OWL");
            assertThat(velvet.cluster().members()).extracting(ActorMember::name).doesNotContain("GRANITE OWL");
        }
    }

    @Test
    void directoryWalksSkipFilesThatAreNotIntel() throws Exception {
        Path root = TestCases.samples().getParent();
        assertThat(root.resolve("README.md")).isRegularFile();
        List<Path> files = IntelImporter.expand(List.of(root));
        // README.md and the Sigma rules (.yml) are skipped; the six intel files are in (sample logs are .json too,
        // and are offered: content detection rejects them at import)
        assertThat(files)
                .noneMatch(f -> f.getFileName().toString().endsWith(".md"))
                .noneMatch(f -> f.getFileName().toString().endsWith(".yml"))
                .containsAll(IntelImporter.expand(List.of(root.resolve("intel"))));
        assertThat(IntelImporter.expand(List.of(root.resolve("intel")))).hasSize(6);
        // a file named explicitly is always read
        assertThat(IntelImporter.expand(List.of(root.resolve("README.md")))).hasSize(1);
    }

    @Test
    void unknownNameGivesSuggestions() throws Exception {
        try (Store store = TestCases.sqlite(dir)) {
            TestCases.importAll(store, TestCases.samples());
            KnowledgeBase kb = KnowledgeBase.load(store);
            Resolution r = kb.resolve("monsoo");
            assertThat(r.kind()).isEqualTo(Resolution.Kind.NONE);
            assertThat(r.suggestions()).contains("VELVET MONSOON");
            assertThat(kb.resolve("InkDrop").kind()).isEqualTo(Resolution.Kind.OBJECT);
            assertThat(kb.resolve("T1059.001").objects())
                    .extracting(o -> o.name().orElse(""))
                    .contains("PowerShell");
        }
    }

    private static String velvetUuid(Store store) {
        return KnowledgeBase.load(store).resolve("APT-X-99").candidates().get(0).members().stream()
                .filter(m -> m.source().equals("Harrier Sample Lab"))
                .findFirst()
                .orElseThrow()
                .id()
                .substring("intrusion-set--".length());
    }
}
