package dev.harrier.analysis.clock;

/**
 * One public holiday on a working day inside the active span.
 *
 * @param date the local date, ISO format
 * @param name the holiday's name (several joined with {@code ; } when they fall on one day)
 * @param events the events on that local date
 * @param expectedEvents the mean events on regular (non-holiday) days of the same weekday
 * @param quiet whether the day counts as quiet: activity at most the rest-day background plus a quarter of what a
 *     regular working day adds above it
 */
public record HolidayDay(String date, String name, long events, double expectedEvents, boolean quiet) {}
