package dev.harrier.store;

import dev.harrier.core.StixIds;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One detection hit kept in a case: a rule (Sigma rule, Sigma correlation, IOC, STIX pattern) matched an event.
 *
 * <p>{@code author} is the rule's author: SigmaHQ's Detection Rule License requires it in every alert, so a sighting
 * of a SigmaHQ rule always carries it. {@code techniques} are upper-case ATT&amp;CK ids ({@code T1059.001}) that link the
 * sighting to attack-patterns in the knowledge base. {@code fields} are the event fields that made the rule match
 * (or, for correlations, the group-by values), in a stable order.
 *
 * @param id deterministic id ({@link #idFor}), so storing the same hit twice keeps one row
 * @param kind what produced it: {@code sigma}, {@code sigma-correlation}, {@code ioc}, {@code stix-pattern}
 * @param ruleId the rule's id (Sigma {@code id}, or a derived one when the rule has none)
 * @param ruleTitle the rule's title
 * @param level {@code informational}, {@code low}, {@code medium}, {@code high}, {@code critical}, or null
 * @param author the rule's author, or null when the rule names none
 * @param techniques ATT&amp;CK technique ids from the rule's tags
 * @param observed when the event happened (its timestamp), or null when the event has none
 * @param host the host the event came from, or null
 * @param eventSource the file (or other input) of the event
 * @param eventLine the 1-based line (or record number) of the event in its source
 * @param fields matched fields and their values
 */
public record Sighting(
        String id,
        String kind,
        String ruleId,
        String ruleTitle,
        @Nullable String level,
        @Nullable String author,
        List<String> techniques,
        @Nullable Instant observed,
        @Nullable String host,
        String eventSource,
        long eventLine,
        Map<String, String> fields) {
    public Sighting {
        techniques = List.copyOf(techniques);
        fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** The deterministic id of a hit: a UUIDv5 over kind, rule id, event source, line and time. */
    public static String idFor(
            String kind, String ruleId, String eventSource, long eventLine, @Nullable Instant observed) {
        return StixIds.derived(
                "sighting",
                kind + "\u0000" + ruleId + "\u0000" + eventSource + "\u0000" + eventLine + "\u0000" + observed);
    }
}
