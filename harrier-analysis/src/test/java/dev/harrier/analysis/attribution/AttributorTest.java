package dev.harrier.analysis.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.store.Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attributor on a small hand-made knowledge base: weighting, abstention, aliases, bad input, explanations. */
class AttributorTest {
    @TempDir
    static Path dir;

    private static Store store;
    private static Attributor attributor;

    @BeforeAll
    static void build() {
        TinyIntel t = new TinyIntel();
        for (String id : List.of(
                "T1000",
                "T1100",
                "T1200",
                "T1210",
                "T1220",
                "T1230",
                "T1240",
                "T1250",
                "T1260",
                "T1270",
                "T1280",
                "T1290",
                "T1291",
                "T1300",
                "T1300.001",
                "T1400",
                "T1500",
                "T1600",
                "T1700",
                "T1800")) {
            t.technique(id, "Technique " + id);
        }
        t.software("S0001", "Stinger", "StingRAT").implementsTechnique("S0001", "T1800");
        t.group("G0001", "Alpha", "Fancy Alpha");
        t.group("G0002", "Bravo");
        t.group("G0003", "Charlie");
        t.group("G0004", "Delta");
        t.group("G0005", "Echo");
        t.group("G0006", "Foxtrot");
        t.group("G0007", "Golf");
        t.group("G0008", "Hotel");
        for (String g : List.of("G0001", "G0002", "G0003", "G0004", "G0005", "G0006", "G0007", "G0008")) {
            t.uses(g, "T1000");
        }
        for (String g : List.of("G0001", "G0002", "G0003", "G0004")) {
            t.uses(g, "T1100");
        }
        t.uses("G0001", "T1200").uses("G0001", "S0001").uses("G0001", "T1300");
        t.uses("G0002", "T1210").uses("G0002", "T1220");
        t.uses("G0003", "T1230").uses("G0003", "T1240");
        t.uses("G0004", "T1250");
        t.uses("G0005", "T1260").uses("G0005", "T1270");
        t.uses("G0006", "T1280");
        t.uses("G0008", "T1290").uses("G0008", "T1291");
        // another vendor's report on Alpha: merged by name, adds a technique
        t.vendorGroup("alpha", "Alpha");
        t.relate(
                "uses",
                TinyIntel.id("intrusion-set", "vendor:alpha"),
                TinyIntel.id("attack-pattern", "T1600"),
                TinyIntel.VENDOR);
        // Alpha is attributed to a sponsor
        t.threatActor("sponsor", "Sponsor State");
        t.relate(
                "attributed-to", TinyIntel.groupId("G0001"), TinyIntel.id("threat-actor", "sponsor"), TinyIntel.VENDOR);
        // victimology
        t.country("DE", "Germany").country("FR", "France");
        t.relate("targets", TinyIntel.groupId("G0002"), TinyIntel.id("location", "DE"), TinyIntel.VENDOR);
        t.relate("targets", TinyIntel.groupId("G0003"), TinyIntel.id("location", "FR"), TinyIntel.VENDOR);
        store = t.importInto(dir);
        attributor = new Attributor(AttributionKnowledge.load(store));
    }

    @AfterAll
    static void close() {
        store.close();
    }

