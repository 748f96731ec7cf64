package dev.harrier.analysis.clock;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * How well one UTC offset or time zone explains the activity as a working week.
 *
 * @param label the fixed offset ({@code +05:30}) or, for a zone whose offset changes within the data, the zone id
 * @param zoneId the zone for a daylight-saving candidate, null for a fixed offset
 * @param offsets the offsets in force within the data: {@code +05:30}, or {@code -05:00/-04:00}
 * @param standardOffsetMinutes the lowest offset in force within the data, in minutes east of UTC
 * @param daylightSaving whether the offset changes within the data
 * @param probability the posterior probability of this candidate among all candidates (see
 *     {@link ClockResult#method()})
 * @param logLikelihood the log-likelihood of the best working-week model in this candidate
 * @param deltaLogLikelihood this candidate's log-likelihood minus the best candidate's (0 for the best)
 * @param workHours the working hours of its best model in local time, e.g. {@code 09:00-18:00}
 * @param countries ISO codes of the countries with a zone that keeps exactly these offsets within the data
 * @param zones the number of time zones that keep exactly these offsets within the data
 */
public record OffsetFit(
        String label,
        @Nullable String zoneId,
        String offsets,
        int standardOffsetMinutes,
        boolean daylightSaving,
        double probability,
        double logLikelihood,
        double deltaLogLikelihood,
        String workHours,
        List<String> countries,
        int zones) {
    public OffsetFit {
        countries = List.copyOf(countries);
    }
}
