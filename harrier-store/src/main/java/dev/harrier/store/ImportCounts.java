package dev.harrier.store;

import java.util.Map;
import java.util.TreeMap;

/**
 * What an import session did, by object type.
 *
 * @param added objects whose id was new to the store
 * @param updated new versions of known objects that became the latest
 * @param unchanged versions already stored (or derived objects with identical content)
 * @param older versions older than the stored latest, kept as history
 */
public record ImportCounts(
        Map<String, Integer> added,
        Map<String, Integer> updated,
        Map<String, Integer> unchanged,
        Map<String, Integer> older) {

    /** Empty counts. */
    public static ImportCounts empty() {
        return new ImportCounts(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(), new TreeMap<>());
    }

    /** Total added. */
    public int totalAdded() {
        return sum(added);
    }

    /** Total updated. */
    public int totalUpdated() {
        return sum(updated);
    }

    /** Total unchanged. */
    public int totalUnchanged() {
        return sum(unchanged);
    }

    /** Total older. */
    public int totalOlder() {
        return sum(older);
    }

    private static int sum(Map<String, Integer> m) {
        return m.values().stream().mapToInt(Integer::intValue).sum();
    }
}
