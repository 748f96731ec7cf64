package dev.harrier.analysis.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The benchmark protocol's draws and bookkeeping on a generated knowledge base. */
class BenchProtocolTest {
    /** 30 actors over 300 techniques: a few common ones and many rarer, actor-specific ones. */
    static KnowledgeSnapshot generated(long seed) {
        Random r = new Random(seed);
        int v = 300;
        List<KnowledgeSnapshot.Item> items = new ArrayList<>();
        Map<String, Integer> byKey = new HashMap<>();
        for (int i = 0; i < v; i++) {
            String key = String.format(java.util.Locale.ROOT, "T%04d", 1000 + i);
            items.add(
                    new KnowledgeSnapshot.Item(key, "t" + i, KnowledgeSnapshot.Kind.TECHNIQUE, "attack-pattern--" + i));
            byKey.put(key, i);
        }
        int[] parent = new int[v];
        java.util.Arrays.fill(parent, -1);
        List<KnowledgeSnapshot.Group> groups = new ArrayList<>();
        for (int g = 0; g < 30; g++) {
            Set<Integer> s = new TreeSet<>();
            int n = 12 + r.nextInt(30);
            while (s.size() < n) {
                // half from the 30 common techniques, half from the long tail
                s.add(r.nextBoolean() ? r.nextInt(30) : 30 + r.nextInt(v - 30));
            }
            int[] idx = s.stream().mapToInt(Integer::intValue).toArray();
            String[] src = new String[idx.length];
            java.util.Arrays.fill(src, "MITRE ATT&CK");
            groups.add(new KnowledgeSnapshot.Group(
                    "intrusion-set--" + g,
                    "G" + g,
                    String.format(java.util.Locale.ROOT, "G%04d", g),
                    idx,
                    src,
                    Set.of(),
                    Set.of(),
                    List.of(),
                    "MITRE ATT&CK"));
        }
        return new KnowledgeSnapshot(items, byKey, Map.of(), Map.of(), parent, new int[v][0], Map.of(), groups);
    }

    @Test
    void drawFollowsTheProtocol() {
        KnowledgeSnapshot kb = generated(1);
        int[] common = TrialDraw.mostCommon(kb, 50);
        Set<Integer> pool = new HashSet<>();
        for (int c : common) {
            pool.add(c);
        }
        for (KnowledgeSnapshot.Group g : kb.groups) {
            if (g.items().length < 15) {
                continue;
            }
            TrialDraw d = TrialDraw.draw(g, 7, "closed", 10, 3, 3, common);
            assertThat(d.incident()).hasSize(13).doesNotHaveDuplicates();
            for (int k = 0; k < 10; k++) {
                assertThat(g.uses(d.incident()[k])).isTrue();
            }
            for (int k = 10; k < 13; k++) {
                assertThat(g.uses(d.incident()[k])).isFalse();
                assertThat(pool).contains(d.incident()[k]);
            }
            assertThat(d.removed()).hasSize(3);
            for (int k = 0; k < 3; k++) {
                assertThat(d.removed()).contains(d.incident()[k]);
            }
            TrialDraw again = TrialDraw.draw(g, 7, "closed", 10, 3, 3, common);
            assertThat(again.incident()).containsExactly(d.incident());
        }
    }

    @Test
    void removingItemsAdjustsCooccurrenceLikeARebuild() {
        KnowledgeSnapshot kb = generated(2);
        TrialDraw d = TrialDraw.draw(kb.groups.get(3), 1, "closed", 10, 3, 3, TrialDraw.mostCommon(kb, 50));
        KnowledgeSnapshot trial = kb.withoutItems(3, d.removed());
        double[] incremental = new ProfileModel(
                        trial,
                        ModelParameters.DEFAULT,
                        Cooccurrence.of(kb).minus(kb.groups.get(3).items(), d.removed()))
                .scores(d.incident());
        double[] rebuilt = new ProfileModel(trial, ModelParameters.DEFAULT).scores(d.incident());
        assertThat(incremental).containsExactly(rebuilt, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void reportedSeedsMustBeDisjointFromCalibrationSeeds() {
        assertThatThrownBy(() -> new AttributionBench.Options(List.of(1L, 101L), List.of(101L), 15, 10, 3, 3, 200, 0.2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("disjoint");
    }

    @Test
    void benchReportsConsistentFigures() {
        KnowledgeSnapshot kb = generated(3);
        AttributionBench.Options o = new AttributionBench.Options(List.of(1L, 2L), List.of(11L), 15, 10, 3, 3, 50, 0.2);
        List<String> progress = new ArrayList<>();
        AttributionBench.Report r = AttributionBench.run(kb, o, ModelParameters.DEFAULT, progress::add);
        int eligible =
                (int) kb.groups.stream().filter(g -> g.items().length >= 15).count();
        assertThat(r.eligibleActors()).isEqualTo(eligible);
        assertThat(r.model().trials()).isEqualTo(2 * eligible);
        assertThat(r.jaccard().trials()).isEqualTo(2 * eligible);
        for (AttributionBench.Metrics m : List.of(r.model(), r.jaccard())) {
            assertThat(m.top1()).isBetween(0.0, 1.0);
            assertThat(m.top5()).isBetween(m.top1(), 1.0);
            assertThat(m.mrr()).isBetween(m.top1(), m.top5() + 1e-9);
        }
        assertThat(r.model().ece()).isBetween(0.0, 1.0);
        assertThat(r.openSet().removedIncidents() + r.openSet().knownIncidents())
                .isEqualTo(2 * eligible);
        assertThat(r.calibration().temperature()).isPositive();
        assertThat(r.targets()).hasSize(6);
        assertThat(progress).isNotEmpty();
    }
}
