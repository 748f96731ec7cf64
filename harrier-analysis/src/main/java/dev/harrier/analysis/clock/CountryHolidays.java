package dev.harrier.analysis.clock;

import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A country's public holidays (days off) in a date range.
 *
 * @param country ISO code
 * @param source where they come from
 * @param days the days off, each with its name
 * @param note a caveat about the calendar, or null
 */
record CountryHolidays(
        String country,
        String source,
        List<Day> days,
        @Nullable String note) {
    CountryHolidays {
        days = List.copyOf(days);
    }

    /** One day off. */
    record Day(LocalDate date, String name) {}
}
