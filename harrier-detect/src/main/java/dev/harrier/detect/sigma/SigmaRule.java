package dev.harrier.detect.sigma;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One Sigma detection rule. Optional metadata is {@code null} (strings) or empty (lists) when absent.
 * {@code attackTechniques} are the upper-case technique ids ({@code T1059.001}) derived from {@code attack.tNNNN[.NNN]}
 * tags. {@code line} is the line of the document's first key.
 */
public record SigmaRule(
        String source,
        int line,
        @Nullable String id,
        @Nullable String name,
        String title,
        @Nullable String status,
        @Nullable String level,
        @Nullable String author,
        @Nullable String description,
        @Nullable String date,
        @Nullable String modified,
        List<String> tags,
        List<String> attackTechniques,
        List<String> references,
        List<String> falsepositives,
        LogSource logsource,
        Detection detection) {
    public SigmaRule {
        tags = List.copyOf(tags);
        attackTechniques = List.copyOf(attackTechniques);
        references = List.copyOf(references);
        falsepositives = List.copyOf(falsepositives);
    }
}
