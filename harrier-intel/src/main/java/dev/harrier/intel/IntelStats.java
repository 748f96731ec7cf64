package dev.harrier.intel;

import dev.harrier.core.StixObject;
import dev.harrier.store.ObjectFilter;
import dev.harrier.store.Store;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of what a case's knowledge base holds.
 *
 * @param total latest objects by type, revoked and deprecated included
 * @param active latest objects by type that are neither revoked nor deprecated
 * @param relationships relationships by relationship type (all)
 * @param activeRelationships relationships by relationship type (active only)
 * @param attack the ATT&amp;CK part, counted over objects published by MITRE
 */
public record IntelStats(
        Map<String, Long> total,
        Map<String, Long> active,
        Map<String, Long> relationships,
        Map<String, Long> activeRelationships,
        AttackCounts attack) {

    /**
     * Active ATT&amp;CK objects.
     *
     * @param groups intrusion sets
     * @param techniques attack patterns that are not sub-techniques
     * @param subtechniques sub-techniques
     * @param software malware plus tools
     * @param campaigns campaigns
     * @param domains active ATT&amp;CK objects by domain ({@code enterprise-attack}, {@code mobile-attack}, ...)
     */
    public record AttackCounts(
            long groups,
            long techniques,
            long subtechniques,
            long software,
            long campaigns,
            Map<String, Long> domains) {}

    /** Computes the statistics, streaming over the store. */
    public static IntelStats compute(Store store) {
        Map<String, Long> total = new TreeMap<>(store.countByType(ObjectFilter.ALL));
        Map<String, Long> active = new TreeMap<>(store.countByType(ObjectFilter.ACTIVE));
        Map<String, Long> rels = new TreeMap<>(store.countRelationshipsByType(ObjectFilter.ALL));
        Map<String, Long> activeRels = new TreeMap<>(store.countRelationshipsByType(ObjectFilter.ACTIVE));
        long[] c = new long[5];
        Map<String, Long> domains = new TreeMap<>();
        store.forEachLatest(
                ObjectFilter.ACTIVE.ofTypes("intrusion-set", "attack-pattern", "malware", "tool", "campaign"),
                (StixObject o) -> {
                    if (!AttackData.isAttack(o)) {
                        return;
                    }
                    switch (o.type()) {
                        case "intrusion-set":
                            c[0]++;
                            break;
                        case "attack-pattern":
                            c[AttackData.isSubtechnique(o) ? 2 : 1]++;
                            break;
                        case "campaign":
                            c[4]++;
                            break;
                        default:
                            c[3]++;
                    }
                    for (String d : o.strings("x_mitre_domains")) {
                        domains.merge(d, 1L, Long::sum);
                    }
                });
        return new IntelStats(total, active, rels, activeRels, new AttackCounts(c[0], c[1], c[2], c[3], c[4], domains));
    }
}
