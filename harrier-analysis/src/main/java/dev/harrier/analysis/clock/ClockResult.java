package dev.harrier.analysis.clock;

import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The activity clock of a set of timestamps.
 *
 * @param status whether an offset could be fitted
 * @param messages what the reader must know: missing sources, too little data, low confidence
 * @param events the number of timestamps
 * @param eventsBySource timestamps per source label ({@code events}, {@code compile}, {@code domain-registration}),
 *     zero for requested sources without data
 * @param sourcesWithoutData requested sources for which there are no timestamps
 * @param first the earliest timestamp (ISO-8601), or null when empty
 * @param last the latest timestamp, or null when empty
 * @param activeDays distinct UTC days with activity
 * @param activeQuarterHours distinct UTC quarter-hours with activity (the unit the model counts)
 * @param utc the weekday &times; hour histogram in UTC
 * @param local the weekday &times; hour histogram in the best candidate's local time, or null
 * @param best the best-fitting offset or zone, or null when none could be fitted
 * @param runnersUp the next candidates, best first
 * @param requestedFits the fit of the zones and countries the caller asked about
 * @param workPattern the working week in the best candidate's local time, or null
 * @param holidayGaps holiday gap analysis per country, highest score first
 * @param holidaysUnavailable countries checked for which no holiday data is available, with the reason
 * @param method how the fit works and what it assumes
 */
public record ClockResult(
        Status status,
        List<String> messages,
        long events,
        Map<String, Long> eventsBySource,
        List<String> sourcesWithoutData,
        @Nullable String first,
        @Nullable String last,
        int activeDays,
        int activeQuarterHours,
        WeekHistogram utc,
        @Nullable WeekHistogram local,
        @Nullable OffsetFit best,
        List<OffsetFit> runnersUp,
        List<ZoneFit> requestedFits,
        @Nullable WorkPattern workPattern,
        List<HolidayGap> holidayGaps,
        List<String> holidaysUnavailable,
        String method) {
    public ClockResult {
        messages = List.copyOf(messages);
        eventsBySource = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(eventsBySource));
        sourcesWithoutData = List.copyOf(sourcesWithoutData);
        runnersUp = List.copyOf(runnersUp);
        requestedFits = List.copyOf(requestedFits);
        holidayGaps = List.copyOf(holidayGaps);
        holidaysUnavailable = List.copyOf(holidaysUnavailable);
    }

    /** Whether an offset could be fitted. */
    public enum Status {
        /** An offset was fitted. */
        OK,
        /** Some activity, but too little to fit an offset. */
        INSUFFICIENT_DATA,
        /** No activity timestamps at all. */
        EMPTY
    }
}
