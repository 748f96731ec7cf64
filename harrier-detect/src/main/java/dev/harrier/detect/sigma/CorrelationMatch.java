package dev.harrier.detect.sigma;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One firing of a {@link SigmaCorrelation}, produced by {@link CorrelationEngine}.
 *
 * @param correlation the correlation that fired
 * @param group the {@code group-by} names of the correlation, in their written order, mapped to the values shared by
 *     the window's hits; a value is {@code null} when the field was absent. Integral numbers are normalised to
 *     {@link Long} and other numbers to a {@link BigDecimal} without trailing zeros, so {@code 5}, {@code 5.0} and
 *     {@code 5L} are one group. Unmodifiable.
 * @param firstTime the time of the window's first hit (the window start)
 * @param lastTime the time of the window's last hit; at most {@code firstTime + timespan}
 * @param hitCount how many hits of the referenced rules (or firings of referenced correlations) the window holds
 * @param value the aggregated value the condition was evaluated on: the hit count ({@code event_count}), the number
 *     of distinct values ({@code value_count}), the sum, mean or percentile of the numeric values
 *     ({@code value_sum}, {@code value_avg}, {@code value_percentile}), the number of distinct referenced rules that
 *     hit ({@code temporal}) or the number of referenced rules matched in their listed order
 *     ({@code temporal_ordered}); {@code null} only when no value applies
 * @param eventRefs {@code source:line} of the contributing events, in time order, at most {@link #MAX_EVENT_REFS};
 *     for a hit that is itself a firing of a chained correlation, that firing's contributing events
 * @param eventCount the total number of contributing events (may exceed the size of {@code eventRefs})
 */
public record CorrelationMatch(
        SigmaCorrelation correlation,
        Map<String, @Nullable Object> group,
        Instant firstTime,
        Instant lastTime,
        int hitCount,
        @Nullable BigDecimal value,
        List<String> eventRefs,
        long eventCount) {
    /** The most event references a match keeps. */
    public static final int MAX_EVENT_REFS = 20;

    public CorrelationMatch {
        group = Collections.unmodifiableMap(new LinkedHashMap<>(group));
        eventRefs = List.copyOf(eventRefs);
    }
}
