package dev.harrier.detect.sigma;

import java.util.List;

/**
 * A named search of a detection ({@code selection:}, {@code filter_main_*:}, {@code keywords:}). Exactly one of the
 * two lists is non-empty unless the search is empty: {@code keywords} (values searched anywhere in the event, OR-ed)
 * or {@code fieldMaps} (an OR of maps, each an AND of {@link FieldMatch}es).
 */
public record SearchIdentifier(String name, int line, List<Value> keywords, List<List<FieldMatch>> fieldMaps) {
    public SearchIdentifier {
        keywords = List.copyOf(keywords);
        fieldMaps = fieldMaps.stream().map(List::copyOf).toList();
    }

    /** Whether this is a keyword list. */
    public boolean isKeywords() {
        return !keywords.isEmpty();
    }
}
