package dev.harrier.detect.sigma;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code detection} section: named searches (in file order) and one or more conditions (a rule with several
 * conditions matches when any does). {@code timeframe} is the deprecated Sigma 1 key, kept as written.
 */
public record Detection(
        Map<String, SearchIdentifier> searches,
        List<Condition> conditions,
        List<String> conditionTexts,
        @Nullable String timeframe) {
    public Detection {
        searches = Collections.unmodifiableMap(new LinkedHashMap<>(searches));
        conditions = List.copyOf(conditions);
        conditionTexts = List.copyOf(conditionTexts);
    }
}