    private static Candidate named(Attribution a, String name) {
        return a.candidates().stream()
                .filter(c -> c.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " not among " + a.candidates()));
    }

    private static EvidenceItem item(Candidate c, String id) {
        List<EvidenceItem> all = new ArrayList<>(c.supports());
        all.addAll(c.contradicts());
        all.addAll(c.neutral());
        return all.stream()
                .filter(i -> i.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new AssertionError(id + " not in the evidence of " + c.name()));
    }

    private static Attribution attribute(List<String> techniques, List<String> software) {
        return attributor.attribute(Evidence.of(techniques, software), 100);
    }

    @Test
    void rareTechniquesWeighMoreThanCommonOnes() {
        Attribution a = attribute(List.of("T1000", "T1200"), List.of());
        Candidate alpha = a.candidates().get(0);
        assertThat(alpha.name()).isEqualTo("Alpha");
        // both are direct uses of Alpha; the technique only Alpha uses weighs more than the one everybody uses
        assertThat(item(alpha, "T1200").weight())
                .isGreaterThan(item(alpha, "T1000").weight());
        assertThat(item(alpha, "T1200").link()).isEqualTo(EvidenceItem.Link.DIRECT);
        assertThat(item(alpha, "T1200").grade().toString()).isEqualTo("B2");
    }

    @Test
    void probabilitiesAndUnknownSumToOne() {
        Attribution a = attribute(List.of("T1100", "T1210"), List.of());
        double sum = a.unknownProbability();
        for (Candidate c : a.candidates()) {
            sum += c.probability();
        }
        assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(a.candidates().get(0).name()).isEqualTo("Bravo");
    }

    @Test
    void abstainsOnEvidenceNoActorIsLinkedTo() {
        Attribution a = attribute(List.of("T1400", "T1500", "T1700"), List.of());
        assertThat(a.abstain()).isTrue();
        assertThat(a.unknownProbability()).isGreaterThan(a.candidates().get(0).probability());
        assertThat(a.decision()).startsWith("Abstain");
    }

    @Test
    void aCommonTechniqueAloneFavoursNoSmallProfile() {
        // Golf's whole profile is the technique every actor uses
        Attribution a = attribute(List.of("T1000"), List.of());
        assertThat(a.abstain()).isTrue();
        assertThat(named(a, "Golf").probability()).isLessThan(0.5);
    }

    @Test
    void aliasesAreResolvedBeforeScoring() {
        // the vendor's "Alpha" is merged into ATT&CK's; the sponsor is an actor without behaviour: not ranked
        assertThat(attributor.actors()).isEqualTo(8);
        Attribution a = attribute(List.of("T1600", "T1200"), List.of("stingrat"));
        Candidate alpha = a.candidates().get(0);
        assertThat(alpha.name()).isEqualTo("Alpha");
        assertThat(item(alpha, "T1600").source()).contains("Vendor X");
        assertThat(item(alpha, "S0001").link()).isEqualTo(EvidenceItem.Link.DIRECT);
        assertThat(a.problems()).isEmpty();
    }

    @Test
    void attributedToChainsAreFollowed() {
        Attribution a = attribute(List.of("T1200", "T1300"), List.of("S0001"));
        Candidate alpha = named(a, "Alpha");
        assertThat(alpha.attributedTo()).extracting(Candidate.ChainStep::toName).contains("Sponsor State");
        assertThat(a.sponsors()).extracting(Attribution.Sponsor::name).contains("Sponsor State");
        assertThat(a.sponsors().get(0).probability())
                .isCloseTo(alpha.probability(), org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void novelSubTechniqueCountsThroughItsParent() {
        Attribution a = attribute(List.of("T1300.001"), List.of());
        EvidenceItem i = item(named(a, "Alpha"), "T1300.001");
        assertThat(i.link()).isEqualTo(EvidenceItem.Link.HIERARCHY);
        assertThat(i.weight()).isPositive();
        assertThat(i.grade().credibility()).isEqualTo(3);
        assertThat(a.candidates().get(0).name()).isEqualTo("Alpha");
    }

    @Test
    void novelTechniqueCountsThroughTheSoftwareThatImplementsIt() {
        Attribution a = attribute(List.of("T1800"), List.of());
        EvidenceItem i = item(named(a, "Alpha"), "T1800");
        assertThat(i.link()).isEqualTo(EvidenceItem.Link.SOFTWARE);
        assertThat(i.weight()).isPositive();
        assertThat(a.candidates().get(0).name()).isEqualTo("Alpha");
    }

    @Test
    void unknownTechniqueIdsGiveClearMessages() {
        Attribution a = attribute(List.of("T9999", "foo", "T1200"), List.of("S9999"));
        assertThat(a.problems())
                .anyMatch(p -> p.contains("unknown technique id T9999"))
                .anyMatch(p -> p.contains("\"foo\" is not an ATT&CK technique id"))
                .anyMatch(p -> p.contains("unknown software \"S9999\""));
        assertThat(a.used()).containsExactly("T1200 Technique T1200");
        assertThat(a.candidates().get(0).name()).isEqualTo("Alpha");
    }

    @Test
    void emptyOrUnusableEvidenceAbstainsWithAReason() {
        Attribution empty = attribute(List.of(), List.of());
        assertThat(empty.abstain()).isTrue();
        assertThat(empty.candidates()).isEmpty();
        assertThat(empty.unknownProbability()).isEqualTo(1.0);
        assertThat(empty.decision()).contains("no usable evidence");
        Attribution unusable = attribute(List.of("T9999"), List.of());
        assertThat(unusable.abstain()).isTrue();
        assertThat(unusable.problems()).hasSize(1);
    }

    @Test
    void victimologyCountsWhereTheIntelHasIt() {
        Attribution a = attributor.attribute(
                Evidence.of(List.of("T1100"), List.of()).withVictims(List.of("Germany"), List.of()), 100);
        EvidenceItem bravo = item(named(a, "Bravo"), "DE");
        EvidenceItem charlie = item(named(a, "Charlie"), "DE");
        EvidenceItem delta = item(named(a, "Delta"), "DE");
        assertThat(bravo.link()).isEqualTo(EvidenceItem.Link.DIRECT);
        assertThat(bravo.weight()).isPositive();
        assertThat(charlie.link()).isEqualTo(EvidenceItem.Link.NOT_KNOWN);
        assertThat(charlie.weight()).isNegative();
        assertThat(delta.link()).isEqualTo(EvidenceItem.Link.NO_VICTIMOLOGY);
        assertThat(delta.weight()).isZero();
        assertThat(named(a, "Bravo").probability())
                .isGreaterThan(named(a, "Charlie").probability());
    }

    @Test
    void competingHypothesesTableHasARowPerEvidenceItemAndAnUnknownColumn() {
        Attribution a = attribute(List.of("T1000", "T1200", "T1210"), List.of());
        Hypotheses h = a.hypotheses();
        assertThat(h.hypotheses()).hasSize(Attributor.TABLE_COLUMNS + 1).last().isEqualTo("unknown actor");
        assertThat(h.rows()).hasSize(3);
        for (Hypotheses.Row r : h.rows()) {
            assertThat(r.marks()).hasSize(h.hypotheses().size());
            assertThat(r.marks().get(r.marks().size() - 1)).isEqualTo("0");
        }
    }
}
