package dev.harrier.store.sql;

import dev.harrier.core.StixTimestamps;
import java.time.Instant;

/**
 * How a sighting's {@code observed} instant is stored: its {@link StixTimestamps#sortKey(Instant) sort key}, a
 * fixed-width UTC ISO-8601 text with nine fraction digits ({@code 2024-05-01T10:00:00.123456789Z}). Text order is time
 * order on both databases (PostgreSQL compares it in the "C" collation), the key is exact to the nanosecond, and it
 * reads back with {@link Instant#parse}.
 *
 * <p>The key is fixed-width only for the years 0000 to 9999, so instants outside them are not stored.
 */
final class ObservedKey {
    /** The earliest instant that has a key. */
    static final Instant MIN = Instant.parse("0000-01-01T00:00:00Z");

    /** The latest instant that has a key. */
    static final Instant MAX = Instant.parse("9999-12-31T23:59:59.999999999Z");

    private ObservedKey() {}

    /** Whether {@code i} has a key. */
    static boolean inRange(Instant i) {
        return !i.isBefore(MIN) && !i.isAfter(MAX);
    }

    /** The key of {@code i}; throws {@link IllegalArgumentException} outside {@link #MIN} .. {@link #MAX}. */
    static String of(Instant i) {
        if (!inRange(i)) {
            throw new IllegalArgumentException("an instant outside the years 0000 to 9999: " + i);
        }
        return StixTimestamps.sortKey(i);
    }

    /** The instant of a stored key. */
    static Instant parse(String key) {
        return Instant.parse(key);
    }
}
