package dev.harrier.detect.pattern;

import java.util.List;
import java.util.Objects;

/**
 * Whether a pattern matched a set of observations, and which observations satisfied it.
 *
 * @param pattern the pattern
 * @param matched whether it matched
 * @param observationIds the ids of the observed-data objects of the first binding found (in the order of their
 *     {@code first_observed}), empty when it did not match; an object standing for several observations
 *     ({@code number_observed}) appears once
 * @param incomplete true when the search ran out of its step budget before finding a binding or proving there is
 *     none (then {@code matched} is false; see {@link PatternMatcher#withSearchBudget})
 */
public record MatchResult(CompiledPattern pattern, boolean matched, List<String> observationIds, boolean incomplete) {
    public MatchResult {
        Objects.requireNonNull(pattern);
        observationIds = List.copyOf(observationIds);
    }
}
