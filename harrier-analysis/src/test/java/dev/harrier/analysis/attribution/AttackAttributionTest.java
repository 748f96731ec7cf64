package dev.harrier.analysis.attribution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.harrier.core.Limits;
import dev.harrier.intel.IntelImporter;
import dev.harrier.store.Store;
import dev.harrier.store.sql.SqlStores;
import dev.harrier.testkit.SharedData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Attribution over ATT&amp;CK Enterprise from {@code ../shared/data} (skipped with a message when it is absent):
 * incidents drawn from the knowledge base itself, so nothing depends on a hard-coded answer.
 */
class AttackAttributionTest {
    @TempDir
    Path dir;

    @Test
    void ranksTheTrueGroupHighForIncidentsDrawnFromItsProfile() {
        Path attack = SharedData.require("attack/enterprise-attack.json");
        try (Store store = SqlStores.open(dir)) {
            new IntelImporter(store, Limits.defaults(), false).importFile(attack, n -> {});
            AttributionKnowledge knowledge = AttributionKnowledge.load(store);
            Attributor attributor = new Attributor(knowledge);
            KnowledgeSnapshot kb = Attributor.profiled(knowledge.snapshot);
            assertThat(kb.groups.size()).isGreaterThan(100);
            int[] common = TrialDraw.mostCommon(kb, 200);
            List<KnowledgeSnapshot.Group> biggest = new ArrayList<>(kb.groups);
            biggest.sort(Comparator.comparingInt((KnowledgeSnapshot.Group g) -> -g.items().length));
            int inTop5 = 0;
            int n = 10;
            for (KnowledgeSnapshot.Group g : biggest.subList(0, n)) {
                // 10 of its relations and 3 common items it is not known for (the profile itself is kept)
                TrialDraw d = TrialDraw.draw(g, 42, "test", 10, 0, 3, common);
                List<String> techniques = new ArrayList<>();
                List<String> software = new ArrayList<>();
                for (int x : d.incident()) {
                    KnowledgeSnapshot.Item it = kb.items.get(x);
                    (it.kind() == KnowledgeSnapshot.Kind.SOFTWARE ? software : techniques).add(it.key());
                }
                Attribution a = attributor.attribute(Evidence.of(techniques, software), 5);
                assertThat(a.problems()).isEmpty();
                if (a.candidates().stream().anyMatch(c -> c.id().equals(g.id()))) {
                    inTop5++;
                }
            }
            assertThat(inTop5).isGreaterThanOrEqualTo(n - 1);

            Attribution bad = attributor.attribute(Evidence.of(List.of("T9999"), List.of()));
            assertThat(bad.problems()).singleElement().asString().contains("unknown technique id T9999");
            assertThat(bad.abstain()).isTrue();
        }
    }
}
