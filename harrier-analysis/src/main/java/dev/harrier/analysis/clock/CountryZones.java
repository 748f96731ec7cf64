package dev.harrier.analysis.clock;

import com.ibm.icu.util.TimeZone;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Countries and time zones, from ICU4J's copy of the CLDR/tz data (java.time has no country mapping). */
final class CountryZones {
    private CountryZones() {}

    /** The ISO 3166 alpha-2 country of a zone, or null when it has none (e.g. {@code Etc/GMT+5}). */
    static @Nullable String region(String zoneId) {
        try {
            String r = TimeZone.getRegion(zoneId);
            return r == null || r.length() != 2 || "ZZ".equals(r) ? null : r;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The zones of a country (ICU canonical location zones), empty for unknown codes. */
    static List<String> zones(String country) {
        try {
            return List.copyOf(TimeZone.getAvailableIDs(
                    TimeZone.SystemTimeZoneType.CANONICAL_LOCATION, country.toUpperCase(Locale.ROOT), null));
        } catch (IllegalArgumentException e) {
            return List.of();
        }
    }
}
