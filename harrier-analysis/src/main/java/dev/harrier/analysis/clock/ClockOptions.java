package dev.harrier.analysis.clock;

import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the {@linkplain ActivityClock activity clock} should look at besides the data.
 *
 * @param sources the sources the caller asked for; those without timestamps in the log are named in the result
 * @param zones time zones whose fit is reported even when they are not among the best (e.g. a suspected actor's)
 * @param countries ISO 3166 alpha-2 codes whose zones' fit and whose public holidays are checked; when empty, the
 *     countries of the best candidates are checked
 * @param runnersUp how many runner-up offsets to report
 */
public record ClockOptions(Set<ActivitySource> sources, List<ZoneId> zones, List<String> countries, int runnersUp) {
    public ClockOptions {
        sources = sources.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(sources));
        zones = List.copyOf(zones);
        countries =
                countries.stream().map(c -> c.trim().toUpperCase(Locale.ROOT)).toList();
        if (runnersUp < 0) {
            throw new IllegalArgumentException("runnersUp must not be negative: " + runnersUp);
        }
    }

    /** All sources, no extra zones or countries, four runners-up. */
    public static ClockOptions defaults() {
        return new ClockOptions(EnumSet.allOf(ActivitySource.class), List.of(), List.of(), 4);
    }

    /** These options with the given countries. */
    public ClockOptions withCountries(List<String> codes) {
        return new ClockOptions(sources, zones, codes, runnersUp);
    }

    /** These options with the given extra zones. */
    public ClockOptions withZones(List<ZoneId> ids) {
        return new ClockOptions(sources, ids, countries, runnersUp);
    }

    /** These options with the given requested sources. */
    public ClockOptions withSources(Set<ActivitySource> requested) {
        return new ClockOptions(requested, zones, countries, runnersUp);
    }
}
