package dev.harrier.analysis.attribution;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Victimology as evidence: P(country | actor) and P(sector | actor) from the countries and sectors the intel says
 * each actor targets, Dirichlet-smoothed towards the background frequency of each place across actors. Actors with
 * no known victimology get weight 0 (neutral), not a penalty.
 */
final class VictimologyModel {
    private final KnowledgeSnapshot kb;
    private final double prior;
    private final Map<String, Integer> countryDf = new HashMap<>();
    private final Map<String, Integer> sectorDf = new HashMap<>();
    private int countryTotal;
    private int sectorTotal;

    VictimologyModel(KnowledgeSnapshot kb, double prior) {
        this.kb = kb;
        this.prior = prior;
        for (KnowledgeSnapshot.Group g : kb.groups) {
            for (String c : g.countries()) {
                countryDf.merge(c, 1, Integer::sum);
                countryTotal++;
            }
            for (String s : g.sectors()) {
                sectorDf.merge(s, 1, Integer::sum);
                sectorTotal++;
            }
        }
    }

    /** Log-likelihood ratio of a victim country for actor g. */
    double country(int g, String country) {
        Set<String> known = kb.groups.get(g).countries();
        if (known.isEmpty()) {
            return 0;
        }
        double bg = (countryDf.getOrDefault(country, 0) + 0.5) / (countryTotal + 0.5 * (countryDf.size() + 1));
        return ratio(known.contains(country), known.size(), bg);
    }

    /** Log-likelihood ratio of a victim sector for actor g ("government" matches "government-national"). */
    double sector(int g, String sector) {
        Set<String> known = kb.groups.get(g).sectors();
        if (known.isEmpty()) {
            return 0;
        }
        int df = 0;
        for (Map.Entry<String, Integer> e : sectorDf.entrySet()) {
            if (matches(e.getKey(), sector)) {
                df += e.getValue();
            }
        }
        double bg = Math.min(1, (df + 0.5) / (sectorTotal + 0.5 * (sectorDf.size() + 1)));
        boolean hit = known.stream().anyMatch(k -> matches(k, sector));
        return ratio(hit, known.size(), bg);
    }

    /** Whether actor g has victimology of this kind at all. */
    boolean hasCountries(int g) {
        return !kb.groups.get(g).countries().isEmpty();
    }

    boolean hasSectors(int g) {
        return !kb.groups.get(g).sectors().isEmpty();
    }

    private double ratio(boolean hit, int known, double bg) {
        double p = ((hit ? 1.0 : 0.0) + prior * bg) / (known + prior);
        return Math.log(p / bg);
    }

    /** Whether two sector keys name the same sector or one is a broader form ("government" ~ "government-national"). */
    static boolean matches(String a, String b) {
        return a.equals(b) || a.startsWith(b + "-") || b.startsWith(a + "-");
    }
}
