package dev.harrier.detect.sigma;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A Sigma filter (meta) rule: {@code detection} is applied to the rules listed in {@code rules} (ids or names) as an
 * extra condition, typically {@code not selection}. {@code logsource} is {@code null} when the filter has none.
 */
public record SigmaFilter(
        String source,
        int line,
        @Nullable String id,
        @Nullable String name,
        String title,
        @Nullable String description,
        @Nullable LogSource logsource,
        List<String> rules,
        Detection detection) {
    public SigmaFilter {
        rules = List.copyOf(rules);
    }
}
