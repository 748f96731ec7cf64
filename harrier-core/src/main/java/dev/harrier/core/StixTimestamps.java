package dev.harrier.core;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * STIX timestamps: RFC 3339 in UTC ({@code Z}) with any number of fractional digits.
 *
 * <p>Two timestamps that name the same instant with different precision ({@code ...00Z} and {@code ...00.000Z}) are
 * the same version of an object, so versions are compared by {@link #sortKey(String)}, a fixed-width string that
 * orders like the instant.
 */
public final class StixTimestamps {
    private static final Pattern STIX_TIMESTAMP =
            Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$");

    private StixTimestamps() {}

    /** Whether {@code s} is a valid STIX timestamp. */
    public static boolean isValid(String s) {
        return STIX_TIMESTAMP.matcher(s).matches() && parse(s).isPresent();
    }

    /** The instant of a STIX timestamp; also accepts other ISO-8601 instants such as {@code +00:00} offsets. */
    public static Optional<Instant> parse(String s) {
        try {
            return Optional.of(Instant.parse(s));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** A fixed-width, lexicographically ordered key ({@code 2020-01-02T03:04:05.123456789Z}); same instant, same key. */
    public static String sortKey(String stixTimestamp) {
        Instant i = parse(stixTimestamp)
                .orElseThrow(() -> new IllegalArgumentException("not a STIX timestamp: " + stixTimestamp));
        return sortKey(i);
    }

    /** The sort key of an instant. */
    public static String sortKey(Instant i) {
        return SECONDS.format(i) + String.format(java.util.Locale.ROOT, ".%09dZ", i.getNano());
    }

    private static final java.time.format.DateTimeFormatter SECONDS = java.time.format.DateTimeFormatter.ofPattern(
                    "uuuu-MM-dd'T'HH:mm:ss", java.util.Locale.ROOT)
            .withZone(java.time.ZoneOffset.UTC);

    /** Formats an instant the way STIX producers usually do: millisecond precision, {@code Z}. */
    public static String format(Instant i) {
        String key = sortKey(i);
        return key.substring(0, 23) + "Z";
    }
}
