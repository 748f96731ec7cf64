package dev.harrier.analysis.clock;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Holiday gap analysis for one country: do the country's public holidays that fall on the operators' working days
 * show no activity, more often than regular working days do?
 *
 * @param country ISO 3166 alpha-2 code
 * @param calendar where the holidays come from (Jollyday, or Harrier's ICU4J rules for countries Jollyday lacks)
 * @param timeZone the country's zone the days are counted in
 * @param holidaysOnWorkDays holidays inside the active span that fall on the operators' working weekdays
 * @param silentHolidays how many of those had no activity at all
 * @param quietHolidays how many of those were quiet: activity at most the rest-day background plus a quarter of what a
 *     regular working day of that weekday adds above it (background noise does not hide a day off)
 * @param expectedQuietByChance how many would be quiet by chance: {@code holidaysOnWorkDays} times the share of quiet
 *     regular working days
 * @param quietShareOnRegularDays the share of regular (non-holiday) working days that are quiet
 * @param backgroundPerDay the mean events on rest days (the background noise level per day)
 * @param expectedEvents the events expected on those holidays from regular days of the same weekday
 * @param observedEvents the events actually seen on them
 * @param score {@code (quiet - expected quiet) / (holidays - expected quiet)}: 1 when every holiday is quiet
 *     although regular days rarely are, about 0 when holidays look like any other day, negative when they are busier
 * @param pValue the chance of at least {@code quietHolidays} quiet holidays if holidays were regular days
 *     (binomial upper tail)
 * @param holidays the holidays counted
 * @param note a caveat (calendar approximations, too little data), or null
 */
public record HolidayGap(
        String country,
        String calendar,
        String timeZone,
        int holidaysOnWorkDays,
        int silentHolidays,
        int quietHolidays,
        double expectedQuietByChance,
        double quietShareOnRegularDays,
        double backgroundPerDay,
        double expectedEvents,
        long observedEvents,
        double score,
        double pValue,
        List<HolidayDay> holidays,
        @Nullable String note) {
    public HolidayGap {
        holidays = List.copyOf(holidays);
    }
}
