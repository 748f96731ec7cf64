package dev.harrier.detect.sigma;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Numbers the distinct {@link Needle}s of one compilation: the ids index the detector's needle marks, so that a rule
 * variant's prefilter and a string test's needle refer to the same mark.
 */
final class NeedleIds {
    private final Map<Needle, Integer> ids = new HashMap<>();
    private final List<Needle> needles = new ArrayList<>();

    /** The id of {@code n}, numbering it when it is new. */
    int id(Needle n) {
        Integer id = ids.get(n);
        if (id == null) {
            id = needles.size();
            needles.add(n);
            ids.put(n, id);
        }
        return id;
    }

    /** Every needle numbered so far, by id. */
    List<Needle> all() {
        return List.copyOf(needles);
    }
}
