package dev.harrier.analysis.campaign;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Interns features (kind and value) as small ints, with a readable label per feature. */
final class FeatureTable {
    private final Map<FeatureKind, Map<String, Integer>> ids = new java.util.EnumMap<>(FeatureKind.class);
    private final List<FeatureKind> kinds = new ArrayList<>();
    private final List<String> values = new ArrayList<>();
    private final List<String> labels = new ArrayList<>();
    private final java.util.BitSet fromIoc = new java.util.BitSet();

    /** The id of a feature, adding it (with {@code label}) when new. */
    int intern(FeatureKind kind, String value, String label) {
        Map<String, Integer> forKind = ids.computeIfAbsent(kind, k -> new HashMap<>());
        Integer id = forKind.get(value);
        if (id != null) {
            return id;
        }
        int n = kinds.size();
        forKind.put(value, n);
        kinds.add(kind);
        values.add(value);
        labels.add(label);
        return n;
    }

    /** Marks a feature as seen in an IOC sighting. */
    void markIoc(int id) {
        fromIoc.set(id);
    }

    /** Whether a feature was seen in an IOC sighting. */
    boolean ioc(int id) {
        return fromIoc.get(id);
    }

    int size() {
        return kinds.size();
    }

    FeatureKind kind(int id) {
        return kinds.get(id);
    }

    String value(int id) {
        return values.get(id);
    }

    String label(int id) {
        return labels.get(id);
    }
}
