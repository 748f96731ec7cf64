package dev.harrier.telemetry;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Timestamp parsing for the network formats: ISO date-times with any offset style, and epoch numbers. */
final class Times {
    /**
     * {@code 2024-03-01T10:00:00.123456+0000} (Suricata), {@code +00:00}, {@code Z}, {@code +01}, or no offset
     * (UTC); {@code T} or a space between date and time; seconds and a fraction of up to 9 digits optional.
     */
    static final DateTimeFormatter ISO = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .optionalStart()
            .appendLiteral('T')
            .optionalEnd()
            .optionalStart()
            .appendLiteral(' ')
            .optionalEnd()
            .appendPattern("HH:mm")
            .optionalStart()
            .appendPattern(":ss")
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HH:MM:ss", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HHMM", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HH", "Z")
            .optionalEnd()
            .toFormatter(Locale.ROOT);

    private static final Pattern DECIMAL = Pattern.compile("-?[0-9]{1,15}(\\.[0-9]{0,30})?");

    private Times() {}

    /** An ISO date-time as {@link #ISO} describes (a missing offset means UTC), or null. */
    static @Nullable Instant iso(@Nullable Object v) {
        if (!(v instanceof String str)) {
            return null;
        }
        String s = str.trim();
        if (s.length() > 64 || s.isEmpty()) {
            return null;
        }
        try {
            TemporalAccessor t = ISO.parseBest(s, OffsetDateTime::from, LocalDateTime::from);
            return t instanceof OffsetDateTime o ? o.toInstant() : ((LocalDateTime) t).toInstant(ZoneOffset.UTC);
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }

    /** A date-time in a {@link DateTimeFormatter} pattern's form, at {@code zone} unless it carries an offset. */
    static @Nullable Instant pattern(String s, DateTimeFormatter f, ZoneId zone) {
        if (s.length() > 128) {
            return null;
        }
        try {
            TemporalAccessor t = f.parseBest(s.trim(), OffsetDateTime::from, LocalDateTime::from);
            return t instanceof OffsetDateTime o
                    ? o.toInstant()
                    : ((LocalDateTime) t).atZone(zone).toInstant();
        } catch (RuntimeException e) {
            // DateTimeException mostly; user patterns can make the JDK throw others
            return null;
        }
    }

    /**
     * Epoch seconds with an optional fraction, exact to the nanosecond ({@code 1591367999.305988}): a decimal string
     * or a JSON number ({@link Long}, {@link Double}, {@link BigDecimal}); else null.
     */
    static @Nullable Instant epochSeconds(@Nullable Object v) {
        return epoch(v, 0);
    }

    /** Epoch milliseconds, as {@link #epochSeconds} (a fraction is allowed). */
    static @Nullable Instant epochMillis(@Nullable Object v) {
        return epoch(v, 3);
    }

    private static @Nullable Instant epoch(@Nullable Object v, int shift) {
        BigDecimal d;
        if (v instanceof String s) {
            String t = s.trim();
            if (!DECIMAL.matcher(t).matches()) {
                return null;
            }
            d = new BigDecimal(t);
        } else if (v instanceof Long l) {
            d = BigDecimal.valueOf(l);
        } else if (v instanceof Integer i) {
            d = BigDecimal.valueOf(i);
        } else if (v instanceof Double x) {
            if (!Double.isFinite(x)) {
                return null;
            }
            d = BigDecimal.valueOf(x); // the shortest decimal that gives x: 1591367999.305988 stays exact
        } else if (v instanceof BigDecimal b) {
            d = b;
        } else {
            return null;
        }
        // refuse absurd magnitudes before any scaling (1e999999999 would take forever)
        if (d.scale() > 40 || d.scale() < -20 || d.precision() - d.scale() > 19) {
            return null;
        }
        d = d.movePointLeft(shift);
        try {
            BigDecimal seconds = d.setScale(0, RoundingMode.FLOOR);
            long sec = seconds.longValueExact();
            int nanos = d.subtract(seconds)
                    .movePointRight(9)
                    .setScale(0, RoundingMode.DOWN)
                    .intValueExact();
            return Instant.ofEpochSecond(sec, nanos);
        } catch (ArithmeticException | DateTimeException e) {
            return null;
        }
    }
}
