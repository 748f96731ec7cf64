package dev.harrier.analysis.clock;

import java.util.ArrayList;
import java.util.List;

/**
 * Activity counts by weekday and hour of day in one time zone.
 *
 * @param timeZone the zone or offset the hours are in ({@code UTC}, {@code +05:30}, {@code America/New_York})
 * @param weekdays the row labels, Monday first ({@code MON} ... {@code SUN})
 * @param counts seven rows (Monday first) of 24 counts (hour 0 first)
 * @param total the sum of all counts
 */
public record WeekHistogram(String timeZone, List<String> weekdays, List<List<Long>> counts, long total) {
    static final List<String> WEEKDAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

    public WeekHistogram {
        weekdays = List.copyOf(weekdays);
        counts = counts.stream().map(List::copyOf).toList();
    }

    /** The count for a weekday (0 = Monday) and hour. */
    public long count(int weekday, int hour) {
        return counts.get(weekday).get(hour);
    }

    static WeekHistogram of(String zone, long[][] cells) {
        List<List<Long>> rows = new ArrayList<>();
        long total = 0;
        for (long[] row : cells) {
            List<Long> r = new ArrayList<>();
            for (long c : row) {
                r.add(c);
                total += c;
            }
            rows.add(r);
        }
        return new WeekHistogram(zone, WEEKDAYS, rows, total);
    }
}
