/**
 * The activity clock: when do the operators work? From activity timestamps (interactive events, compile timestamps,
 * domain registrations) it builds the hour-of-day &times; weekday histogram, fits a working-week model in every UTC
 * offset (quarter-hour steps) and in every time zone whose daylight-saving rules differ within the data, reports the
 * best-fitting offset with a confidence and the runners-up, the working-day pattern, working hours and lunch gap, and
 * which public holidays of which countries show no activity when activity would be expected.
 *
 * <p>Entry points: {@link dev.harrier.analysis.clock.ActivityLog} collects timestamps,
 * {@link dev.harrier.analysis.clock.ActivityClock#analyze} fits them, {@link dev.harrier.analysis.clock.ClockResult}
 * is the result (a plain record tree, serialisable as JSON).
 */
@NullMarked
package dev.harrier.analysis.clock;

import org.jspecify.annotations.NullMarked;
